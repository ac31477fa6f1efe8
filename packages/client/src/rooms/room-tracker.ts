/**
 * The delivery guarantee: for every room this client joined, the application's `roomMessage` listeners see each
 * message once, in id order, without gaps, across reconnects, or are told with `historyGap` which ids are lost.
 *
 * Live messages go straight through while they arrive in order. A message ahead of its turn is held and the
 * missing ids are fetched from the history (catch-up, one at a time per room); held messages follow. After a
 * reconnect each room is joined again and caught up from its last delivered id before the client is online.
 * @module
 */
import type { RoomMessage } from "@chat/core/protocol";
import { ChatClientError, isChatClientError, isLinkError, toChatClientError } from "../errors.js";
import { type CatchUpContext, catchUpOnce } from "./catch-up.js";
import { type RoomCall, type Run, type TrackedRoom, isRoomMessage, newRoom } from "./room-state.js";

/** What the tracker reports. */
export interface RoomTrackerEvents {
  message(room: string, message: RoomMessage): void;
  gap(room: string, range: { from: number; to: number }): void;
  rejoinFailed(room: string, error: ChatClientError): void;
  error(error: Error): void;
}

/** The tracked rooms of one client and their ordered delivery; see the module doc. */
export class RoomTracker {
  private readonly rooms = new Map<string, TrackedRoom>();

  constructor(
    private readonly call: RoomCall,
    private readonly events: RoomTrackerEvents,
  ) {}

  /** The rooms the client is joined to (or joining), in join order. */
  names(): string[] {
    return [...this.rooms.keys()];
  }

  /** The application sent `roomJoin`: track the room from now on, so the first message sets the baseline. */
  joinSent(name: string): void {
    if (!this.rooms.has(name)) this.rooms.set(name, newRoom(name, false));
  }

  /** A join succeeded: the application's, or a server-side one of this socket (`roomJoinedEcho`). */
  joined(name: string): void {
    let room = this.rooms.get(name);
    if (!room) this.rooms.set(name, (room = newRoom(name, true)));
    room.confirmed = true;
    if (room.last !== undefined || room.baseline !== undefined) return;
    const tracked = room;
    this.call("roomHistoryInfo", name).then(
      (info) => {
        if (this.rooms.get(name) === tracked && tracked.last === undefined) tracked.baseline = info.lastMessageId;
      },
      // Without a baseline a reconnect before the first message restarts the room like a fresh join.
      () => {},
    );
  }

  /** The application's `roomJoin` failed: forget the room unless an earlier join holds it. */
  joinFailed(name: string): void {
    if (this.rooms.get(name)?.confirmed === false) this.rooms.delete(name);
  }

  /** Left, removed, or deleted: stop tracking (a catch-up in progress notices and stops). */
  untrack(name: string): void {
    this.rooms.delete(name);
  }

  /** A live `roomMessage`. @returns `false` for a room this client does not track: the caller passes it on as is. */
  live(name: string, message: unknown): boolean {
    const room = this.rooms.get(name);
    if (!room || !isRoomMessage(message)) return false;
    // During a catch-up (or rejoin) every message waits: the run delivers what it holds, dropping duplicates
    // only once it knows the room's ids (they restart if the server lost the room).
    if (room.run !== undefined) {
      room.held.set(message.id, message);
      return true;
    }
    if (room.last !== undefined && message.id <= room.last) return true;
    if (room.last === undefined || message.id === room.last + 1) {
      this.deliver(room, message);
      this.drain(room, true);
      return true;
    }
    room.held.set(message.id, message);
    this.startCatchUp(room);
    return true;
  }

  /**
   * The connection is gone: abandon every catch-up, forget joins that were still in flight, and drop held
   * messages (the catch-up after the reconnect fetches them again, and they cannot be mistaken for the ids of a
   * room the server lost meanwhile).
   */
  linkLost(): void {
    for (const room of [...this.rooms.values()]) {
      room.run = undefined;
      room.held.clear();
      if (!room.confirmed) this.rooms.delete(room.name);
    }
  }

