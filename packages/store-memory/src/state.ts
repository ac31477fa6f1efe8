/**
 * The shape of everything a memory store holds. Each `*-methods` module implements a group of `Store` methods
 * over one shared `MemoryState`, so services sharing a store object share this state and form a cluster.
 * @module
 */
import type { DirectListName, RoomListName, RoomSettings, SocketRecord, StoredMessage } from "@chat/core";
import type { MessageRing } from "./message-ring.js";

/** One room: settings, lists, seen timestamps and history. */
export interface RoomRecord {
  settings: RoomSettings;
  lists: Record<RoomListName, Set<string>>;
  /** User name → ms timestamp of its last userlist entry or exit. */
  seen: Map<string, number>;
  /** Stored messages, oldest first; ids are contiguous and end at `lastMessageId`. */
  history: MessageRing<StoredMessage>;
  lastMessageId: number;
  /** Set by `hideRoom`: the room keeps its name reserved but every lookup misses it until `removeRoom`. */
  hidden: boolean;
}

/** One user's direct-messaging state. */
export interface UserRecord {
  whitelistOnly: boolean;
  lists: Record<DirectListName, Set<string>>;
}

/**
 * One user's connections. Kept apart from {@link UserRecord}: they belong to live sockets, exist only while there
 * are any (or associations of them), and `removeUser`, refused while the user has sockets, never has to touch them.
 */
export interface UserConnections {
  /** Socket id → instance UID. */
  sockets: Map<string, string>;
  /** Socket id → joined room names. */
  socketRooms: Map<string, Set<string>>;
  /** Room name → joined socket ids. */
  roomSockets: Map<string, Set<string>>;
}

/** A held lock. */
export interface LockRecord {
  token: string;
  /** ms timestamp from which the lock is free again. */
  expiresAt: number;
}

/** The complete state of one memory store. */
export interface MemoryState {
  rooms: Map<string, RoomRecord>;
  users: Map<string, UserRecord>;
  connections: Map<string, UserConnections>;
  /** Socket id → owner and instance, for `getSocket`. */
  sockets: Map<string, SocketRecord>;
  /** Instance UID → (socket id → user name). */
  instances: Map<string, Map<string, string>>;
  heartbeats: Map<string, number>;
  /** `JSON.stringify([userName, roomName])` → lock; JSON keeps any two names apart, whatever they contain. */
  locks: Map<string, LockRecord>;
}

/** Creates an empty state. */
export function createState(): MemoryState {
  return {
    rooms: new Map(),
    users: new Map(),
    connections: new Map(),
    sockets: new Map(),
    instances: new Map(),
    heartbeats: new Map(),
    locks: new Map(),
  };
}

/** The room if it exists and is not hidden: what every room read and write sees. */
export function visibleRoom(state: MemoryState, roomName: string): RoomRecord | undefined {
  const room = state.rooms.get(roomName);
  return room && !room.hidden ? room : undefined;
}
