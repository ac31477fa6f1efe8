/**
 * Server → client notifications and their positional arguments (chat-service 1.0 §9).
 * @module
 */
import type { ErrorObject } from "./errors.js";
import type { AuthData, DirectMessage, RoomMessage } from "./messages.js";

/** Notification name → argument tuple. Keys for both the server's emitters and the client's `on()`. */
export interface ServerEvents {
  /** The handshake succeeded: the user name and the data `onConnect` returned. */
  loginConfirmed: [userName: string, authData: AuthData];
  /** The handshake failed; the socket is disconnected next. */
  loginRejected: [error: string | ErrorObject];
  /** To the user's other sockets: a new socket of theirs connected; `nconnected` counts them now. */
  socketConnectEcho: [id: string, nconnected: number];
  /** To the user's other sockets: one of theirs disconnected; `nconnected` counts those left. */
  socketDisconnectEcho: [id: string, nconnected: number];
  /** To the user's other sockets: socket `id` joined the room; `njoined` counts the user's joined sockets. */
  roomJoinedEcho: [roomName: string, id: string, njoined: number];
  /** To the user's other sockets: socket `id` left the room; `njoined` counts those still joined. */
  roomLeftEcho: [roomName: string, id: string, njoined: number];
  /** To a room (with `enableUserlistUpdates`): a user's first socket joined it. */
  roomUserJoined: [roomName: string, userName: string];
  /** To a room (with `enableUserlistUpdates`): a user's last socket left it. */
  roomUserLeft: [roomName: string, userName: string];
  /** To a room: a new message, with its id, author and timestamp. */
  roomMessage: [roomName: string, message: RoomMessage];
  /** To a user's sockets: they lost access to the room and were removed from it. */
  roomAccessRemoved: [roomName: string];
  /** To a room (with `enableAccessListsUpdates`): users were added to one of its lists. */
  roomAccessListAdded: [roomName: string, listName: string, userNames: string[]];
  /** To a room (with `enableAccessListsUpdates`): users were removed from one of its lists. */
  roomAccessListRemoved: [roomName: string, listName: string, userNames: string[]];
  /** To a room (with `enableAccessListsUpdates`): its whitelist-only mode changed. */
  roomModeChanged: [roomName: string, mode: boolean];
  /** To the recipient's sockets: a direct message. */
  directMessage: [message: DirectMessage];
  /** To the sender's other sockets: a direct message they sent to `toUser`. */
  directMessageEcho: [toUser: string, message: DirectMessage];
  /** To the user's other sockets: data one of their sockets sent with the `systemMessage` command. */
  systemMessage: [data: unknown];
}

/** The name of a server → client notification. */
export type ServerEventName = keyof ServerEvents;

/** Notifications that travel through channels (everything except the two login replies). */
export type ChannelEventName = Exclude<ServerEventName, "loginConfirmed" | "loginRejected">;
