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
  | { kind: "emit"; origin: string; channel: string; event: string; args: unknown[]; except?: string }
  /** Take a socket out of a channel; the instance holding it answers with `socketLeftChannel`. */
  | { kind: "leaveChannel"; origin: string; socketId: string; channel: string; requestId: string }
  | { kind: "socketLeftChannel"; origin: string; requestId: string }
  /** Disconnect every local socket of a user. */
  | { kind: "disconnectUser"; origin: string; userName: string }
  /** An application event emitted on `service.clusterBus`. */
  | { kind: "custom"; origin: string; event: string; args: unknown[] };

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
  publish(message: BusMessage): Promise<void>;
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
