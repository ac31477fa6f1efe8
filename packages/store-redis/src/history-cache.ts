/**
 * The history entries a store instance has decoded, kept so that a page read again needs neither the entries'
 * transfer nor their `JSON.parse` (together most of a `roomHistoryGet`: 100 entries cost node about 55 µs of its
 * 80 µs per call to parse and collect, measured).
 *
 * Coherence needs no invalidation: a stored entry never changes, and its id is unique within the room's
 * incarnation, a token the scripts give every room (`incarnation` in the Lua prelude). A read names the entries it
 * holds; the script sends the page's others and the incarnation, and entries of another incarnation are dropped.
 * Only Redis losing writes (a restart from an older snapshot, a failover to a replica that lagged) could reuse
 * an id within an incarnation, and either one breaks the connection: the store then forgets everything
 * ({@link HistoryCache.clear}).
 *
 * Each held entry also keeps its JSON text once a page has needed it, so a page read again goes to the client as
 * those texts joined (`HistoryPage` of `@chat/core`), not encoded again.
 * @module
 */
import { HistoryPage, storedMessage, type RoomMessage, type StoredMessage } from "@chat/core";

/** What a read tells the script it holds: an incarnation ("" for none) and ids newest … oldest. */
export type KnownEntries = readonly [incarnation: string, newest: number, oldest: number];

/** A page as a script returns it, decoded: ids `newest` … `newest - count + 1`, less the known entries. */
export interface PageEntries {
  incarnation: string;
  newest: number;
  count: number;
  /** The page's entries above the known ones, newest first, numbered. */
  above: RoomMessage[];
  /** The page's entries below the known ones, newest first, numbered. */
  below: RoomMessage[];
}

/** One room's held entries: every id from `oldest` to `newest`. */
interface RoomEntries {
  incarnation: string;
  newest: number;
  oldest: number;
  byId: Map<number, StoredMessage>;
}

/** Known entries of a reader that holds none. */
export const nothingKnown: KnownEntries = ["", 0, 0];

/** Decoded history entries of the rooms read last, at most `capacity` entries in all. */
export class HistoryCache {
  /** Least recently read first. */
  private readonly rooms = new Map<string, RoomEntries>();
  private size = 0;
  private clears = 0;

  /** @param capacity entries kept over all rooms; 0 keeps none. */
  constructor(private readonly capacity: number) {}

  /** What to tell a script about `roomName`. */
  known(roomName: string): KnownEntries {
    const room = this.rooms.get(roomName);
    return room ? [room.incarnation, room.newest, room.oldest] : nothingKnown;
  }

  /** Changes at every {@link clear}: a read started before one must not store what it got. */
  get epoch(): number {
    return this.clears;
  }

  /** Forgets every entry: Redis may have come back with other writes. */
  clear(): void {
    this.rooms.clear();
    this.size = 0;
    this.clears++;
  }

  /**
   * The page's messages, newest first, each a copy. Its entries are kept unless the cache was cleared since the
   * read started (`epoch`). `undefined` if an entry the script left out is not held any more (the cache was
   * cleared, or the room's entries dropped, meanwhile): the caller reads again, knowing nothing.
   */
  assemble(roomName: string, page: PageEntries, epoch: number): RoomMessage[] | undefined {
    const { newest, count } = page;
    const above = page.above.map(storedMessage);
    const below = page.below.map(storedMessage);
    const messages = new HistoryPage();
    for (const stored of above) messages.add(stored);
    const held = this.rooms.get(roomName);
    const heldById = held?.incarnation === page.incarnation ? held.byId : undefined;
    const middleOldest = newest - count + 1 + below.length;
    for (let id = newest - above.length; id >= middleOldest; id--) {
      const stored = heldById?.get(id);
      if (stored === undefined) return undefined;
      messages.add(stored);
    }
    for (const stored of below) messages.add(stored);
    if (epoch === this.clears && count > 0) this.keep(roomName, page, above, below);
    return messages.finish();
  }

  /** Adds a page's new entries to the room's, or replaces them when the two ranges do not touch. */
  private keep(roomName: string, page: PageEntries, above: StoredMessage[], below: StoredMessage[]): void {
    if (page.count > this.capacity) return;
    const oldest = page.newest - page.count + 1;
    let room = this.rooms.get(roomName);
    if (room) this.rooms.delete(roomName);
    if (!room || room.incarnation !== page.incarnation || oldest > room.newest + 1 || page.newest < room.oldest - 1) {
      if (room) this.size -= room.byId.size;
      room = { incarnation: page.incarnation, newest: page.newest, oldest, byId: new Map() };
    }
    for (const stored of above) this.add(room, stored);
    for (const stored of below) this.add(room, stored);
    room.newest = Math.max(room.newest, page.newest);
    room.oldest = Math.min(room.oldest, oldest);
    this.rooms.set(roomName, room);
    this.evict();
  }

  private add(room: RoomEntries, stored: StoredMessage): void {
    if (room.byId.has(stored.message.id)) return;
    room.byId.set(stored.message.id, stored);
    this.size++;
  }

  /** Drops the least recently read rooms until the entries fit (the room just read is the last one dropped). */
  private evict(): void {
    for (const [name, room] of this.rooms) {
      if (this.size <= this.capacity) return;
      this.rooms.delete(name);
      this.size -= room.byId.size;
    }
  }
}