  /**
   * After a login: joins every tracked room again and catches each up. A room the server refuses is dropped with
   * `rejoinFailed`. Rejects with a link error (`connectionLost`, `requestTimeout`, …) when the connection fails.
   */
  async recover(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((room) => this.recoverRoom(room)));
  }

  private async recoverRoom(room: TrackedRoom): Promise<void> {
    const run: Run = {};
    room.run = run;
    try {
      await this.call("roomJoin", room.name);
    } catch (error) {
      if (!this.current(room, run)) return;
      room.run = undefined;
      if (isLinkError(error)) throw error;
      this.rooms.delete(room.name);
      this.events.rejoinFailed(room.name, toChatClientError(error));
      return;
    }
    if (!this.current(room, run)) return;
    room.last ??= room.baseline;
    await this.runCatchUp(room, run, true);
  }

  private deliver(room: TrackedRoom, message: RoomMessage): void {
    room.last = message.id;
    room.held.delete(message.id);
    this.events.message(room.name, message);
  }

  private gap(room: TrackedRoom, from: number, to: number): void {
    room.last = to;
    for (const id of room.held.keys()) if (id <= to) room.held.delete(id);
    this.events.gap(room.name, { from, to });
  }

  private current(room: TrackedRoom, run: Run): boolean {
    return this.rooms.get(room.name) === room && room.run === run;
  }

  /** Delivers held messages that are next in turn, whether or not a catch-up runs. */
  private deliverHeld(room: TrackedRoom): void {
    if (room.last === undefined) return;
    for (const id of room.held.keys()) if (id <= room.last) room.held.delete(id);
    let next = room.held.get(room.last + 1);
    while (next && this.rooms.get(room.name) === room) {
      this.deliver(room, next);
      next = room.held.get(room.last + 1);
    }
  }

  /** Outside a catch-up: delivers what is next in turn; a remaining hole starts a catch-up when allowed. */
  private drain(room: TrackedRoom, allowCatchUp: boolean): void {
    if (room.run !== undefined || this.rooms.get(room.name) !== room || room.held.size === 0) return;
    // No message yet: the first one that arrived starts the stream, as it does after a join.
    room.last ??= Math.min(...room.held.keys()) - 1;
    this.deliverHeld(room);
    if (allowCatchUp && room.held.size > 0 && room.run === undefined && this.rooms.get(room.name) === room) this.startCatchUp(room);
  }

  private startCatchUp(room: TrackedRoom): void {
    const run: Run = {};
    room.run = run;
    void this.runCatchUp(room, run, false);
  }

  /**
   * Passes until nothing is held. Messages that arrive during a pass are held and delivered after it; only a hole
   * among them (a message that never came live) needs another pass. A pass that moves nothing forward ends the
   * run with an `error` event instead of spinning against a misbehaving server.
   * @param rethrow a link error rejects (recovery needs to know); otherwise it is swallowed: the reconnect that
   *   follows recovers the room.
   */
  private async runCatchUp(room: TrackedRoom, run: Run, rethrow: boolean): Promise<void> {
    const context: CatchUpContext = {
      call: this.call,
      deliver: (target, message) => this.deliver(target, message),
      gap: (target, from, to) => this.gap(target, from, to),
      current: () => this.current(room, run),
      restarted: (target, lastMessageId) => {
        this.events.error(
          new Error(`@chat/client: room ${target.name} restarted its message ids (last delivered ${target.last}, the server's last is ${lastMessageId}); delivering its new messages from id 1`),
        );
        target.last = 0;
      },
    };
    let mayRetry = true;
    try {
      for (;;) {
        const before = room.last;
        await catchUpOnce(room, context);
        if (!this.current(room, run)) return;
        this.deliverHeld(room);
        // Without a `last` the final drain starts the stream at the first held message.
        if (room.held.size === 0 || room.last === undefined) return;
        if (room.last === before) {
          mayRetry = false;
          this.events.error(new Error(`@chat/client: catch-up of room ${room.name} made no progress (last ${before}, history ends before held messages)`));
          return;
        }
      }
    } catch (error) {
      mayRetry = false;
      if (!this.current(room, run)) return;
      if (isLinkError(error)) {
        if (rethrow) throw error;
      } else if (!isChatClientError(error, "notJoined", "noRoom")) {
        // notJoined / noRoom: the room is going away and `roomAccessRemoved` is on its way. Anything else is news.
        this.events.error(toChatClientError(error));
      }
    } finally {
      if (room.run === run) {
        room.run = undefined;
        this.drain(room, mayRetry);
      }
    }
  }
}
