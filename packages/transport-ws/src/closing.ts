import { WebSocket } from "ws";
import type { Connection } from "./connection.js";

/** How long `close()` lets clients answer its close frame before it cuts their connections. */
export const CLOSE_GRACE_MS = 1000;
// RFC 6455 allows 123 bytes of close reason; `ws` throws beyond that.
const MAX_CLOSE_REASON_BYTES = 123;

/** A close reason that fits a close frame, whatever the (client-influenced) text. */
export function closeReason(text: string): string {
  let reason = text.slice(0, MAX_CLOSE_REASON_BYTES);
  while (Buffer.byteLength(reason) > MAX_CLOSE_REASON_BYTES) reason = reason.slice(0, -1);
  return reason;
}

/**
 * Resolves once `ws` has closed, whoever closed it. Asked for only at shutdown: a promise and a listener kept per
 * connection from the start cost each connection's memory for nothing.
 */
function whenClosed(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => ws.once("close", () => resolve()));
}

/**
 * Cuts `ws` unless its close handshake has finished within `grace` ms. For a slow consumer: its close frame waits
 * behind everything the peer has not read, and `ws` would hold that buffer until its own close timeout (30 s).
 */
export function cutUnlessClosedWithin(ws: WebSocket, grace: number): void {
  if (ws.readyState === WebSocket.CLOSED) return;
  const timer = setTimeout(() => ws.terminate(), grace);
  ws.once("close", () => clearTimeout(timer));
}

/** Waits until every connection has closed, cutting those still open after `grace` ms. */
export async function closeAll(connections: readonly Connection[], grace: number): Promise<void> {
  // A peer that never answers the close frame (a dead one) would hold the HTTP server's close back for 30 s.
  for (const connection of connections) cutUnlessClosedWithin(connection.ws, grace);
  await Promise.all(connections.map((connection) => whenClosed(connection.ws)));
}
