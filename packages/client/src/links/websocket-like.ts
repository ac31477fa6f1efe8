/**
 * The part of the WebSocket API the ws link uses; both the browsers' `WebSocket` and Node's `ws` have it.
 * @module
 */
import { loadNodeWebSocket } from "./node-websocket.js";

/** A WebSocket, browser or `ws`. */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  /** `ws` only: drops the TCP connection without a closing handshake (which a dead peer would never answer). */
  terminate?(): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: { message?: string; error?: unknown }) => void) | null;
}

/** Opens a WebSocket to `url`. */
export type WebSocketFactory = (url: string, headers: Record<string, string>) => WebSocketLike;

/** `readyState` of an open socket (the constant is not on every implementation's prototype). */
export const OPEN = 1;

type NativeWebSocket = new (url: string) => unknown;

/**
 * The platform's WebSocket when there is one (browsers, Node ≥ 22) and no headers are wanted; otherwise `ws`,
 * loaded only now so that browser bundles never contain it.
 */
export async function loadWebSocket(headers: Record<string, string>): Promise<WebSocketFactory> {
  const native = (globalThis as { WebSocket?: NativeWebSocket }).WebSocket;
  if (native && Object.keys(headers).length === 0) return (url) => new native(url) as WebSocketLike;
  return loadNodeWebSocket();
}
