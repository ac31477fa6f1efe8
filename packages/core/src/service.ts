/**
 * `ChatService`: one running instance of the chat service, with the server-side API of chat-service 1.0.
 * @module
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { memoryBus, type Bus } from "./bus.js";
import { ChatServiceError, chatError, isInternalError, toPublicError } from "./errors.js";
import { execUserCommand, type ExecContext } from "./exec-user-command.js";
import { callHook, type Hooks } from "./hooks.js";
import { Delivery } from "./delivery.js";
import { LocalSockets } from "./local-sockets.js";
import { Locks, type LockHolderInfo } from "./locks.js";
import { resolveOptions, type ChatServiceOptions, type ResolvedOptions } from "./options.js";
import { checkArguments } from "./pipeline.js";
import { commandArguments, isCommandName } from "./protocol/index.js";
import * as recovery from "./recovery.js";
import type { ErrorContext, Runtime } from "./runtime.js";
import * as api from "./service-api.js";
import { ServiceTransport } from "./service-transport.js";
import { ClusterBus } from "./cluster-bus.js";
import { InstanceReaper } from "./instance-reaper.js";
import type { Store } from "./store.js";
import { createTransportHost } from "./transport-host.js";
import type { Transport } from "./transport.js";

/** Events of a {@link ChatService} and their arguments. */
export interface ServiceEvents {
  /** Store, bus and transports are up; the heartbeat runs. */
  ready: [];
  /** The service closed: `null` after a clean `close()`, the error after a failed start or close. */
  closed: [error: unknown];
  /** A presence update failed in the store; state may be inconsistent (repair with the RecoveryAPI). */
  storeConsistencyFailure: [
    error: unknown,
    info: {
      /** The user whose state may be inconsistent. */
      userName: string;
      /** Which part of the state the failed update touched. */
      opType: "userRooms" | "roomUserlist" | "userSockets";
      /** The room involved, if any. */
      roomName?: string;
      /** The socket involved, if any. */
      id?: string;
    },
  ];
  /** Removing a socket from a transport channel failed. */
  transportConsistencyFailure: [
    error: unknown,
    info: {
      /** The socket's user. */
      userName: string;
      /** Always `"transportChannel"`: a channel membership update failed. */
      opType: "transportChannel";
      /** The room whose channel the socket should have left. */
      roomName: string;
      /** The socket. */
      id: string;
    },
  ];
  /** A user/room lock was held longer than the store's `lockTTL`. */
  lockTimeExceeded: [token: string, info: LockHolderInfo];
  /**
   * Added: an internal failure (a bug or the store) answered a client with a bare `internalError`, or failed a
   * sweep of dead-instance detection in the background (context `{ command: "instanceRecovery" }`; the error names
   * the dead instance, the store's error is its `cause`; the next sweep tries again).
   */
  internalError: [error: unknown, context: ErrorContext];
  /**
   * Added: this instance found another one silent for longer than `heartbeatTimeout` and cleaned it up as
   * `instanceRecovery` does (each socket of it left its rooms, with `roomUserLeft` etc., without `onDisconnect`).
   * Exactly one live instance cleans a given dead one. Not emitted for explicit `instanceRecovery` calls.
   */
  instanceRecovered: [instanceUID: string, sockets: number];
  /** Added: a publication on the bus failed, so other instances missed it. */
  busError: [error: unknown];
}

type Listener<E extends keyof ServiceEvents> = (...args: ServiceEvents[E]) => void;

/** Node's own listener type, kept inside this file so that no `any` reaches the package's types. */
type EmitterListener = Parameters<EventEmitter["on"]>[1];

/**
 * One instance of the chat service. Create it with {@link createChatServer} (or `new ChatService`), which starts
 * it; `await service.whenReady()` or listen for `ready`.
 */
export class ChatService extends EventEmitter {
  /** The error class, for hooks and subclasses: `throw new service.ChatServiceError("notAllowed")`. */
  static readonly ChatServiceError = ChatServiceError;
  /** The same error class on the instance, so that hooks holding only `service` can throw one. */
  readonly ChatServiceError = ChatServiceError;
  /** 24 URL-safe base64 characters (18 random bytes) naming this instance in the store. */
  readonly instanceUID: string = randomBytes(18).toString("base64url");
  /** The options in effect, defaults applied. */
  readonly options: Readonly<ResolvedOptions>;
  /** A copy of the hooks given at construction; later changes to the caller's object have no effect. */
  readonly hooks: Readonly<Hooks>;
  /** The store given as option `store`; `close()` closes it. */
  readonly store: Store;
  /** The transports given as option `transports`, in order. */
  readonly transports: readonly Transport[];
  /** Public transport helpers over all of this instance's transports (PROTOCOL.md §14.4). */
  readonly transport: ServiceTransport;
  /** Application events delivered to every instance, this one included. */
  readonly clusterBus: ClusterBus;

