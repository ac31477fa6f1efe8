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
  badArgument: [position: number, value: unknown];
  internalError: [text: string];
  invalidName: [name: unknown];
  invalidSocket: [socketId: string];
  noCommand: [command: string];
  listLimitExceeded: [listName: string];
  noList: [listName: string];
  noLogin: [];
  noRoom: [roomName: string];
  noSocket: [command: string];
  noUser: [userName: string];
  noUserOnline: [userName: string];
  notAllowed: [];
  notJoined: [roomName: string];
  roomExists: [roomName: string];
  timeout: [];
  userExists: [userName: string];
  userOnline: [userName: string];
  wrongArgumentsCount: [expected: number, received: number];
}

/** An error as data: what `useRawErrorObjects` sends over socket.io, and what the ws frames carry. */
export interface ErrorObject {
  name: "ChatServiceError";
  code: string;
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
