/**
 * Server → client notifications and their positional arguments (chat-service 1.0 §9).
 * @module
 */
import type { ErrorObject } from "./errors.js";
import type { AuthData, DirectMessage, RoomMessage } from "./messages.js";

/** Notification name → argument tuple. Keys for both the server's emitters and the client's `on()`. */
export interface ServerEvents {
  loginConfirmed: [userName: string, authData: AuthData];
  loginRejected: [error: string | ErrorObject];
  socketConnectEcho: [id: string, nconnected: number];
  socketDisconnectEcho: [id: string, nconnected: number];
  roomJoinedEcho: [roomName: string, id: string, njoined: number];
  roomLeftEcho: [roomName: string, id: string, njoined: number];
  roomUserJoined: [roomName: string, userName: string];
  roomUserLeft: [roomName: string, userName: string];
  roomMessage: [roomName: string, message: RoomMessage];
  roomAccessRemoved: [roomName: string];
  roomAccessListAdded: [roomName: string, listName: string, userNames: string[]];
  roomAccessListRemoved: [roomName: string, listName: string, userNames: string[]];
  roomModeChanged: [roomName: string, mode: boolean];
  directMessage: [message: DirectMessage];
  directMessageEcho: [toUser: string, message: DirectMessage];
  systemMessage: [data: unknown];
}

export type ServerEventName = keyof ServerEvents;

/** Notifications that travel through channels (everything except the two login replies). */
export type ChannelEventName = Exclude<ServerEventName, "loginConfirmed" | "loginRejected">;
