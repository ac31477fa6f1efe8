import { WebSocket } from "ws";
import { warn } from "./error.js";
import type { WireData } from "./frames/index.js";

/** An encoded frame, ready to be sent to any number of connections. */
export interface Outgoing {
  readonly payload: Uint8Array;
  readonly binary: boolean;
}

/**
 * Turns an encoded frame into what `ws.send` takes. Text becomes UTF-8 bytes here, once: handed a string, `ws`
 * would encode it again for every recipient of a broadcast.
 */
export function toOutgoing(data: WireData): Outgoing {
  return typeof data === "string" ? { payload: Buffer.from(data, "utf8"), binary: false } : { payload: data, binary: true };
}

/**
 * Encodes with `encode`, or logs why it could not and returns `undefined`. Values the application put into a
 * notification (a cycle, nesting deeper than the frame format allows) are its bug: the notification is dropped
 * instead of throwing into the core, which is in the middle of a command.
 */
export function encodeOrWarn(encode: () => WireData, what: string): Outgoing | undefined {
  try {
    return toOutgoing(encode());
  } catch (error) {
    warn(`dropped ${what}, which cannot be encoded`, error);
    return undefined;
  }
}

/**
 * Sends a frame to one connection; nothing happens if it is closing or closed.
 * @returns `false` if more than `limit` bytes now wait to be sent to it: the client reads too slowly.
 */
export function sendFrame(ws: WebSocket, outgoing: Outgoing, limit: number): boolean {
  if (ws.readyState !== WebSocket.OPEN) return true;
  // `ws` writes frames in call order and queues the close frame after them, which gives per-connection order.
  ws.send(outgoing.payload, { binary: outgoing.binary });
  return ws.bufferedAmount <= limit;
}
