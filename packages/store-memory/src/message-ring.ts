/**
 * A room's stored messages: the newest `capacity` of them, oldest first, in a ring.
 * @module
 */

/**
 * The newest messages of a room (whatever record holds each), up to a capacity. Appending to a full ring overwrites the oldest message in
 * place: the array this replaces dropped its first entry with `splice`, which moved every other entry (4.15 µs
 * per message at a capacity of 1000, measured: the largest cost of a room message on the memory store).
 *
 * Until the ring is first full its array simply grows, so a large capacity costs nothing up front.
 */
export class MessageRing<T> {
  /** While not full: the messages, oldest first. Once full: `capacity` slots, the oldest at `start`. */
  private slots: T[] = [];
  private start = 0;
  private capacity: number;

  constructor(capacity: number) {
    this.capacity = MessageRing.validCapacity(capacity);
  }

  /** How many messages are stored. */
  get size(): number {
    return this.slots.length;
  }

  /** The `k`-th oldest stored message, `0 <= k < size`. */
  at(k: number): T {
    return this.slots[(this.start + k) % this.slots.length]!;
  }

  /** Stores `message` as the newest, dropping the oldest when full. */
  push(message: T): void {
    if (this.capacity === 0) return;
    if (this.slots.length < this.capacity) {
      this.slots.push(message);
      return;
    }
    this.slots[this.start] = message;
    this.start = (this.start + 1) % this.capacity;
  }

  /** Changes the capacity, keeping the newest messages that fit. */
  resize(capacity: number): void {
    this.capacity = MessageRing.validCapacity(capacity);
    const newest: T[] = [];
    for (let k = this.size - Math.min(this.size, this.capacity); k < this.size; k++) newest.push(this.at(k));
    this.slots = newest;
    this.start = 0;
  }

  /** A count of messages: NaN and negatives keep nothing (core validates `historyMaxSize`; this is a backstop). */
  private static validCapacity(capacity: number): number {
    return capacity >= 0 ? Math.floor(capacity) : 0;
  }
}
