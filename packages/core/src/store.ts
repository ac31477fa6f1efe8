/**
 * The store contract: all state and history of a chat service, shared by every instance of a cluster.
 *
 * The store offers domain primitives; the core owns the rules (permissions, pagination caps, notifications).
 * Every method is one atomic operation: an implementation shared by several instances (Redis) MUST make each
 * call indivisible with respect to concurrent calls (a script or a transaction), because the core relies on
 * the counts and flags a call returns.
 *
 * Conventions for every method:
 * - a missing room or user is reported by the return value (`null`, `false` or a result tag), never thrown;
 * - thrown errors mean infrastructure failure and reach clients only as `internalError`;
 * - arrays passed in MUST NOT be retained or mutated, and returned arrays are the caller's to keep.
 * @module
 */
import type { DirectListName, HistoryInfo, ProcessedMessage, RoomListName, RoomMessage } from "./protocol/index.js";

/** The settings of a room (everything but its lists and history). */
export interface RoomSettings {
  /** The owner's name, or `null` for none. */
  owner: string | null;
  /** Only whitelisted users (and the owner and admins) may join. */
  whitelistOnly: boolean;
  /** Broadcast list and mode changes to the room's members. */
  enableAccessListsUpdates: boolean;
  /** Broadcast `roomUserJoined` / `roomUserLeft` to the room's members. */
  enableUserlistUpdates: boolean;
  /** History capacity: how many of the newest messages are kept. */
  historyMaxSize: number;
}

/** Everything needed to create a room. */
export interface RoomInit extends RoomSettings {
  /** Users who may edit the room's lists and mode. */
  adminlist: readonly string[];
  /** Users admitted when the room is whitelist-only. */
  whitelist: readonly string[];
  /** Users who may never join. */
  blacklist: readonly string[];
}

/** A room's settings plus the lists that decide who may access it. */
export interface RoomState extends RoomSettings {
  /** The room's admins. */
  adminlist: string[];
  /** The room's whitelist. */
  whitelist: string[];
  /** The room's blacklist. */
  blacklist: string[];
  /** Users with at least one socket joined to the room now. */
  userlist: string[];
}

/** A room's settings plus one user's standing in it: what permission checks read, in one round trip. */
export interface RoomAccess extends RoomSettings {
  /** The user is in the adminlist (the owner is reported by `owner`). */
  inAdminlist: boolean;
  /** The user is in the whitelist. */
  inWhitelist: boolean;
  /** The user is in the blacklist. */
  inBlacklist: boolean;
  /** The user is in the userlist, i.e. has at least one socket joined to the room. */
  inUserlist: boolean;
}

/** Everything needed to create a user's direct-messaging state. */
export interface UserInit {
  /** Users whose direct messages are accepted in whitelist-only mode. */
  whitelist: readonly string[];
  /** Users whose direct messages are always refused. */
  blacklist: readonly string[];
  /** Accept direct messages from whitelisted users only. */
  whitelistOnly: boolean;
}

/** A recipient's direct-messaging standing towards one sender, plus whether the recipient is online. */
export interface DirectAccess {
  /** The recipient accepts direct messages from whitelisted users only. */
  whitelistOnly: boolean;
  /** The sender is in the recipient's whitelist. */
  senderInWhitelist: boolean;
  /** The sender is in the recipient's blacklist. */
  senderInBlacklist: boolean;
  /** How many sockets the recipient has, on all instances. */
  nconnected: number;
}

/** Outcome of a bounded list addition. */
export type ListAddResult = "ok" | "noRoom" | "noUser" | "limitExceeded";

/** Outcome of `removeUser`. */
export type UserRemoveResult = "ok" | "noUser" | "online";

/** Outcome of joining a socket to a room. */
export type SocketJoinResult =
  | {
      /** The socket is joined to the room. */
      kind: "joined";
      /** The user's sockets joined to the room afterwards. */
      njoined: number;
      /** Whether this call joined it (`false`: it was joined already). */
      changed: boolean;
    }
  /** The socket is not (or no longer) registered for this user: it disconnected meanwhile. */
  | {
      /** The socket is not registered. */
      kind: "noSocket";
    }
  /** There is no such room (or it was deleted meanwhile). */
  | {
      /** The room does not exist. */
      kind: "noRoom";
    };

