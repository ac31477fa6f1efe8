/**
 * The client's engine: one connection attempt after another (a new link each time, with backoff), the login,
 * recovery of the rooms before going online, and the requests that wait for it.
 * @module
 */
import type { CommandArgs, CommandResult, ServerEvents } from "@chat/core/protocol";
import { backoffDelay } from "./backoff.js";
import { Emitter } from "./emitter.js";
import { ChatClientError, toChatClientError } from "./errors.js";
import type { ClientEvents, ClientState, LoginInfo } from "./events.js";
import type { Link, LinkFactory } from "./links/link.js";
import { routeNotification } from "./notifications.js";
import { OfflineQueue } from "./offline-queue.js";
import { type AuthQuery, type ResolvedClientOptions, resolveAuth } from "./options.js";
import type { RoomCall, RoomCommand } from "./rooms/room-state.js";
import { RoomTracker } from "./rooms/room-tracker.js";
import { startTimer } from "./timer.js";
import { fromWireError } from "./wire-error.js";

interface LoginWaiter {
  promise: Promise<LoginInfo>;
  resolve(info: LoginInfo): void;
  reject(error: ChatClientError): void;
}

function loginWaiter(): LoginWaiter {
  let resolve!: (info: LoginInfo) => void;
  let reject!: (error: ChatClientError) => void;
  const promise = new Promise<LoginInfo>((res, rej) => ((resolve = res), (reject = rej)));
  // Nobody may be waiting; the rejection must not become an unhandled one.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The state machine behind a `ChatClient`: connection attempts, login, recovery, requests. */
export class ClientCore {
  readonly events = new Emitter<ClientEvents>();
  readonly rooms: RoomTracker;
  state: ClientState = "idle";
  loginInfo: LoginInfo | undefined;
  /** Resolves at the first login. */
  readonly ready: Promise<LoginInfo>;
  private readonly queue: OfflineQueue;
  private link: Link | undefined;
  /** The link has a confirmed login: internal commands may use it. */
  private loggedIn = false;
  /** Counts attempts; callbacks of an older attempt are ignored. */
  private epoch = 0;
  /** Attempts since the last login, the backoff exponent. */
  private failures = 0;
  private everOnline = false;
  private waiter: LoginWaiter | undefined;
  private cancelConnectTimer = (): void => {};
  private cancelRetry = (): void => {};

  constructor(
    private readonly options: ResolvedClientOptions,
    private readonly createLink: LinkFactory,
  ) {
    this.queue = new OfflineQueue(options.offlineTimeout);
    this.rooms = new RoomTracker(this.roomCall, {
      message: (room, message) => this.events.emit("roomMessage", room, message),
      gap: (room, range) => this.events.emit("historyGap", room, range),
      rejoinFailed: (room, error) => this.events.emit("rejoinFailed", room, error),
      error: (error) => this.reportError(error),
    });
    this.waiter = loginWaiter();
    this.ready = this.waiter.promise;
    if (options.autoConnect) void this.connect();
  }

  connect(): Promise<LoginInfo> {
    if (this.state === "closed") return Promise.reject(new ChatClientError("notConnected", ["the client is closed"]));
    if (this.state === "online") return Promise.resolve(this.loginInfo!);
    this.waiter ??= loginWaiter();
    if (this.state === "idle" || this.state === "rejected") {
      this.failures = 0;
      this.setState("connecting");
      void this.attempt();
    }
    return this.waiter.promise;
  }

  close(): Promise<void> {
    if (this.state === "closed") return Promise.resolve();
    this.setState("closed");
    this.cancelRetry();
    this.cancelConnectTimer();
    this.queue.rejectAll("the client is closed");
    this.settleWaiter(new ChatClientError("notConnected", ["the client was closed"]));
    this.link?.close("client closed", true);
    return Promise.resolve();
  }

  /** An application request: sent now when online, queued otherwise, refused once the client stopped. */
  request(event: string, args: readonly unknown[]): Promise<unknown[]> {
    if (this.state === "closed") return Promise.reject(new ChatClientError("notConnected", ["the client is closed"]));
    if (this.state === "rejected") return Promise.reject(new ChatClientError("notConnected", ["the login was rejected"]));
    if (this.state === "online" && this.loggedIn) return this.send(event, args);
    return this.queue.add(event, args);
  }

  /** Sends on the logged-in link, keeping the room tracking in step with joins and leaves. */
  private send(event: string, args: readonly unknown[]): Promise<unknown[]> {
    const link = this.link;
    if (!link || !this.loggedIn) return Promise.reject(new ChatClientError("notConnected", ["no connection"]));
    const room = typeof args[0] === "string" ? args[0] : undefined;
    // A leave is honoured even if its reply is lost: the next reconnect must not join the room again.
    if (event === "roomLeave" && room !== undefined) this.rooms.untrack(room);
    if (event === "roomJoin" && room !== undefined) this.rooms.joinSent(room);
    const reply = link.request(event, args, this.options.requestTimeout);
    if (event === "roomJoin" && room !== undefined) {
      // Registered before the caller's handlers: the room is tracked by the time `await roomJoin()` returns.
      reply.then(
        () => this.rooms.joined(room),
        () => this.rooms.joinFailed(room),
      );
    }
    return reply;
  }

  /** Commands the delivery logic runs itself: on the logged-in link only, never queued. */
  private readonly roomCall: RoomCall = <C extends RoomCommand>(command: C, ...args: CommandArgs<C>) => {
    const link = this.link;
    if (!link || !this.loggedIn) return Promise.reject(new ChatClientError("notConnected", ["no connection"]));
    return link.request(command, args, this.options.requestTimeout).then((results) => results[0] as CommandResult<C>);
  };

  private async attempt(): Promise<void> {
    const epoch = ++this.epoch;
    let query: AuthQuery;
    try {
      query = await resolveAuth(this.options.auth);
    } catch (error) {
      this.reportError(toChatClientError(error));
      this.lost(epoch, `auth failed: ${messageOf(error)}`);
      return;
    }
    if (epoch !== this.epoch || this.stopped()) return;
    const link = this.createLink(
      { ...this.options, query },
      {
        notification: (event, args) => this.onNotification(epoch, event, args),
        closed: (reason) => this.lost(epoch, reason),
      },
    );
    this.link = link;
    this.cancelConnectTimer = startTimer(this.options.connectTimeout, () => link.close("connect timeout"));
  }

  private onNotification(epoch: number, event: string, args: unknown[]): void {
    if (epoch !== this.epoch) return;
    if (event === "loginConfirmed") void this.onLogin(epoch, args as ServerEvents["loginConfirmed"]);
    else if (event === "loginRejected") this.onRejected(args[0]);
    else routeNotification(event, args, { events: this.events, rooms: this.rooms, socketId: this.loginInfo?.authData.id });
  }

  private async onLogin(epoch: number, [userName, authData]: ServerEvents["loginConfirmed"]): Promise<void> {
    this.cancelConnectTimer();
    this.loggedIn = true;
    this.loginInfo = { userName, authData };
    const reconnected = this.everOnline;
    try {
      await this.rooms.recover();
    } catch (error) {
      // The connection failed under the recovery (a timeout, say): start over on a new one.
      if (epoch === this.epoch) this.link?.close(`recovery failed: ${messageOf(error)}`);
      return;
    }
    if (epoch !== this.epoch || this.stopped()) return;
    this.failures = 0;
    this.everOnline = true;
    this.setState("online");
    this.queue.flush((event, args) => this.send(event, args));
    this.events.emit("login", userName, authData, { reconnected });
    this.waiter?.resolve(this.loginInfo);
    this.waiter = undefined;
  }

  private onRejected(raw: unknown): void {
    const error = fromWireError(raw);
    this.setState("rejected");
    this.cancelConnectTimer();
    this.queue.rejectAll(`the login was rejected: ${error.message}`);
    this.settleWaiter(error);
    this.events.emit("loginRejected", error);
    this.link?.close("login rejected", true);
  }

  /** The link of attempt `epoch` is gone: report it, then retry unless the client stopped. */
  private lost(epoch: number, reason: string): void {
    if (epoch !== this.epoch) return;
    this.cancelConnectTimer();
    this.link = undefined;
    this.loggedIn = false;
    this.rooms.linkLost();
    // The state changes before `disconnect` is emitted, so that a request made by its listeners is queued.
    if (this.stopped()) {
      this.events.emit("disconnect", reason);
    } else if (this.options.reconnect === false) {
      const error = new ChatClientError("notConnected", [`the connection was lost (${reason}) and reconnect is off`]);
      this.setState("closed");
      this.queue.rejectAll(error.args[0]);
      this.settleWaiter(error);
      this.events.emit("disconnect", reason);
    } else {
      this.setState(this.everOnline ? "reconnecting" : "connecting");
      this.events.emit("disconnect", reason);
      if (this.stopped()) return;
      const delay = backoffDelay(this.failures++, this.options.reconnect);
      this.cancelRetry = startTimer(delay, () => {
        if (epoch === this.epoch && !this.stopped()) void this.attempt();
      });
    }
  }

  private stopped(): boolean {
    return this.state === "closed" || this.state === "rejected";
  }

  private settleWaiter(error: ChatClientError): void {
    this.waiter?.reject(error);
    this.waiter = undefined;
  }

  private setState(state: ClientState): void {
    if (this.state === state) return;
    this.state = state;
    this.events.emit("state", state);
  }

  private reportError(error: Error): void {
    // An `error` nobody listens to would vanish; internal trouble should at least reach the console.
    if (this.events.listenerCount("error") > 0) this.events.emit("error", error);
    else console.error("@chat/client:", error);
  }
}
