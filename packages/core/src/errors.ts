/**
 * `ChatServiceError` and the conversion of anything thrown into what a client may see.
 * @module
 */
import { format } from "node:util";
import { errorFormats, type ErrorArgs, type ErrorCode, type ErrorObject } from "./protocol/index.js";
import type { PublicError } from "./transport.js";

/**
 * The service's error: a code from a closed set plus format arguments (chat-service 1.0 §11).
 * Serialises to exactly `{ name, code, args }`; `toString()` renders the code's format string.
 * Subclass it to add codes: override {@link ChatServiceError.codeToFormat}.
 * @example
 * throw new ChatServiceError("noRoom", "lobby"); // "ChatServiceError: No such room lobby"
 */
export class ChatServiceError extends Error {
  /** Always `"ChatServiceError"`; enumerable, so that it survives `JSON.stringify`. */
  declare name: "ChatServiceError";
  /** An {@link ErrorCode}, or a code a subclass or hook added. */
  declare code: string;
  /** The format arguments of `code`. */
  declare args: unknown[];

  constructor(code: ErrorCode, ...args: unknown[]);
  constructor(code: string, ...args: unknown[]);
  constructor(code: string, ...args: unknown[]) {
    super(code);
    // Own enumerable properties in this order make JSON.stringify give `{"name":…,"code":…,"args":[…]}`;
    // `message` and `stack` stay non-enumerable, as Error makes them.
    Object.defineProperty(this, "name", { value: "ChatServiceError", enumerable: true, writable: true, configurable: true });
    Object.defineProperty(this, "code", { value: code, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(this, "args", { value: args, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(this, "message", { value: this.toString().slice("ChatServiceError: ".length), enumerable: false, writable: true, configurable: true });
  }

  /** Code → format string, looked up through the instance so that subclasses can extend it. */
  get codeToFormat(): Readonly<Record<string, string>> {
    return errorFormats;
  }

  override toString(): string {
    const template = this.codeToFormat[this.code];
    return `ChatServiceError: ${template === undefined ? this.code : format(template, ...this.args)}`;
  }
}

/** Creates a service error with arguments typed by code. */
export function chatError<C extends ErrorCode>(code: C, ...args: ErrorArgs[C]): ChatServiceError {
  return new ChatServiceError(code, ...args);
}

/** Whether `error` is a {@link ChatServiceError} (or an instance of a subclass). */
export function isChatServiceError(error: unknown): error is ChatServiceError {
  return error instanceof ChatServiceError;
}

/**
 * Errors raised by application code (hooks, checkers, custom handlers). Their text reaches clients as in
 * chat-service 1.0 (`"Error: boom"`); any other non-service error is an internal failure and does not.
 */
const applicationErrors = new WeakSet<object>();

/** Marks a value thrown by application code, so that clients may see its text. Primitives need no mark. */
export function markApplicationError(error: unknown): unknown {
  if (typeof error === "object" && error !== null) applicationErrors.add(error);
  return error;
}

/** Whether an error is an internal failure (a bug or infrastructure), whose details must not reach clients. */
export function isInternalError(error: unknown): boolean {
  if (error instanceof ChatServiceError) return false;
  return typeof error === "object" && error !== null && !applicationErrors.has(error);
}

const hiddenInternalError = new ChatServiceError("internalError", "Internal server error");

/**
 * What a client receives for an error (chat-service 1.0 §11.3): service errors as they are; application errors as
 * their string form, or wrapped into `internalError` for raw objects; internal failures as a generic
 * `internalError` with no details.
 */
export function toPublicError(error: unknown): PublicError {
  if (error instanceof ChatServiceError) return { object: error as ErrorObject, text: error.toString() };
  if (isInternalError(error)) return { object: hiddenInternalError as ErrorObject, text: hiddenInternalError.toString() };
  const text = String(error);
  return { object: new ChatServiceError("internalError", text) as ErrorObject, text };
}