/**
 * Outcome of {@link Store.lockAndJoinSocket}. Except for `locked`, the call took the lock, which the caller
 * releases.
 */
export type LockedJoinResult =
  | {
      /** The socket is joined to the room. */
      kind: "joined";
      /** The user's sockets joined to the room afterwards. */
      njoined: number;
      /** Whether this call joined it (`false`: it was joined already). */
      changed: boolean;
      /** The room's `enableUserlistUpdates` setting, which decides whether the join is announced to the room. */
      enableUserlistUpdates: boolean;
      /** The user's sockets on all instances: with only this one, nobody is there to receive the join's echo. */
      nconnected: number;
    }
  /** Another token holds the lock: nothing was done. */
  | {
      /** The lock is held by another token. */
      kind: "locked";
    }
  /** There is no such (visible) room. */
  | {
      /** The room does not exist. */
      kind: "noRoom";
    }
  /** The user may not join the room (PROTOCOL.md §6: not an admin, and blacklisted or not whitelisted). */
  | {
      /** The room's lists keep the user out. */
      kind: "notAllowed";
    }
  /** The socket is not (or no longer) registered for this user. */
  | {
      /** The socket is not registered. */
      kind: "noSocket";
    };

/** Outcome of removing a socket's association with a room. */
export interface SocketLeaveResult {
  /** The user's sockets still joined to the room. */
  njoined: number;
  /** Whether this call removed an association. */
  changed: boolean;
  /** Whether this call removed the user from the room's userlist (its last socket left). */
  leftUserlist: boolean;
}

/** Outcome of removing every socket of a user from a room (the user lost access). */
export interface UserRoomRemoval {
  /** The socket ids whose association was removed, on every instance. */
  sockets: string[];
  /** Whether the user was in the room's userlist before the call. */
  wasInUserlist: boolean;
}

/** Outcome of removing a disconnected socket. */
export interface SocketRemoval {
  /** Rooms the socket was joined to, each with the user's sockets still joined to it afterwards. */
  rooms: {
    /** A room the socket was joined to. */
    roomName: string;
    /** The user's sockets still joined to it. */
    njoined: number;
    /**
     * The room's `enableUserlistUpdates`, read in the same step; `false` if the room is hidden or gone. Tells the
     * disconnect whether a user who left the userlist is announced, without another store call.
     */
    enableUserlistUpdates: boolean;
  }[];
  /** The user's sockets left on all instances. */
  nconnected: number;
  /** Whether the socket was registered at all. */
  existed: boolean;
}

/** A live socket as recorded in the store. */
export interface SocketRecord {
  /** The user the socket logged in as. */
  userName: string;
  /** UID of the service instance that holds the socket's connection. */
  instanceUID: string;
}

/**
 * The state store. See the module documentation for the rules every method follows.
 *
 * Userlist and "seen" bookkeeping is part of the socket operations: a user is in a room's userlist exactly when
 * at least one of its sockets is joined to the room, and every time a user enters or leaves a userlist the
 * room's seen-timestamp for that user is set to the current time.
 */
export interface Store {
  /** Lock time-to-live in ms: a lock not released within it expires (and the core reports `lockTimeExceeded`). */
  readonly lockTTL: number;

  // ---- rooms ----

