/**
 * `ws` for Node, imported on first use. The browser build replaces this module with `node-websocket.browser.ts`
 * (see tsup.config.ts), so `ws` never reaches a browser bundle.
 * @module
 */
import type { WebSocketFactory, WebSocketLike } from "./websocket-like.js";

/** Imports `ws` and returns a factory that opens its WebSockets, with handshake headers. */
export async function loadNodeWebSocket(): Promise<WebSocketFactory> {
  const { WebSocket } = await import("ws");
  return (url, headers) => new WebSocket(url, { headers }) as unknown as WebSocketLike;
}
