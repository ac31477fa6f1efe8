/**
 * Bus publications on the wire, checked on the way in.
 *
 * One Redis message carries the messages one bus published in the same tick: `<sender><JSON array>`, where
 * `<sender>` is the publishing bus's 16-character id and each array item is a message in the codec's text
 * (binary values survive). Batching turns a burst of room messages into one PUBLISH, and the sender id lets a
 * bus drop its own publications as Redis echoes them back before decoding anything: it has already handed them
 * to its own listeners.
 * @module
 */
import { randomBytes } from "node:crypto";
import type { BusMessage } from "@chat/core";
import { decodeValue, encodeValue } from "../codec.js";

type Kind = BusMessage["kind"];
type Fields = Record<string, unknown>;

const isString = (value: unknown): value is string => typeof value === "string";

/** What each kind needs beyond `kind` and `origin`: the fields the core reads without checking again. */
const shapes: Record<Kind, (message: Fields) => boolean> = {
  emit: (m) =>
    isString(m.channel) && isString(m.event) && Array.isArray(m.args) && (m.except === undefined || isString(m.except)),
  leaveChannel: (m) => isString(m.socketId) && isString(m.channel) && isString(m.requestId),
  socketLeftChannel: (m) => isString(m.requestId),
  disconnectUser: (m) => isString(m.userName),
  custom: (m) => isString(m.event) && Array.isArray(m.args),
};

/** Whether `value` is a {@link BusMessage} the core can act on. */
export function isBusMessage(value: unknown): value is BusMessage {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const fields = value as Fields;
  if (!isString(fields.origin) || !isString(fields.kind) || !Object.hasOwn(shapes, fields.kind)) return false;
  return shapes[fields.kind as Kind](fields);
}

const senderIdLength = 16;

/** A new bus's sender id: 12 random bytes, 16 base64url characters. */
export function newSenderId(): string {
  return randomBytes(12).toString("base64url");
}

/** Encodes one message as an item of a publication. */
export function encodeBusMessage(message: BusMessage): string {
  return encodeValue(message);
}

/** A publication of `sender` carrying messages encoded by {@link encodeBusMessage}, in order. */
export function encodePublication(sender: string, encodedMessages: readonly string[]): string {
  return `${sender}[${encodedMessages.join(",")}]`;
}

/** The id of the bus that published `text` (meaningless if `text` is not a publication). */
export function publicationSender(text: string): string {
  return text.slice(0, senderIdLength);
}

/**
 * Decodes a publication's messages, in order.
 * @throws Error if the text is not a publication or holds something that is not a bus message: anyone with
 *   access to the Redis can publish on the channel, and a stray message must not reach the core as if it were
 *   one. A publication with one bad item is dropped whole: it did not come from a bus.
 */
export function decodePublication(text: string): BusMessage[] {
  let value: unknown;
  try {
    value = text.charAt(senderIdLength) === "[" ? decodeValue(text.slice(senderIdLength)) : undefined;
  } catch (error) {
    throw new Error(`ignored a message that is not a bus publication: ${preview(text)}`, { cause: error });
  }
  if (!Array.isArray(value) || !value.every(isBusMessage)) {
    throw new Error(`ignored a message that is not a bus publication: ${preview(text)}`);
  }
  return value;
}

function preview(text: string): string {
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
}
