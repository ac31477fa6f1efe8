/**
 * Room messages to local sockets in id order.
 *
 * Ids are assigned by the store in one order, but in a cluster each instance publishes the messages it stored
 * on its own bus connection, so message 8 stored on instance A can reach instance C before message 7 stored on
 * instance B. Each instance therefore delivers a room's messages to its sockets by id: a message waits until
 * the ones before it were delivered, or until `gapTimeout` passed (the publisher of a missing id may have died
 * between storing and publishing; the message is in the history either way, and waiting longer would stall the
 * room). Nothing is ever dropped: a message whose turn was skipped is delivered when it arrives.
 *
 * Every instance receives every room's messages, so it only follows the rooms that some local socket is in: a
 * message of another room goes straight through (to nobody), and the record of a room nobody here is in any more
 * is dropped once nothing of it is held. A join follows the room again from its last stored id.
 * @module
 */

interface HeldMessage {
  send: () => void;
  /** When it arrived (ms): it waits for its predecessors at most `gapTimeout` from then. */
  arrivedAt: number;
}

interface RoomSequence {
  /** The id whose turn it is. */
  next: number;
  /** Messages that arrived before their turn, by id. */
  held: Map<number, HeldMessage>;
  timer?: NodeJS.Timeout;
}

/** Below this many followed rooms, the records of rooms nobody here is in are left alone. */
const ROOMS_BEFORE_SWEEP = 64;

export class RoomMessageOrder {
  // One small record per followed room.
  private readonly rooms = new Map<string, RoomSequence>();
  /** The room count at which the next sweep for unfollowed rooms runs: twice the count the last one left. */
  private sweepAbove = ROOMS_BEFORE_SWEEP;

  /**
   * @param followedHere whether some local socket is in the room (the transports' `hasChannelMembers`); a room's
   *   record is dropped when it is not and nothing of it is held
   */
  constructor(
    private readonly gapTimeout: number,
    private readonly followedHere: (roomName: string) => boolean = () => true,
  ) {}

  /** Whether this instance follows the room's ids already. */
  isTracked(roomName: string): boolean {
    return this.rooms.has(roomName);
  }

  /**
   * Starts following a room from the id after `lastMessageId`, unless it is followed already. Called when a
   * local socket first joins, so that messages racing each other right after the join are ordered too.
   */
  start(roomName: string, lastMessageId: number): void {
    if (!this.rooms.has(roomName)) this.follow(roomName, { next: lastMessageId + 1, held: new Map() });
  }

  /** Runs `send` for message `id` of the room in id order. */
  deliver(roomName: string, id: number, send: () => void): void {
    let sequence = this.rooms.get(roomName);
    if (!sequence && !this.followedHere(roomName)) {
      send(); // nobody here to order it for
      return;
    }
    // A room's first message starts a new sequence: the room may have been deleted and created again.
    if (!sequence || (id === 1 && sequence.next !== 1)) {
      if (sequence) this.flush(sequence);
      sequence = { next: id, held: new Map() };
      this.follow(roomName, sequence);
    }
    if (id < sequence.next) {
      send(); // late: its turn was skipped after the gap timeout, or it was stored before this instance followed the room
      return;
    }
    sequence.held.set(id, { send, arrivedAt: Date.now() });
    this.drain(sequence);
  }

  /** How many rooms have a record (for tests). */
  get followedRooms(): number {
    return this.rooms.size;
  }

  /** Stops the timers (the service is closing). */
  close(): void {
    for (const sequence of this.rooms.values()) clearTimeout(sequence.timer);
    this.rooms.clear();
  }

  /**
   * Keeps `sequence` for the room. When the records have doubled since the last sweep, first drops those of rooms
   * that nobody here is in and that hold nothing (their timers are off): amortized, a constant cost per record.
   */
  private follow(roomName: string, sequence: RoomSequence): void {
    if (this.rooms.size >= this.sweepAbove) {
      for (const [name, other] of this.rooms) if (other.held.size === 0 && !this.followedHere(name)) this.rooms.delete(name);
      this.sweepAbove = Math.max(ROOMS_BEFORE_SWEEP, 2 * this.rooms.size);
    }
    this.rooms.set(roomName, sequence);
  }

  /** Delivers the held messages whose turn it is, then waits for the missing ids if some are still held. */
  private drain(sequence: RoomSequence): void {
    for (let held = sequence.held.get(sequence.next); held; held = sequence.held.get(sequence.next)) {
      sequence.held.delete(sequence.next);
      sequence.next++;
      held.send();
    }
    clearTimeout(sequence.timer);
    sequence.timer = undefined;
    if (sequence.held.size === 0) return;
    const oldestArrival = Math.min(...[...sequence.held.values()].map((held) => held.arrivedAt));
    sequence.timer = setTimeout(() => this.giveUpWaiting(sequence), Math.max(0, oldestArrival + this.gapTimeout - Date.now()));
    sequence.timer.unref();
  }

  /**
   * Skips every missing id below the newest message that has waited `gapTimeout`, at once: after an outage many
   * ids can be missing, and skipping them one timeout at a time would stall the room for as many seconds.
   */
  private giveUpWaiting(sequence: RoomSequence): void {
    const now = Date.now();
    const overdue = [...sequence.held].filter(([, held]) => now - held.arrivedAt >= this.gapTimeout).map(([id]) => id);
    if (overdue.length > 0) {
      const last = Math.max(...overdue);
      for (const id of [...sequence.held.keys()].filter((id) => id <= last).sort((a, b) => a - b)) {
        const held = sequence.held.get(id)!;
        sequence.held.delete(id);
        held.send();
      }
      sequence.next = last + 1;
    }
    this.drain(sequence);
  }

  /** Delivers everything held, in id order, and forgets it. */
  private flush(sequence: RoomSequence): void {
    clearTimeout(sequence.timer);
    for (const id of [...sequence.held.keys()].sort((a, b) => a - b)) sequence.held.get(id)!.send();
    sequence.held.clear();
  }
}