  /** Creates a room; `false` if it exists already (also while it is being removed). */
  addRoom(roomName: string, init: RoomInit): Promise<boolean>;
  /** Whether a visible room exists. */
  hasRoom(roomName: string): Promise<boolean>;
  /**
   * Hides a room from every read and write (they report it missing from now on) so that it can be torn down.
   * @returns the userlist at the moment it was hidden, or `null` if there was no visible room.
   */
  hideRoom(roomName: string): Promise<string[] | null>;
  /** Deletes a room, hidden or not, with all its lists, history and seen data. Socket associations are not touched. */
  removeRoom(roomName: string): Promise<void>;
  /** A room's settings and lists; `null` if it does not exist. */
  getRoomState(roomName: string): Promise<RoomState | null>;
  /** A room's settings and the standing of `userName` in it (all flags `false` for `null`); `null` if no room. */
  getRoomAccess(roomName: string, userName: string | null): Promise<RoomAccess | null>;
  /**
   * Changes some settings. A new `historyMaxSize` trims the stored history to the newest messages immediately.
   * @returns `false` if there is no room.
   */
  updateRoom(roomName: string, patch: Partial<RoomSettings>): Promise<boolean>;
  /**
   * Adds names to one of a room's lists, unless the current size plus the distinct names not yet present would
   * exceed `limit` (no limit when `undefined`). Adding an empty array succeeds and changes nothing.
   */
  addToRoomList(roomName: string, listName: RoomListName, names: readonly string[], limit?: number): Promise<ListAddResult>;
  /** Removes names from one of a room's lists (absent names are ignored). @returns `false` if there is no room. */
  removeFromRoomList(roomName: string, listName: RoomListName, names: readonly string[]): Promise<boolean>;
  /** One of a room's lists; `null` if there is no room. */
  getRoomList(roomName: string, listName: RoomListName): Promise<string[] | null>;
  /** Whether `name` is in one of a room's lists; `null` if there is no room. */
  roomListHas(roomName: string, listName: RoomListName, name: string): Promise<boolean | null>;
  /** When `userName` last entered or left the room's userlist; `null` if there is no room. */
  getUserSeen(
    roomName: string,
    userName: string,
  ): Promise<{
    /** Whether the user is in the userlist now. */
    joined: boolean;
    /** When that last changed (ms since the epoch), or `null` if never. */
    timestamp: number | null;
  } | null>;

  // ---- history ----

  /**
   * Stores a message as the room's newest: assigns `id = lastMessageId + 1` (consumed even when the capacity is
   * 0), stores `{ ...message, id }`, drops the oldest entries beyond the room's capacity.
   * The store MUST keep its own copy of the top-level object (callers may add fields to `message` later); nested
   * values MUST read back deep-equal, and a nested Node `Buffer` MUST read back as a `Buffer` (binary data arrives
   * from transports as Buffers; other typed arrays need not keep their type).
   * @returns the new id, or `null` if there is no room.
   */
  appendMessage(roomName: string, message: ProcessedMessage & { timestamp: number }): Promise<number | null>;
  /**
   * {@link Store.appendMessage} on behalf of a room member, checked and stored in one step: a user's
   * `roomMessage` is one store call instead of a permission read and an append.
   * @returns the new id; `null` if there is no room; `false`, with nothing stored and no id consumed, if `userName`
   *   is not in the room's userlist.
   */
  appendMessageByMember(roomName: string, userName: string, message: ProcessedMessage & { timestamp: number }): Promise<number | null | false>;
  /** The newest `limit` stored messages, newest first; `null` if no room. */
  getRecentMessages(roomName: string, limit: number): Promise<RoomMessage[] | null>;
  /**
   * Up to `limit` stored messages with ids `> afterId`, the ones right after it, newest first
   * (the id-window arithmetic of chat-service 1.0 §8.15, read atomically); `null` if no room.
   */
  getMessagesAfter(roomName: string, afterId: number, limit: number): Promise<RoomMessage[] | null>;
  /**
   * {@link Store.getRoomAccess} and {@link Store.getMessagesAfter} read together, atomically: `roomHistoryGet` is
   * one store call (the core checks the access before it returns anything). `null` if no room.
   */
  getRoomAccessAndMessagesAfter(
    roomName: string,
    userName: string | null,
    afterId: number,
    limit: number,
  ): Promise<{
    /** What {@link Store.getRoomAccess} returns. */
    access: RoomAccess;
    /** What {@link Store.getMessagesAfter} returns. */
    messages: RoomMessage[];
  } | null>;
  /** History counters, without `historyMaxGetMessages` (a service option); `null` if no room. */
  getHistoryInfo(roomName: string): Promise<Omit<HistoryInfo, "historyMaxGetMessages"> | null>;

  // ---- users ----

