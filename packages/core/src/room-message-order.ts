/**
 * Room messages to local sockets in id order.
 *
 * Ids are assigned by the store in one order, but in a cluster each instance publishes the messages it stored
 * on its own bus connection, so message 8 stored on instance A can reach instance C before message 7 stored on
 * instance B. Each instance therefore delivers a room's messages to its sockets by id: a message waits until
 * the ones before it were delivered, or until `gapTimeout` passed (the publisher of a missing id may have died
 * between storing and publishing; the message is in the history either way, and waiting longer would stall the
 * room). Nothing is ever dropped: a message whose turn was skipped is delivered when it arrives.
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

export class RoomMessageOrder {
  // One small record per room this instance has seen messages of; rooms are few compared to messages.
  private readonly rooms = new Map<string, RoomSequence>();

  constructor(private readonly gapTimeout: number) {}

  /** Whether this instance follows the room's ids already. */
  isTracked(roomName: string): boolean {
    return this.rooms.has(roomName);
  }

  /**
   * Starts following a room from the id after `lastMessageId`, unless it is followed already. Called when a
   * local socket first joins, so that messages racing each other right after the join are ordered too.
   */
  start(roomName: string, lastMessageId: number): void {
    if (!this.rooms.has(roomName)) this.rooms.set(roomName, { next: lastMessageId + 1, held: new Map() });
  }

  /** Runs `send` for message `id` of the room in id order. */
  deliver(roomName: string, id: number, send: () => void): void {
    let sequence = this.rooms.get(roomName);
    // A room's first message starts a new sequence: the room may have been deleted and created again.
    if (!sequence || (id === 1 && sequence.next !== 1)) {
      if (sequence) this.flush(sequence);
      sequence = { next: id, held: new Map() };
      this.rooms.set(roomName, sequence);
    }
    if (id < sequence.next) {
      send(); // late: its turn was skipped after the gap timeout, or it was stored before this instance followed the room
      return;
    }
    sequence.held.set(id, { send, arrivedAt: Date.now() });
    this.drain(sequence);
  }

  /** Stops the timers (the service is closing). */
  close(): void {
    for (const sequence of this.rooms.values()) clearTimeout(sequence.timer);
    this.rooms.clear();
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
