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

interface RoomSequence {
  /** The id whose turn it is. */
  next: number;
  /** Messages that arrived before their turn: id → delivery. */
  held: Map<number, () => void>;
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
    sequence.held.set(id, send);
    this.drain(sequence);
  }

  /** Stops the timers (the service is closing). */
  close(): void {
    for (const sequence of this.rooms.values()) clearTimeout(sequence.timer);
    this.rooms.clear();
  }

  private drain(sequence: RoomSequence): void {
    for (let send = sequence.held.get(sequence.next); send; send = sequence.held.get(sequence.next)) {
      sequence.held.delete(sequence.next);
      sequence.next++;
      send();
    }
    if (sequence.held.size === 0) {
      clearTimeout(sequence.timer);
      sequence.timer = undefined;
    } else if (!sequence.timer) {
      sequence.timer = setTimeout(() => {
        sequence.timer = undefined;
        // Give up on the missing ids: continue from the oldest message that did arrive.
        sequence.next = Math.min(...sequence.held.keys());
        this.drain(sequence);
      }, this.gapTimeout);
      sequence.timer.unref();
    }
  }

  /** Delivers everything held, in id order, and forgets it. */
  private flush(sequence: RoomSequence): void {
    clearTimeout(sequence.timer);
    for (const id of [...sequence.held.keys()].sort((a, b) => a - b)) sequence.held.get(id)!();
    sequence.held.clear();
  }
}