  /** Creates a user; `false` if it exists. */
  addUser(userName: string, init: UserInit): Promise<boolean>;
  /** Creates the user with empty direct lists unless it exists; tolerates concurrent creation. */
  ensureUser(userName: string): Promise<void>;
  /** Whether the user exists. */
  hasUser(userName: string): Promise<boolean>;
  /** Deletes a user and its direct-messaging state, unless it has sockets. */
  removeUser(userName: string): Promise<UserRemoveResult>;
  /** Adds to a user's direct list with the same limit rule as {@link Store.addToRoomList}. */
  addToDirectList(userName: string, listName: DirectListName, names: readonly string[], limit?: number): Promise<ListAddResult>;
  /** @returns `false` if there is no user. */
  removeFromDirectList(userName: string, listName: DirectListName, names: readonly string[]): Promise<boolean>;
  /** `null` if there is no user. */
  getDirectList(userName: string, listName: DirectListName): Promise<string[] | null>;
  /** `null` if there is no user. */
  directListHas(userName: string, listName: DirectListName, name: string): Promise<boolean | null>;
  /** `null` if there is no user. */
  getDirectWhitelistMode(userName: string): Promise<boolean | null>;
  /** @returns `false` if there is no user. */
  setDirectWhitelistMode(userName: string, mode: boolean): Promise<boolean>;
  /** The recipient's lists as they concern `sender`; `null` if there is no such recipient. */
  getDirectAccess(recipient: string, sender: string | null): Promise<DirectAccess | null>;

  // ---- connections ----

  /**
   * Registers a connected socket for an existing user and in the instance's registry.
   * @returns the user's socket count on all instances after adding.
   */
  addSocket(userName: string, socketId: string, instanceUID: string): Promise<number>;
  /**
   * A login's store step: {@link Store.ensureUser} and {@link Store.addSocket} as one atomic call, so that the user
   * cannot be removed between the two (and a Redis store makes one round trip instead of two).
   * @returns the user's socket count on all instances after adding.
   */
  connectSocket(userName: string, socketId: string, instanceUID: string): Promise<number>;
  /**
   * Unregisters a socket: drops its room associations (leaving the userlists it was the user's last socket in)
   * and its instance-registry entry.
   */
  removeSocket(userName: string, socketId: string): Promise<SocketRemoval>;
  /** The socket's owner and instance; `null` if unknown. */
  getSocket(socketId: string): Promise<SocketRecord | null>;
  /** The user's sockets on all instances: socket id → instance UID. */
  getUserSockets(userName: string): Promise<Record<string, string>>;
  /** The user's sockets on all instances: socket id → joined room names. */
  getUserSocketsRooms(userName: string): Promise<Record<string, string[]>>;
  /** The user's sockets joined to a room. */
  getUserRoomSockets(userName: string, roomName: string): Promise<string[]>;
  /**
   * Joins a registered socket to a visible room: adds the association and, when it is the user's first socket
   * there, adds the user to the userlist.
   */
  joinSocket(userName: string, socketId: string, roomName: string): Promise<SocketJoinResult>;
  /**
   * A join's store steps as one atomic call: takes the (user, room) lock as {@link Store.acquireLock} does (and
   * does nothing else if another token holds it); then, holding it, reads the user's standing in the room as
   * {@link Store.getRoomAccess} does and, if the user may join (PROTOCOL.md §6: the owner and admins always;
   * otherwise not when blacklisted, and only when whitelisted in whitelist-only mode), joins the socket as
   * {@link Store.joinSocket} does. A Redis store makes one round trip instead of three.
   *
   * The lock stays held whatever the outcome, except `locked`: the caller releases it with
   * {@link Store.releaseLock}.
   */
  lockAndJoinSocket(userName: string, socketId: string, roomName: string, token: string, ttl: number): Promise<LockedJoinResult>;
  /** Removes one socket's association with a room (and the user from the userlist if it was its last socket). */
  leaveSocket(userName: string, socketId: string, roomName: string): Promise<SocketLeaveResult>;
  /** Removes every socket of the user from the room and the user from the userlist. Works on hidden rooms too. */
  removeUserFromRoom(userName: string, roomName: string): Promise<UserRoomRemoval>;
  /**
   * Drops the user's sockets that are recorded for `instanceUID` but not in `liveSocketIds`, with their room
   * associations (store level only: userlists are left alone). @returns the dropped ids.
   */
  pruneUserSockets(userName: string, instanceUID: string, liveSocketIds: readonly string[]): Promise<string[]>;

