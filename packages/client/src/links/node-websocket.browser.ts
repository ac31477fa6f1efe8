/**
 * The browser build's stand-in for `node-websocket.ts`: browsers have `WebSocket`, and cannot send headers.
 * @module
 */
import type { WebSocketFactory } from "./websocket-like.js";

/** Always fails: there is no `ws` in a browser. */
export function loadNodeWebSocket(): Promise<WebSocketFactory> {
  return Promise.reject(new Error("@chat/client: this platform has no WebSocket, or `headers` were given (browsers cannot send them)"));
}
