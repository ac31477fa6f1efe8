/**
 * Bus messages on the wire: the codec's text, checked on the way in.
 * @module
 */
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

/** Encodes a message for the channel; binary values survive (see the codec). */
export function encodeBusMessage(message: BusMessage): string {
  return encodeValue(message);
}

/**
 * Decodes a message from the channel.
 * @throws Error if the text is not a bus message: anyone with access to the Redis can publish on the channel,
 *   and a stray message must not reach the core as if it were one.
 */
export function decodeBusMessage(text: string): BusMessage {
  let value: unknown;
  try {
    value = decodeValue(text);
  } catch (error) {
    throw new Error(`ignored a message that is not JSON: ${preview(text)}`, { cause: error });
  }
  if (!isBusMessage(value)) throw new Error(`ignored a message that is not a bus message: ${preview(text)}`);
  return value;
}

function preview(text: string): string {
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
}
