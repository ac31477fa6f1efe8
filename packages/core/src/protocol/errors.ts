/**
 * The closed set of error codes with their format strings (chat-service 1.0 §11.2), and the wire shape of an
 * error. Browser-safe: the server renders messages with Node's `util.format`; {@link formatErrorMessage} is a
 * close twin for clients.
 * @module
 */

/** Error code → format string. The strings are part of the wire contract: clients match on them. */
export const errorFormats = {
  badArgument: "Bad argument at position %d, value %j",
  internalError: "%s",
  invalidName: "String %s contains invalid characters",
  invalidSocket: "Socket %s is not connected",
  noCommand: "No such command %s",
  listLimitExceeded: "Exceeded %s size limit",
  noList: "No such list %s",
  noLogin: "No login provided",
  noRoom: "No such room %s",
  noSocket: "Command %s requires a valid socket",
  noUser: "No such user %s",
  noUserOnline: "No such user online %s",
  notAllowed: "Action is not allowed",
  notJoined: "Not joined to room %s",
  roomExists: "Room %s already exists",
  timeout: "Server operation timeout",
  userExists: "User %s already exists",
  userOnline: "User %s is online",
  wrongArgumentsCount: "Expected %s arguments, got %s",
} as const;

/** Every error code the service itself produces. */
export type ErrorCode = keyof typeof errorFormats;

/** The format arguments each code carries. */
export interface ErrorArgs {
  /** An argument has the wrong kind: its position and value. */
  badArgument: [position: number, value: unknown];
  /** A bug or a store failure; the text is generic, the details go to the `internalError` event. */
  internalError: [text: string];
  /** A room or user name breaks the name rule (PROTOCOL.md). */
  invalidName: [name: unknown];
  /** `execUserCommand` was given a socket id that is not the user's. */
  invalidSocket: [socketId: string];
  /** The client sent an unknown command. */
  noCommand: [command: string];
  /** Adding would take a list past `roomListSizeLimit` / `directListSizeLimit`. */
  listLimitExceeded: [listName: string];
  /** No list of that name (e.g. `userlist` where only editable lists are allowed). */
  noList: [listName: string];
  /** `onConnect` resolved no user name. */
  noLogin: [];
  /** The room does not exist. */
  noRoom: [roomName: string];
  /** A server-side call of a command that needs a socket (`roomJoin`, `roomLeave`) gave none. */
  noSocket: [command: string];
  /** The user does not exist. */
  noUser: [userName: string];
  /** A direct message's recipient has no connected socket. */
  noUserOnline: [userName: string];
  /** Permissions refuse the action (lists, whitelist mode, ownership, disabled feature). */
  notAllowed: [];
  /** The socket has not joined the room. */
  notJoined: [roomName: string];
  /** A room of that name exists already. */
  roomExists: [roomName: string];
  /** A lock or a cluster operation took too long. */
  timeout: [];
  /** A user of that name exists already. */
  userExists: [userName: string];
  /** The user still has sockets, so it cannot be deleted. */
  userOnline: [userName: string];
  /** Too many or too few arguments: the arity and the count received. */
  wrongArgumentsCount: [expected: number, received: number];
}

/** An error as data: what `useRawErrorObjects` sends over socket.io, and what the ws frames carry. */
export interface ErrorObject {
  /** Always `"ChatServiceError"`: how a receiver tells an error object from other data. */
  name: "ChatServiceError";
  /** One of {@link ErrorCode}, or a code an application hook chose. */
  code: string;
  /** The format arguments of `code`, in order (see {@link ErrorArgs}). */
  args: unknown[];
}

/** Whether `code` is one of the service's own codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.prototype.hasOwnProperty.call(errorFormats, code);
}

/** Whether a value has the wire shape of an error object. */
export function isErrorObject(value: unknown): value is ErrorObject {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return candidate.name === "ChatServiceError" && typeof candidate.code === "string" && Array.isArray(candidate.args);
}

function renderValue(value: unknown, directive: string): string {
  switch (directive) {
    case "d":
      return typeof value === "bigint" ? `${value}n` : String(Number(value));
    case "j":
      try {
        const json = JSON.stringify(value);
        return json === undefined ? "undefined" : json;
      } catch {
        return "[Circular]";
      }
    default:
      if (typeof value === "string") return value;
      if (typeof value === "object" && value !== null) {
        try {
          return JSON.stringify(value);
        } catch {
          return String(value);
        }
      }
      return String(value);
  }
}

/**
 * Renders a code's message like Node's `util.format` does for `%s`, `%d` and `%j` (objects under `%s` are shown
 * as JSON rather than `util.inspect` output). Unknown codes render as the code itself.
 */
export function formatErrorMessage(code: string, args: readonly unknown[]): string {
  if (!isErrorCode(code)) return code;
  let next = 0;
  const text = errorFormats[code].replace(/%([sdj%])/g, (match, directive: string) => {
    if (directive === "%") return "%";
    if (next >= args.length) return match;
    return renderValue(args[next++], directive);
  });
  const surplus = args.slice(next).map((value) => renderValue(value, "s"));
  return [text, ...surplus].join(" ");
}
