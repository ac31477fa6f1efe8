/**
 * The bus contract: publish/subscribe between the instances of one cluster, and the in-process bus.
 *
 * The core owns fan-out. It delivers to its own local sockets directly and publishes once on the bus so that
 * every other instance delivers to theirs; a bus therefore never needs to echo a publication back to its
 * publisher, and the core ignores publications carrying its own `origin`.
 * @module
 */

/** What instances tell each other. `origin` is the publishing instance's UID. */
export type BusMessage =
  /** Deliver a notification to the local members of a channel, skipping socket `except`. */
  | {
      /** Deliver a notification. */
      kind: "emit";
      /** UID of the publishing instance; an instance ignores its own publications. */
      origin: string;
      /** The channel (a room's or a user's) whose local members receive the notification. */
      channel: string;
      /** The notification name, e.g. `"roomMessage"`. */
      event: string;
      /** The notification's positional arguments. */
      args: unknown[];
      /** A socket id that must not receive it (the sender of an echo). */
      except?: string;
    }
  /** Take a socket out of a channel; the instance holding it answers with `socketLeftChannel`. */
  | {
      /** Ask the owning instance to remove a socket from a channel. */
      kind: "leaveChannel";
      /** UID of the asking instance: the answer goes back to it. */
      origin: string;
      /** The socket to remove. */
      socketId: string;
      /** The channel to remove it from. */
      channel: string;
      /** Correlates the `socketLeftChannel` answer with this request. */
      requestId: string;
    }
  /** The answer to `leaveChannel`, published once the socket left the channel. */
  | {
      /** Acknowledge a `leaveChannel`. */
      kind: "socketLeftChannel";
      /** UID of the instance that removed the socket. */
      origin: string;
      /** The `requestId` of the `leaveChannel` answered. */
      requestId: string;
    }
  /** Disconnect every local socket of a user. */
  | {
      /** Disconnect a user everywhere. */
      kind: "disconnectUser";
      /** UID of the publishing instance. */
      origin: string;
      /** The user whose sockets every instance disconnects. */
      userName: string;
    }
  /** An application event emitted on `service.clusterBus`. */
  | {
      /** An application event. */
      kind: "custom";
      /** UID of the publishing instance. */
      origin: string;
      /** The application's event name. */
      event: string;
      /** The event's arguments, as given to `clusterBus.emit`. */
      args: unknown[];
    };

/** Receives every message published on the bus (the subscriber's own included, which the core ignores). */
export type BusListener = (message: BusMessage) => void;

/**
 * Publish/subscribe between service instances.
 *
 * - `publish` MUST deliver the message to the listeners of every other instance subscribed to the same bus, in
 *   publication order per publisher; delivering it to the publisher's own listener is allowed (it is ignored).
 * - Messages carry plain data and binary values (`Uint8Array`/`Buffer`); a networked bus MUST round-trip both.
 * - `subscribe` resolves once the listener is receiving; the returned function stops it.
 */
export interface Bus {
  /** Sends `message` to every instance subscribed to the bus; resolves once the bus accepted it. */
  publish(message: BusMessage): Promise<void>;
  /** Starts delivering messages to `listener`; resolves to the function that stops it. */
  subscribe(listener: BusListener): Promise<() => Promise<void>>;
  /**
   * Called by the service's `close()` after it unsubscribed. Releases what the bus itself created; MUST NOT close
   * clients the caller passed in, nor cut off other services sharing the bus.
   */
  close(): Promise<void>;
}

/**
 * An in-process bus. One is created for every service that is given none; share one between several services
 * in the same process (together with one store) to run them as a cluster, as tests do.
 * Delivery is synchronous and in order; listeners are called with the very objects that were published.
 * @example
 * const bus = memoryBus();
 * const store = memoryStore();
 * const a = createChatServer({ store, bus, transports: [socketIoTransport({ port: 8001 })] });
 * const b = createChatServer({ store, bus, transports: [socketIoTransport({ port: 8002 })] });
 */
export function memoryBus(): Bus {
  const listeners = new Set<BusListener>();
  return {
    async publish(message) {
      for (const listener of [...listeners]) listener(message);
    },
    async subscribe(listener) {
      // A wrapper gives each subscription its own identity, so the same function may subscribe twice.
      const subscription: BusListener = (message) => listener(message);
      listeners.add(subscription);
      return async () => {
        listeners.delete(subscription);
      };
    },
    // Services sharing this bus each drop their own subscription; closing one must not cut the others off.
    async close() {},
  };
}
