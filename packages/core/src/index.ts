/**
 * `@chat/core`: the room-messaging service, its seams (store, bus, transport) and the protocol declared once.
 * @module \@chat/core
 */
export * from "./protocol/index.js";
export * from "./errors.js";
export * from "./store.js";
export * from "./bus.js";
export * from "./transport.js";
export * from "./options.js";
export * from "./hooks.js";
export { ChatService, createChatServer, type ServiceEvents } from "./service.js";
export type { ExecContext } from "./exec-user-command.js";
export type { UserStateInit, RoomStateInit } from "./service-api.js";
export type { ServiceTransport } from "./service-transport.js";
export type { ClusterBus } from "./cluster-bus.js";
export type { CustomHandler } from "./local-sockets.js";
export type { LockHolderInfo } from "./locks.js";
export { hasAccess } from "./permissions.js";
export { jsonTextOf, withJsonText } from "./json-text.js";
export { HistoryPage, storedMessage, type StoredMessage } from "./history-page.js";
export type { ErrorContext } from "./runtime.js";
