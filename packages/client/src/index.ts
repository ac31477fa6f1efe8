/**
 * `@chat/client`: a typed client for `@chat` servers (and chat-service 1.0 ones over socket.io), in browsers and
 * Node, over socket.io or plain WebSocket, that reconnects by itself and never loses a room message.
 * @module \@chat/client
 */
export { createClient, type ChatClient, type CommandMethods } from "./client.js";
export type { AuthQuery, AuthSource, ClientOptions, ReconnectOptions, TransportName } from "./options.js";
export type { ClientEventName, ClientEvents, ClientListener, ClientState, ForwardedEvents, HistoryGap, LoginInfo, SdkEvents } from "./events.js";
export {
  ChatClientError,
  isChatClientError,
  type ChatClientErrorArgs,
  type ChatClientErrorCode,
  type ClientErrorArgs,
  type ClientErrorCode,
} from "./errors.js";
export { fromWireError } from "./wire-error.js";
export type {
  AuthData,
  CommandArgs,
  CommandName,
  CommandResult,
  Commands,
  DirectMessage,
  ErrorArgs,
  ErrorCode,
  MessageFormats,
  MessageInput,
  RoomMessage,
  ServerEvents,
} from "@chat/core/protocol";
