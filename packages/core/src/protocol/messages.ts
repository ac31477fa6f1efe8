/**
 * Shapes of the values that travel between client and server: messages, history and info replies.
 * @module
 */

/** The default message format: exactly one key, `textMessage`, holding a string. */
export interface TextMessage {
  /** The message text; any string, the empty one included. */
  textMessage: string;
}

/**
 * A message as a client sends it. Without a checker hook on the server only {@link TextMessage} is accepted;
 * with `roomMessagesChecker` / `directMessagesChecker` any plain object is, and nested values may be binary.
 * The top-level fields `id`, `timestamp` and `author` are reserved: the server overwrites or deletes them.
 */
export type MessageInput = TextMessage | Record<string, unknown>;

/** A message after the server processed it: what receivers, acks and history see. */
export interface ProcessedMessage {
  [field: string]: unknown;
  /** The sender's user name; absent for messages sent server side without a user. */
  author?: string;
  /** Milliseconds since the Unix epoch, set by the server. */
  timestamp: number;
  /** The room message id (1, 2, 3, … per room); absent on direct messages. */
  id?: number;
}

/** A room message as stored and broadcast: it always has an id. */
export interface RoomMessage extends ProcessedMessage {
  id: number;
}

/** A direct message: never stored, so it has no id. */
export type DirectMessage = Omit<ProcessedMessage, "id">;

/** Reply of `roomHistoryInfo`. */
export interface HistoryInfo {
  /** The most messages one history read returns. */
  historyMaxGetMessages: number;
  /** The most messages the room keeps; older ones are dropped. */
  historyMaxSize: number;
  /** How many messages the room keeps now. */
  historySize: number;
  /** The id of the room's newest message; `0` before the first. */
  lastMessageId: number;
}

/** Reply of `roomNotificationsInfo`. */
export interface NotificationsInfo {
  /** Whether joins and leaves are broadcast as `roomUserJoined` / `roomUserLeft`. */
  enableUserlistUpdates: boolean;
  /** Whether list changes are broadcast as `roomAccessListAdded` / `roomAccessListRemoved`. */
  enableAccessListsUpdates: boolean;
}

/** Reply of `roomUserSeen`: whether the user is in the room now, and when that last changed (or `null`). */
export interface UserSeenInfo {
  /** Whether the user has a socket in the room now. */
  joined: boolean;
  /** When the user last joined or left (milliseconds since the epoch), or `null` if never. */
  timestamp: number | null;
}

/** Reply of `listOwnSockets`: socket id → names of the rooms that socket is joined to. */
export type SocketsInfo = Record<string, string[]>;

/** Data sent with `loginConfirmed`: what `onConnect` returned, with `id` set to the socket id. */
export interface AuthData {
  /** The id of the socket that logged in. */
  id: string;
  [key: string]: unknown;
}

/** Lists a room keeps. `userlist` is maintained by the service and cannot be edited by commands. */
export const roomListNames = ["adminlist", "whitelist", "blacklist", "userlist"] as const;
/** One of {@link roomListNames}. */
export type RoomListName = (typeof roomListNames)[number];

/** Room lists that commands may edit. */
export const editableRoomListNames = ["adminlist", "whitelist", "blacklist"] as const;
/** One of {@link editableRoomListNames}. */
export type EditableRoomListName = (typeof editableRoomListNames)[number];

/** A user's own direct-messaging lists. */
export const directListNames = ["whitelist", "blacklist"] as const;
/** One of {@link directListNames}. */
export type DirectListName = (typeof directListNames)[number];