  private readonly bus: Bus;
  private readonly runtime: Runtime;
  private readonly starting: Promise<void>;
  private readonly running = new Set<Promise<unknown>>();
  private unsubscribe?: () => Promise<void>;
  private heartbeat?: NodeJS.Timeout;
  private readonly reaper: InstanceReaper;
  private state: "starting" | "ready" | "closing" | "closed" = "starting";
  private closing?: Promise<void>;

  constructor(options: ChatServiceOptions, hooks: Hooks = {}) {
    super();
    this.options = resolveOptions(options);
    if (!options.store || typeof options.store.getRoomAccess !== "function") {
      throw new TypeError("@chat/core: option `store` must be a store object, e.g. `memoryStore()` from @chat/store-memory");
    }
    this.hooks = { ...hooks };
    this.store = options.store;
    this.bus = options.bus ?? memoryBus();
    this.transports = [...(options.transports ?? [])];
    const sockets = new LocalSockets();
    const delivery = new Delivery({
      instanceUID: this.instanceUID,
      // A private bus has no other subscriber: publishing would be wasted work on every notification.
      bus: options.bus ? this.bus : null,
      sockets,
      transports: this.transports,
      busAckTimeout: this.options.busAckTimeout,
      onBusError: (error) => this.emitEvent("busError", error),
      onCustomEvent: (event, args) => this.clusterBus.deliverLocally(event, args),
    });
    this.clusterBus = new ClusterBus(delivery);
    this.runtime = {
      service: this,
      store: this.store,
      options: this.options,
      hooks: this.hooks,
      instanceUID: this.instanceUID,
      sockets,
      delivery,
      locks: new Locks(this.store, (token, info) => this.emitEvent("lockTimeExceeded", token, info)),
      emit: (event, ...args) => this.emitEvent(event, ...args),
      toPublicError: (error, context) => {
        if (isInternalError(error)) this.emitEvent("internalError", error, context);
        return toPublicError(error);
      },
    };
    this.transport = new ServiceTransport(sockets, delivery);
    this.reaper = new InstanceReaper(this.runtime, (sweep) => this.track(sweep));
    this.starting = this.start();
    // Failures are reported with `closed(error)` and by `whenReady()`; never as an unhandled rejection.
    this.starting.catch(() => {});
  }

  /** Resolves once the service is ready; rejects with the start error. */
  whenReady(): Promise<void> {
    return this.starting;
  }

  /** Listens to a {@link ServiceEvents} event, with typed arguments. */
  override on<E extends keyof ServiceEvents>(event: E, listener: Listener<E>): this;
  /** Listens to any other event, as `EventEmitter.on` does. */
  override on(event: string | symbol, listener: (...args: unknown[]) => void): this;
  override on(event: string | symbol, listener: (...args: unknown[]) => void): this {
    return super.on(event, listener as EmitterListener);
  }

  /** Listens once to a {@link ServiceEvents} event, with typed arguments. */
  override once<E extends keyof ServiceEvents>(event: E, listener: Listener<E>): this;
  /** Listens once to any other event, as `EventEmitter.once` does. */
  override once(event: string | symbol, listener: (...args: unknown[]) => void): this;
  override once(event: string | symbol, listener: (...args: unknown[]) => void): this {
    return super.once(event, listener as EmitterListener);
  }

  private emitEvent<E extends keyof ServiceEvents>(event: E, ...args: ServiceEvents[E]): void {
    this.emit(event, ...args);
  }

