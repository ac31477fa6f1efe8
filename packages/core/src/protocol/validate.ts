/**
 * Argument validation shared by the server (before any hook runs) and the client (before anything is sent).
 * @module
 */
import { commandArguments, type ArgumentKind, type CommandName } from "./commands.js";

/** Why a request's arguments were refused: the error code and its format arguments. */
export type ArgumentViolation =
  | {
      /** Too many or too few arguments. */
      code: "wrongArgumentsCount";
      /** The command's arity and the count received. */
      args: [expected: number, received: number];
    }
  | {
      /** An argument of the wrong kind. */
      code: "badArgument";
      /** Its position (0-based) and the offending value. */
      args: [position: number, value: unknown];
    };

/** Which message kinds accept any plain object (a checker hook is configured for them on the server). */
export interface MessageFormats {
  /** `roomMessage` accepts any plain object. @default false */
  customRoomMessages?: boolean;
  /** `directMessage` accepts any plain object. @default false */
  customDirectMessages?: boolean;
}

/** `Object.prototype.toString` says `[object Object]`: rejects arrays, `null`, Buffers, Dates, … */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === "[object Object]";
}

/** Exactly `{ textMessage: string }`, with no other own enumerable key. */
export function isTextMessage(value: unknown): value is {
  /** The message text. */
  textMessage: string;
} {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === "textMessage" && typeof value.textMessage === "string";
}

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== "string") return false;
  return true;
}

function accepts(kind: ArgumentKind, value: unknown, customMessage: boolean): boolean {
  switch (kind) {
    case "string":
      return typeof value === "string";
    case "stringArray":
      return isStringArray(value);
    case "boolean":
      return value === true || value === false;
    case "id":
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case "limit":
      return Number.isSafeInteger(value) && (value as number) >= 1;
    case "message":
      return customMessage ? isPlainObject(value) : isTextMessage(value);
    case "any":
      return true;
  }
}

/**
 * Checks the first N arguments of a request against the command's specification, N being its arity.
 * Arguments beyond N are not an error (they become hook `restArgs`).
 * @returns the first violation, or `undefined` when the arguments are valid.
 */
export function validateCommandArguments(
  command: CommandName,
  args: readonly unknown[],
  formats: MessageFormats = {},
): ArgumentViolation | undefined {
  const kinds: readonly ArgumentKind[] = commandArguments[command];
  if (args.length < kinds.length) return { code: "wrongArgumentsCount", args: [kinds.length, args.length] };
  const customMessage =
    command === "roomMessage" ? !!formats.customRoomMessages : command === "directMessage" && !!formats.customDirectMessages;
  for (let position = 0; position < kinds.length; position++) {
    if (!accepts(kinds[position]!, args[position], customMessage)) {
      return { code: "badArgument", args: [position, args[position]] };
    }
  }
  return undefined;
}
