/**
 * `@chat/core/protocol`: the wire contract declared once — commands, notifications, error codes, name rule and
 * argument validation. Browser-safe: imports nothing outside this folder.
 * @module \@chat/core/protocol
 */
export * from "./commands.js";
export * from "./errors.js";
export * from "./messages.js";
export * from "./names.js";
export * from "./notifications.js";
export * from "./validate.js";
