/**
 * Encoding and decoding of whole frames. A frame without binary values is a text message, the JSON of its
 * array; one with binary values is a binary message (binary-attachments.ts). Decoders check the frame's shape
 * and throw {@link FrameError} for anything else; they never trust the peer.
 * @module
 */
import { isErrorObject } from "@chat/core/protocol";
import { decodeWithAttachments, encodeWithAttachments, hasBinary } from "./binary-attachments.js";
import { type ClientFrame, FrameError, FrameType, MAX_REQUEST_ID, type PingToken, type ServerFrame } from "./frame-types.js";

/** What a WebSocket message carries: a text frame's string, or a binary frame's bytes. */
export type WireData = string | Uint8Array;

/** Turns an attachment's bytes into the value the application sees. Default: a copy as a `Uint8Array`. */
export type BinaryFactory = (bytes: Uint8Array) => unknown;

const copyBytes: BinaryFactory = (bytes) => bytes.slice();

function encodeArray(frame: readonly unknown[]): WireData {
  return hasBinary(frame) ? encodeWithAttachments(frame) : JSON.stringify(frame);
}

/** Encodes a client frame (used by clients). */
export function encodeClientFrame(frame: ClientFrame): WireData {
  switch (frame.type) {
    case FrameType.send:
      return encodeArray([FrameType.send, frame.event, frame.args]);
    case FrameType.request:
      return encodeArray([FrameType.request, frame.id, frame.event, frame.args]);
    case FrameType.ping:
      return JSON.stringify([FrameType.ping, frame.token]);
  }
}

/** Encodes a notification, the frame a server sends most: once per broadcast, whatever the recipients. */
export function encodeNotification(event: string, args: readonly unknown[]): WireData {
  return encodeArray([FrameType.notification, event, args]);
}

/** Encodes a server frame (used by the server). */
export function encodeServerFrame(frame: ServerFrame): WireData {
  switch (frame.type) {
    case FrameType.reply:
      return encodeArray([FrameType.reply, frame.id, frame.results]);
    case FrameType.error:
      return encodeArray([FrameType.error, frame.id, frame.error]);
    case FrameType.notification:
      return encodeNotification(frame.event, frame.args);
    case FrameType.pong:
      return JSON.stringify([FrameType.pong, frame.token]);
  }
}

/**
 * Encodes a reply whose results' JSON text the core already has (`resultsJson`: a store's page of history, never
 * binary): the text goes into the frame as it is, the same bytes {@link encodeServerFrame} would make of the results.
 */
export function encodeReplyText(requestId: number, resultsJson: string): string {
  return `[${FrameType.reply},${requestId},${resultsJson}]`;
}

function parse(data: WireData, makeBinary: BinaryFactory): unknown[] {
  if (typeof data !== "string") return decodeWithAttachments(data, makeBinary);
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new FrameError("text frame is not JSON");
  }
  if (!Array.isArray(value)) throw new FrameError("a frame must be a JSON array");
  return value;
}

function requestId(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_REQUEST_ID) {
    throw new FrameError("a request id must be a non-negative safe integer");
  }
  return value;
}

function eventName(value: unknown): string {
  if (typeof value !== "string") throw new FrameError("an event name must be a string");
  return value;
}

function argumentList(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new FrameError("arguments must be an array");
  return value;
}

function pingToken(value: unknown): PingToken {
  if (typeof value !== "string" && typeof value !== "number") throw new FrameError("a ping token must be a string or a number");
  return value;
}

function arity(frame: unknown[], length: number): void {
  if (frame.length !== length) throw new FrameError(`frame type ${String(frame[0])} has ${length} elements, not ${frame.length}`);
}

/** Decodes what a client sent (used by the server). */
export function decodeClientFrame(data: WireData, makeBinary: BinaryFactory = copyBytes): ClientFrame {
  const frame = parse(data, makeBinary);
  switch (frame[0]) {
    case FrameType.send:
      arity(frame, 3);
      return { type: FrameType.send, event: eventName(frame[1]), args: argumentList(frame[2]) };
    case FrameType.request:
      arity(frame, 4);
      return { type: FrameType.request, id: requestId(frame[1]), event: eventName(frame[2]), args: argumentList(frame[3]) };
    case FrameType.ping:
      arity(frame, 2);
      return { type: FrameType.ping, token: pingToken(frame[1]) };
    default:
      throw new FrameError(`a client may not send frame type ${JSON.stringify(frame[0]) ?? "undefined"}`);
  }
}

/** Decodes what a server sent (used by clients). */
export function decodeServerFrame(data: WireData, makeBinary: BinaryFactory = copyBytes): ServerFrame {
  const frame = parse(data, makeBinary);
  switch (frame[0]) {
    case FrameType.reply:
      arity(frame, 3);
      return { type: FrameType.reply, id: requestId(frame[1]), results: argumentList(frame[2]) };
    case FrameType.error:
      arity(frame, 3);
      if (!isErrorObject(frame[2])) throw new FrameError("an error frame must carry { name, code, args }");
      return { type: FrameType.error, id: requestId(frame[1]), error: frame[2] };
    case FrameType.notification:
      arity(frame, 3);
      return { type: FrameType.notification, event: eventName(frame[1]), args: argumentList(frame[2]) };
    case FrameType.pong:
      arity(frame, 2);
      return { type: FrameType.pong, token: pingToken(frame[1]) };
    default:
      throw new FrameError(`a server may not send frame type ${JSON.stringify(frame[0]) ?? "undefined"}`);
  }
}
