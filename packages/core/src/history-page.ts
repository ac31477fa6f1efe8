/**
 * For stores: messages kept with their JSON text, and pages of them marked with the page's text
 * ({@link withJsonText}), so that a history reply is the kept texts joined instead of a fresh encoding of every
 * message (40% of the server's CPU per 100-message `roomHistoryGet`, on either transport).
 * @module
 */
import { withJsonText } from "./json-text.js";
import type { RoomMessage } from "./protocol/index.js";

/** A message as a store keeps it. */
export interface StoredMessage {
  /** The store's own top-level object: never handed out, only copies of it. */
  readonly message: RoomMessage;
  /** Its JSON text: `undefined` until a page first needs it, `null` when JSON cannot carry it (binary data). */
  json: string | null | undefined;
}

/** A record of `message`, which the store owns from now on (it must not be changed afterwards). */
export function storedMessage(message: RoomMessage): StoredMessage {
  // The text is made on first read, not here: a room message costs its senders nothing more, and a message
  // never read costs no memory.
  return { message, json: undefined };
}

/**
 * Whether `value` holds binary data anywhere JSON encoding reaches: transports send it as attachments, which
 * `JSON.stringify` would turn into plain objects instead.
 */
function holdsBinary(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsBinary(item)) return true;
    return false;
  }
  // Transports encode what toJSON returns (dates), as JSON.stringify does.
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJson === "function") return holdsBinary(toJson.call(value));
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key) && holdsBinary((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/**
 * The JSON text of a stored message, made once. It is a snapshot: a server-side sender that changes a nested
 * object of a message after its first read would see the change in the copies but not on the wire, which is what
 * a store that keeps messages as text (Redis) shows from the start.
 */
function textOf(stored: StoredMessage): string | null {
  if (stored.json === undefined) {
    try {
      stored.json = holdsBinary(stored.message) ? null : JSON.stringify(stored.message);
    } catch {
      // A cycle or a nesting too deep: the transport's own encoder reports it, as it would without a text.
      stored.json = null;
    }
  }
  return stored.json;
}

/** Builds a page of history: top-level copies of stored messages, marked with their text when all have one. */
export class HistoryPage {
  private readonly messages: RoomMessage[] = [];
  private texts: string[] | null = [];

  /** Adds a copy of `stored` as the page's next (older) message. */
  add(stored: StoredMessage): void {
    // A top-level copy is all a reader may change without changing the history; a deep copy would turn nested
    // Buffers into plain Uint8Arrays.
    this.messages.push({ ...stored.message });
    if (this.texts === null) return;
    const text = textOf(stored);
    if (text === null) this.texts = null;
    else this.texts.push(text);
  }

  /** The page's messages, marked with the page's JSON text unless one of them has none. */
  finish(): RoomMessage[] {
    return this.texts === null ? this.messages : withJsonText(this.messages, `[${this.texts.join(",")}]`);
  }
}