  private async start(): Promise<void> {
    try {
      this.unsubscribe = await this.bus.subscribe((message) => this.runtime.delivery.receive(message));
      if (this.hooks.onStart) await callHook(this.hooks.onStart, this);
      // Beating before any connection is accepted means that every socket in the store belongs to an instance
      // with a heartbeat, which dead-instance detection relies on to find it.
      await this.store.setInstanceHeartbeat(this.instanceUID, Date.now());
      this.heartbeat = setInterval(() => {
        this.store.setInstanceHeartbeat(this.instanceUID, Date.now()).catch(() => {
          // A missed beat is retried at the next one; other instances wait heartbeatTimeout before judging.
        });
      }, this.options.heartbeatRate);
      this.heartbeat.unref();
      const running = { track: <T>(operation: Promise<T>) => this.track(operation) };
      for (const transport of this.transports) await transport.start(createTransportHost(this.runtime, transport, running));
      this.reaper.start();
      if (this.state !== "starting") return;
      this.state = "ready";
      this.emitEvent("ready");
    } catch (error) {
      this.state = "closed";
      clearInterval(this.heartbeat);
      this.reaper.stop();
      // Transports that did start must give their ports back; closing one that never started is harmless.
      await Promise.allSettled(this.transports.map((transport) => transport.close()));
      await this.release();
      this.emitEvent("closed", error);
      throw error;
    }
  }

  private track<T>(operation: Promise<T>): Promise<T> {
    this.running.add(operation);
    const forget = () => this.running.delete(operation);
    operation.then(forget, forget);
    return operation;
  }

  /** Commands and cleanups in progress. */
  get runningCommands(): number {
    return this.running.size;
  }

  /**
   * Closes the service: stops accepting connections, disconnects every client (running each disconnect
   * cleanup), waits for running commands (at most `closeTimeout` ms), runs `onClose`, closes bus and store.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await this.starting.catch(() => {});
    if (this.state === "closed") return;
    this.state = "closing";
    clearInterval(this.heartbeat);
    this.reaper.stop();
    let failure: unknown = null;
    try {
      await withTimeout(this.drain(), this.options.closeTimeout, "closing transports and running commands");
      // Every socket was cleaned up, so nothing is left for other instances to recover. After a failed drain the
      // heartbeat stays instead: once it times out, another instance cleans up whatever this one left.
      await this.store.removeInstance(this.instanceUID).catch(() => {});
    } catch (error) {
      failure = error;
    }
    if (this.hooks.onClose) {
      try {
        await callHook(this.hooks.onClose, this, failure);
        failure = null;
      } catch (error) {
        failure = error;
      }
    }
    await this.release();
    this.state = "closed";
    this.emitEvent("closed", failure);
    if (failure !== null) throw failure;
  }

  private async drain(): Promise<void> {
    await Promise.all(this.transports.map((transport) => transport.close()));
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Releases bus and store; failures here must not hide the close outcome. */
  private async release(): Promise<void> {
    await this.unsubscribe?.().catch(() => {});
    this.runtime.delivery.close();
    await this.bus.close().catch(() => {});
    await this.store.close().catch(() => {});
  }

  // ---- ServiceAPI (PROTOCOL.md §14.2) ----

  /** Validates a command's arguments exactly as a request's (extra arguments are an error here). */
  async checkArguments(command: string, ...args: unknown[]): Promise<void> {
    if (!isCommandName(command)) throw chatError("noCommand", command);
    await checkArguments(this.runtime, command, args);
    const arity = commandArguments[command].length;
    if (args.length > arity) throw chatError("wrongArgumentsCount", arity, args.length);
  }

  /** Runs a client command server side. @returns the reply values (normally `[result]`). */
  execUserCommand(context: ExecContext, command: string, ...args: unknown[]): Promise<unknown[]> {
    return this.track(execUserCommand(this.runtime, context, command, args));
  }

  /**
   * Creates a user with the given direct-messaging state. Rejects with `invalidName` or `userExists`.
   * Users are also created on their first login, so this is only needed to preset their lists.
   */
  addUser(userName: string, state?: api.UserStateInit): Promise<void> {
    return api.addUser(this.runtime, userName, state);
  }

  /** Deletes a user and its direct-messaging state. Rejects with `noUser`, or `userOnline` while it has sockets. */
  deleteUser(userName: string): Promise<void> {
    return api.deleteUser(this.runtime, userName);
  }

  /** Whether the user exists. */
  hasUser(userName: string): Promise<boolean> {
    return this.store.hasUser(userName);
  }

  /** Whether `item` is in one of the user's direct lists (`whitelist`, `blacklist`). Rejects with `noUser` or `noList`. */
  userHasInList(userName: string, listName: string, item: string): Promise<boolean> {
    return api.userHasInList(this.runtime, userName, listName, item);
  }

  /** Whether `sender` may send direct messages to `recipient` under the recipient's lists and mode. */
  hasDirectAccess(recipient: string, sender: string): Promise<boolean> {
    return api.hasDirectAccess(this.runtime, recipient, sender);
  }

