/**
 * The client's events: the server's notifications (PROTOCOL.md §9) as the client delivers them, and the SDK's
 * own connection and delivery events.
 * @module
 */
import type { AuthData, ServerEvents } from "@chat/core/protocol";
import type { ChatClientError } from "./errors.js";

/**
 * Where the client is:
 * - `idle`: created with `autoConnect: false`, `connect()` not called yet;
 * - `connecting`: the first login is under way (through retries);
 * - `online`: logged in, rooms joined again and caught up; requests go out at once;
 * - `reconnecting`: the connection was lost after a login; a new one is under way;
 * - `rejected`: the server refused the login; no retry until `connect()` is called;
 * - `closed`: `close()` was called, or the connection was lost with `reconnect: false`. Final.
 */
export type ClientState = "idle" | "connecting" | "online" | "reconnecting" | "rejected" | "closed";

/** Who the server says this client is: `loginConfirmed`'s arguments. */
export interface LoginInfo {
  /** The name the server logged this connection in as. */
  userName: string;
  /** What the server's `onConnect` returned, with `id` set to this connection's socket id. */
  authData: AuthData;
}

/** Ids of a room's messages that the client could not deliver: they had left the history. Inclusive. */
export interface HistoryGap {
  /** The id of the first message that was lost. */
  from: number;
  /** The id of the last message that was lost. */
  to: number;
}

/** Server notifications the client forwards: all but the two login replies, which become `login` and `loginRejected`. */
export type ForwardedEvents = Omit<ServerEvents, "loginConfirmed" | "loginRejected">;

/** The SDK's own events. */
export interface SdkEvents {
  /** The {@link ClientState} changed. */
  state: [state: ClientState];
  /** The client is online: logged in and, after a reconnect, every room joined again and caught up. */
  login: [
    userName: string,
    authData: AuthData,
    details: {
      /** `false` for the first login, `true` after a lost connection was restored. */
      reconnected: boolean;
    },
  ];
  /** The server refused the login; the client stops (state `rejected`). */
  loginRejected: [error: ChatClientError];
  /** A connection ended, or an attempt failed, for `reason` (socket.io's reason, or the WebSocket close code). */
  disconnect: [reason: string];
  /** Messages `from`..`to` of a room could not be recovered; delivery goes on after them. */
  historyGap: [roomName: string, gap: HistoryGap];
  /** After a reconnect the server refused to join this room again; the client no longer tracks it. */
  rejoinFailed: [roomName: string, error: ChatClientError];
  /** A notification that is not a chat-service one: a custom event sent with `emitToChannel` on the server. */
  notification: [event: string, args: unknown[]];
  /** Something unexpected inside the SDK; delivery goes on. */
  error: [error: Error];
}

/** Every event of a client, name → listener arguments. */
export type ClientEvents = ForwardedEvents & SdkEvents;

/** The name of an event of a client. */
export type ClientEventName = keyof ClientEvents;

/** A listener of event `E`. */
export type ClientListener<E extends ClientEventName> = (...args: ClientEvents[E]) => void;

/** Runtime list of the forwarded notifications; `satisfies` keeps it equal to {@link ForwardedEvents}. */
export const forwardedEventNames = {
  socketConnectEcho: true,
  socketDisconnectEcho: true,
  roomJoinedEcho: true,
  roomLeftEcho: true,
  roomUserJoined: true,
  roomUserLeft: true,
  roomMessage: true,
  roomAccessRemoved: true,
  roomAccessListAdded: true,
  roomAccessListRemoved: true,
  roomModeChanged: true,
  directMessage: true,
  directMessageEcho: true,
  systemMessage: true,
} as const satisfies Record<keyof ForwardedEvents, true>;

/** Whether `event` is a chat-service notification the client forwards. */
export function isForwardedEvent(event: string): event is keyof ForwardedEvents {
  return Object.prototype.hasOwnProperty.call(forwardedEventNames, event);
}