  // ---- instances ----

  /** The sockets registered by one instance: socket id → user name. */
  getInstanceSockets(instanceUID: string): Promise<Record<string, string>>;
  /** Records that an instance is alive at `timestamp`. */
  setInstanceHeartbeat(instanceUID: string, timestamp: number): Promise<void>;
  /** The last heartbeat of an instance, or `null`. */
  getInstanceHeartbeat(instanceUID: string): Promise<number | null>;
  /**
   * Every instance that has a heartbeat: instance UID → its last heartbeat (ms). The core reads it every
   * `heartbeatRate` ms on every instance to find dead ones, so it SHOULD be one cheap read (Redis: one hash, not a
   * key scan).
   *
   * An instance is listed from its first {@link Store.setInstanceHeartbeat} until {@link Store.removeInstance};
   * one with only a socket registry and no heartbeat MUST NOT be listed. The returned record is the caller's.
   */
  listInstances(): Promise<Record<string, number>>;
  /** Forgets an instance: its registry and heartbeat (its sockets' user state is cleaned by the core first). */
  removeInstance(instanceUID: string): Promise<void>;

  // ---- locks ----

  /**
   * Takes the (user, room) lock with `token` unless another token holds it; taking it again with the holding
   * token renews its TTL. @returns whether it was taken.
   */
  acquireLock(userName: string, roomName: string, token: string, ttl: number): Promise<boolean>;
  /** Releases the lock if `token` still holds it. @returns whether it did. */
  releaseLock(userName: string, roomName: string, token: string): Promise<boolean>;

  /** Releases what the store itself created. MUST NOT close clients the caller passed in. */
  close(): Promise<void>;
}

/**
 * The store contract's methods by group, for implementations organised by group (as both shipped stores are):
 * `{ lockTTL, ...roomMethods(), ...historyMethods(), …, close }`.
 */
export type RoomStoreMethods = Pick<
  Store,
  | "addRoom"
  | "hasRoom"
  | "hideRoom"
  | "removeRoom"
  | "getRoomState"
  | "getRoomAccess"
  | "updateRoom"
  | "addToRoomList"
  | "removeFromRoomList"
  | "getRoomList"
  | "roomListHas"
  | "getUserSeen"
>;
/** The history group of {@link Store}: append and range reads. */
export type HistoryStoreMethods = Pick<Store, "appendMessage" | "appendMessageByMember" | "getRecentMessages" | "getMessagesAfter" | "getRoomAccessAndMessagesAfter" | "getHistoryInfo">;
/** The user group of {@link Store}: users and their direct-messaging lists. */
export type UserStoreMethods = Pick<
  Store,
  | "addUser"
  | "ensureUser"
  | "hasUser"
  | "removeUser"
  | "addToDirectList"
  | "removeFromDirectList"
  | "getDirectList"
  | "directListHas"
  | "getDirectWhitelistMode"
  | "setDirectWhitelistMode"
  | "getDirectAccess"
>;
/** The socket group of {@link Store}: sockets, joins and leaves, with userlist bookkeeping. */
export type SocketStoreMethods = Pick<
  Store,
  | "addSocket"
  | "connectSocket"
  | "removeSocket"
  | "getSocket"
  | "getUserSockets"
  | "getUserSocketsRooms"
  | "getUserRoomSockets"
  | "joinSocket"
  | "lockAndJoinSocket"
  | "leaveSocket"
  | "removeUserFromRoom"
  | "pruneUserSockets"
>;
/** The instance group of {@link Store}: heartbeats and the sockets of each instance, for recovery. */
export type InstanceStoreMethods = Pick<Store, "getInstanceSockets" | "setInstanceHeartbeat" | "getInstanceHeartbeat" | "listInstances" | "removeInstance">;
/** The lock group of {@link Store}: per-room, per-user locks with a TTL. */
export type LockStoreMethods = Pick<Store, "acquireLock" | "releaseLock">;
