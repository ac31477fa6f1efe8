/**
 * The link over `@chat/transport-ws`'s frames (PROTOCOL-WS.md): `[1, id, event, args]` requests answered by
 * `[2, id, results]` or `[3, id, error]`, `[4, event, args]` notifications, and `[5, token]` pings that the
 * server answers with `[6, token]`, because a browser page cannot see WebSocket-level pings.
 * @module
 */
import { CloseCode, FrameType, decodeServerFrame, encodeClientFrame, type ServerFrame, type WireData } from "@chat/transport-ws/frames";
import { ChatClientError } from "../errors.js";
import { startTimer } from "../timer.js";
import { fromWireError } from "../wire-error.js";
import type { Link, LinkEvents, LinkFactory, LinkOptions } from "./link.js";
import { PendingRequests } from "./pending-requests.js";
import { OPEN, loadWebSocket, type WebSocketLike } from "./websocket-like.js";

const closeCodeNames = new Map<number, string>(Object.entries(CloseCode).map(([name, code]) => [code, name]));

/** `ws(s)://host:port/path?query` from the options. */
export function wsUrl(options: LinkOptions): string {
  const url = new URL(options.path, options.url);
  url.protocol = options.url.protocol === "https:" || options.url.protocol === "wss:" ? "wss:" : "ws:";
  url.search = new URLSearchParams(options.query).toString();
  return url.toString();
}

function closeReason(code: number, reason: string): string {
  const name = closeCodeNames.get(code);
  return `ws close ${code}${name ? ` (${name})` : ""}${reason ? `: ${reason}` : ""}`;
}

function wireData(data: unknown): WireData {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  // A Blob would mean binaryType was not honoured: the decoder refuses it as a frame.
  return String(data);
}

/** Creates a ws link; see {@link Link}. */
export const createWsLink: LinkFactory = (options: LinkOptions, events: LinkEvents): Link => {
  const pending = new PendingRequests<number>();
  let socket: WebSocketLike | undefined;
  let finished = false;
  let nextId = 1;
  let nextPing = 1;
  let stopHeartbeat = (): void => {};
  let cancelDeadline = (): void => {};

  // Browsers accept only 1000 and 3000–4999 from a page.
  const finish = (reason: string, code = 1000, graceful = false): void => {
    if (finished) return;
    finished = true;
    stopHeartbeat();
    cancelDeadline();
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      // `ws` emits an error when a socket still connecting is terminated; with no listener that would throw.
      socket.onerror = () => {};
      try {
        // Without a closing handshake a dead peer cannot delay anything; browsers have no terminate().
        if (socket.terminate && !graceful) socket.terminate();
        else socket.close(code);
      } catch {
        // Closing a socket that never opened may throw in some browsers; it is discarded either way.
      }
    }
    pending.failAll();
    events.closed(reason);
  };

  const send = (data: WireData): void => {
    if (!socket || socket.readyState !== OPEN) throw new ChatClientError("notConnected", ["the WebSocket is not open"]);
    socket.send(data);
  };

  // Any frame proves the server alive, so a long backlog in front of the pong is not mistaken for a dead peer.
  // The deadline runs from the first unanswered ping: later pings must not push it back.
  let deadlineArmed = false;
  const clearDeadline = (): void => {
    deadlineArmed = false;
    cancelDeadline();
  };
  const startHeartbeat = (): void => {
    const timer = setInterval(() => {
      if (finished) return;
      try {
        send(encodeClientFrame({ type: FrameType.ping, token: nextPing++ }));
      } catch {
        // Closing already: onclose ends the link.
        return;
      }
      if (deadlineArmed) return;
      deadlineArmed = true;
      cancelDeadline = startTimer(options.heartbeatTimeout, () => finish("heartbeat timeout", CloseCode.heartbeatTimeout));
    }, options.heartbeatInterval);
    stopHeartbeat = () => clearInterval(timer);
  };

  const onFrame = (frame: ServerFrame): void => {
    switch (frame.type) {
      case FrameType.reply:
        pending.settle(frame.id, { results: frame.results });
        break;
      case FrameType.error:
        pending.settle(frame.id, { error: fromWireError(frame.error) });
        break;
      case FrameType.notification:
        events.notification(frame.event, frame.args);
        break;
      case FrameType.pong:
        break;
    }
  };

  const onMessage = (data: unknown): void => {
    clearDeadline();
    let frame: ServerFrame;
    try {
      frame = decodeServerFrame(wireData(data));
    } catch (error) {
      finish(`invalid frame from the server: ${error instanceof Error ? error.message : String(error)}`, CloseCode.invalidFrame);
      return;
    }
    onFrame(frame);
  };

  const dial = async (): Promise<void> => {
    const open = await loadWebSocket(options.headers);
    if (finished) return;
    const ws = open(wsUrl(options), options.headers);
    socket = ws;
    ws.binaryType = "arraybuffer";
    ws.onopen = () => startHeartbeat();
    ws.onmessage = (event) => onMessage(event.data);
    ws.onerror = (event) => finish(`ws error${event.message ? `: ${event.message}` : ""}`);
    ws.onclose = (event) => finish(closeReason(event.code, event.reason));
  };
  dial().catch((error: unknown) => finish(`connect failed: ${error instanceof Error ? error.message : String(error)}`));

  return {
    request(event, args, timeout) {
      const id = nextId++;
      let data: WireData;
      try {
        data = encodeClientFrame({ type: FrameType.request, id, event, args: [...args] });
        send(data);
      } catch (error) {
        return Promise.reject(error instanceof ChatClientError ? error : new ChatClientError("internalError", [String(error)], { cause: error }));
      }
      return pending.add(id, event, timeout);
    },
    close: (reason, graceful) => finish(reason, 1000, graceful),
  };
};
