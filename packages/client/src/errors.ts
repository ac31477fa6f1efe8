/**
 * The client twin of the server's `ChatServiceError`: one error class for everything a request or a login can
 * fail with, a code from a closed set and the code's format arguments.
 * @module
 */
import { type ErrorArgs, type ErrorCode, formatErrorMessage } from "@chat/core/protocol";

/** Codes only the client produces: the request never got an answer from the server. */
export type ClientErrorCode = "notConnected" | "connectionLost" | "requestTimeout";

/** The arguments each client-only code carries. */
export interface ClientErrorArgs {
  /** The request was never sent: the client is closed, the login was rejected, or it stayed offline too long. */
  notConnected: [reason: string];
  /** The connection dropped after the request was sent: the server may or may not have run it. */
  connectionLost: [command: string];
  /** No reply within `requestTimeout` ms: the server may or may not have run it. */
  requestTimeout: [command: string, timeout: number];
}

/** Every code a {@link ChatClientError} can have: the service's own (PROTOCOL.md §11.2) and the client's. */
export type ChatClientErrorCode = ErrorCode | ClientErrorCode;

/** The format arguments of `code`. */
export type ChatClientErrorArgs<C extends ChatClientErrorCode> = C extends ErrorCode
  ? ErrorArgs[C]
  : C extends ClientErrorCode
    ? ClientErrorArgs[C]
    : never;

const clientMessages: { [C in ClientErrorCode]: (...args: ClientErrorArgs[C]) => string } = {
  notConnected: (reason) => `Not connected: ${reason}`,
  connectionLost: (command) => `Connection lost before the reply to ${command} arrived; it may or may not have run`,
  requestTimeout: (command, timeout) => `No reply to ${command} within ${timeout} ms; it may or may not have run`,
};

function isClientCode(code: ChatClientErrorCode): code is ClientErrorCode {
  return Object.prototype.hasOwnProperty.call(clientMessages, code);
}

function messageOf(code: ChatClientErrorCode, args: readonly unknown[]): string {
  if (!isClientCode(code)) return formatErrorMessage(code, args);
  const render = clientMessages[code] as (...values: unknown[]) => string;
  return render(...args);
}

/**
 * A failed request or login. For the service's codes `message` is chat-service 1.0's text (`"No such room r"`),
 * so `String(error)` reads like the 1.0 string form with this class's name.
 *
 * Narrow `args` with {@link isChatClientError}: `if (isChatClientError(e, "noRoom")) e.args[0]` is the room name.
 */
export class ChatClientError<C extends ChatClientErrorCode = ChatClientErrorCode> extends Error {
  /** Always `"ChatClientError"`. */
  override readonly name = "ChatClientError";
  /** What went wrong: a service code (`"noRoom"`, `"notAllowed"`, …) or a client code (`"connectionLost"`, …). */
  readonly code: C;
  /** The code's format arguments, as the server sent them. */
  readonly args: ChatClientErrorArgs<C>;

  constructor(code: C, args: ChatClientErrorArgs<C>, options?: { cause?: unknown }) {
    super(messageOf(code, args), options);
    this.code = code;
    this.args = args;
  }
}

/**
 * Whether `value` is a {@link ChatClientError}, optionally with one of the given codes.
 * @example
 * try { await client.roomJoin("r") } catch (e) { if (isChatClientError(e, "noRoom")) console.log(e.args[0]) }
 */
export function isChatClientError<C extends ChatClientErrorCode = ChatClientErrorCode>(
  value: unknown,
  ...codes: C[]
): value is ChatClientError<C> {
  if (!(value instanceof ChatClientError)) return false;
  return codes.length === 0 || (codes as readonly string[]).includes(value.code);
}

/** Whether the error says nothing about the server's answer: the request may not have reached it, or its reply was lost. */
export function isLinkError(value: unknown): value is ChatClientError<ClientErrorCode> {
  return isChatClientError(value, "notConnected", "connectionLost", "requestTimeout");
}

/** `error` as a {@link ChatClientError}: itself, or an `internalError` carrying its text (and itself as `cause`). */
export function toChatClientError(error: unknown): ChatClientError {
  if (error instanceof ChatClientError) return error;
  return new ChatClientError("internalError", [error instanceof Error ? error.message : String(error)], { cause: error });
}
