/**
 * `@chat/core`: the room-messaging service, its seams (store, bus, transport) and the protocol declared once.
 * @module
 */
export * from "./protocol/index.js";
export * from "./errors.js";
export * from "./store.js";
export * from "./bus.js";
export * from "./transport.js";
