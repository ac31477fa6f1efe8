/**
 * Shapes of the values that travel between client and server: messages, history and info replies.
 * @module
 */

/** The default message format: exactly one key, `textMessage`, holding a string. */
export interface TextMessage {
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
  historyMaxGetMessages: number;
  historyMaxSize: number;
  historySize: number;
  lastMessageId: number;
}

/** Reply of `roomNotificationsInfo`. */
export interface NotificationsInfo {
  enableUserlistUpdates: boolean;
  enableAccessListsUpdates: boolean;
}

/** Reply of `roomUserSeen`: whether the user is in the room now, and when that last changed (or `null`). */
export interface UserSeenInfo {
  joined: boolean;
  timestamp: number | null;
}

/** Reply of `listOwnSockets`: socket id → names of the rooms that socket is joined to. */
export type SocketsInfo = Record<string, string[]>;

/** Data sent with `loginConfirmed`: what `onConnect` returned, with `id` set to the socket id. */
export interface AuthData {
  id: string;
  [key: string]: unknown;
}

/** Lists a room keeps. `userlist` is maintained by the service and cannot be edited by commands. */
export const roomListNames = ["adminlist", "whitelist", "blacklist", "userlist"] as const;
export type RoomListName = (typeof roomListNames)[number];

/** Room lists that commands may edit. */
export const editableRoomListNames = ["adminlist", "whitelist", "blacklist"] as const;
export type EditableRoomListName = (typeof editableRoomListNames)[number];

/** A user's own direct-messaging lists. */
export const directListNames = ["whitelist", "blacklist"] as const;
export type DirectListName = (typeof directListNames)[number];
