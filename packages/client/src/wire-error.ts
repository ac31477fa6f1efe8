/**
 * Turns an error as it arrives (PROTOCOL.md §11.3) into a {@link ChatClientError}: the object form
 * `{ name, code, args }` (ws frames, socket.io with `useRawErrorObjects`) or chat-service 1.0's default string
 * form `"ChatServiceError: <formatted message>"`, parsed back into code and arguments.
 * @module
 */
import { type ErrorCode, errorFormats, isErrorCode, isErrorObject } from "@chat/core/protocol";
import { ChatClientError } from "./errors.js";

const prefix = "ChatServiceError: ";

type Directive = "s" | "d" | "j";

interface Pattern {
  code: ErrorCode;
  regex: RegExp;
  directives: Directive[];
  /** Characters that are not placeholders: longer literals are more specific and are tried first. */
  literalLength: number;
}

// %s arguments the server renders from numbers: the object form carries them as numbers, so the parse does too.
const numericStringArguments: Partial<Record<ErrorCode, true>> = { wrongArgumentsCount: true };

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compile(code: ErrorCode, format: string): Pattern {
  const directives: Directive[] = [];
  let source = "";
  let literalLength = 0;
  for (const part of format.split(/(%[sdj%])/)) {
    if (part === "%%") {
      source += "%";
      literalLength++;
    } else if (part === "%s" || part === "%d" || part === "%j") {
      directives.push(part[1] as Directive);
      source += "(.*)";
    } else {
      source += escapeRegex(part);
      literalLength += part.length;
    }
  }
  return { code, regex: new RegExp(`^${source}$`, "s"), directives, literalLength };
}

// `internalError` is "%s" and would match anything: it is the fallback, not a pattern.
const patterns: Pattern[] = (Object.keys(errorFormats) as ErrorCode[])
  .filter((code) => code !== "internalError")
  .map((code) => compile(code, errorFormats[code]))
  // "No such user online %s" must win over "No such user %s".
  .sort((a, b) => b.literalLength - a.literalLength);

function parseArgument(text: string, directive: Directive, numeric: boolean): unknown {
  if (directive === "d" || (numeric && /^-?\d+$/.test(text))) return Number(text);
  if (directive === "j") {
    if (text === "undefined") return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function internal(text: string, cause: unknown): ChatClientError {
  return new ChatClientError("internalError", [text], { cause });
}

/** Parses chat-service 1.0's string form; anything that is not a service error becomes an `internalError`. */
export function parseErrorText(text: string): ChatClientError {
  if (!text.startsWith(prefix)) return internal(text, text);
  const body = text.slice(prefix.length);
  for (const { code, regex, directives } of patterns) {
    const match = regex.exec(body);
    if (!match) continue;
    const args = directives.map((directive, index) => parseArgument(match[index + 1]!, directive, !!numericStringArguments[code]));
    // The shapes of `args` are the server's promise (ErrorArgs); a parse cannot check more than the format.
    return new ChatClientError(code, args as never, { cause: text });
  }
  return internal(body, text);
}

/** Converts any error value a server sent into a {@link ChatClientError}. */
export function fromWireError(error: unknown): ChatClientError {
  if (isErrorObject(error)) {
    if (isErrorCode(error.code)) return new ChatClientError(error.code, error.args as never, { cause: error });
    // A code outside the closed set (a subclass's table on the server): keep its text, lose nothing silently.
    return internal(`ChatServiceError: ${error.code}`, error);
  }
  if (typeof error === "string") return parseErrorText(error);
  return internal(String(error), error);
}