  /** Disconnects every socket of the user, on every instance. Returns at once. */
  disconnectUserSockets(userName: string): void {
    this.runtime.delivery.disconnectUser(userName);
  }

  /** Creates a room with the given state. Rejects with `invalidName`, `badArgument` or `roomExists`. */
  addRoom(roomName: string, state?: api.RoomStateInit): Promise<void> {
    return api.addRoom(this.runtime, roomName, state);
  }

  /** Deletes a room as `roomDelete` does, user-less and bypassing permissions; its hooks run. */
  async deleteRoom(roomName: string): Promise<void> {
    await this.execUserCommand(true, "roomDelete", roomName);
  }

  /** Whether the room exists. */
  hasRoom(roomName: string): Promise<boolean> {
    return this.store.hasRoom(roomName);
  }

  /** Whether `item` is in one of the room's lists (`adminlist`, `whitelist`, `blacklist`, `userlist`). Rejects with `noRoom` or `noList`. */
  roomHasInList(roomName: string, listName: string, item: string): Promise<boolean> {
    return api.roomHasInList(this.runtime, roomName, listName, item);
  }

  /** Whether `userName` may join the room under its lists and mode (the owner always may). */
  hasRoomAccess(roomName: string, userName: string): Promise<boolean> {
    return api.hasRoomAccess(this.runtime, roomName, userName);
  }

  /** Sets the owner; no validation, notification or removal. */
  changeRoomOwner(roomName: string, owner: string): Promise<void> {
    return api.updateRoomSettings(this.runtime, roomName, { owner });
  }

  /** Sets the history capacity and trims the stored history at once. */
  changeRoomHistoryMaxSize(roomName: string, size: number): Promise<void> {
    return api.changeRoomHistoryMaxSize(this.runtime, roomName, size);
  }

  /** Turns the room's list-change notifications on or off; no notification is sent for the change itself. */
  changeAccessListsUpdates(roomName: string, mode: boolean): Promise<void> {
    return api.updateRoomSettings(this.runtime, roomName, { enableAccessListsUpdates: Boolean(mode) });
  }

  /** Turns the room's `roomUserJoined` / `roomUserLeft` notifications on or off. */
  changeUserlistUpdates(roomName: string, mode: boolean): Promise<void> {
    return api.updateRoomSettings(this.runtime, roomName, { enableUserlistUpdates: Boolean(mode) });
  }

  // ---- RecoveryAPI (PROTOCOL.md §14.3) ----

  /** Repairs a user's presence after a `storeConsistencyFailure`: drops sockets and joins the store no longer backs. */
  userStateSync(userName: string): Promise<void> {
    return this.track(recovery.userStateSync(this.runtime, userName));
  }

  /** Repairs a room's userlist after a `storeConsistencyFailure`, so it matches the sockets joined to the room. */
  roomStateSync(roomName: string): Promise<void> {
    return this.track(recovery.roomStateSync(this.runtime, roomName));
  }

  /**
   * Cleans up the sockets of an instance that died without `close()`. Live instances do this by themselves once
   * its heartbeat is `heartbeatTimeout` ms old (the `instanceRecovered` event); this call does it now.
   */
  async instanceRecovery(instanceUID: string): Promise<void> {
    await this.track(recovery.instanceRecovery(this.runtime, instanceUID));
  }

  /** The last heartbeat of an instance (default: this one), or `null`. */
  getInstanceHeartbeat(instanceUID: string = this.instanceUID): Promise<number | null> {
    return this.store.getInstanceHeartbeat(instanceUID);
  }
}

async function withTimeout<T>(operation: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`@chat/core: timed out after ${ms} ms ${what}`)), ms);
  });
  try {
    return await Promise.race([operation, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Creates and starts a chat service; resolves once it is ready (rejects with the start error).
 * @example
 * import { createChatServer } from "@chat/core";
 * import { memoryStore } from "@chat/store-memory";
 * import { socketIoTransport } from "@chat/transport-socketio";
 *
 * const chat = await createChatServer(
 *   { store: memoryStore(), transports: [socketIoTransport({ port: 8000 })] },
 *   { onConnect: (service, id) => service.transport.getHandshakeData(id).query.userName as string },
 * );
 * await chat.addRoom("default", { owner: "admin" });
 */
export async function createChatServer(options: ChatServiceOptions, hooks?: Hooks): Promise<ChatService> {
  const service = new ChatService(options, hooks);
  await service.whenReady();
  return service;
}
