import type { IncomingMessage } from "node:http";
import type { WebSocket } from "ws";
import { type Handshake, readHandshake } from "./handshake.js";
import { newSocketId } from "./socket-ids.js";

/** One client connection, from `host.connected` until the transport forgets it. */
export interface Connection {
  /** The socket id ({@link newSocketId}). */
  readonly id: string;
  readonly ws: WebSocket;
  readonly handshake: Handshake;
  /** The channels it is a member of, so that leaving the transport leaves them all. */
  readonly channels: Set<string>;
  /** Whether it answered the last heartbeat ping (or none was sent yet). */
  alive: boolean;
}

/** Wraps a freshly upgraded WebSocket; listeners for messages and the close are the transport's business. */
export function openConnection(ws: WebSocket, request: IncomingMessage): Connection {
  return {
    id: newSocketId(),
    ws,
    handshake: readHandshake(request),
    channels: new Set(),
    alive: true,
  };
}
