/**
 * The frames of the `@chat` WebSocket protocol (PROTOCOL-WS.md): one JSON array per WebSocket message, its first
 * element a type code. Browser-safe: nothing here imports Node or `ws`.
 * @module
 */
import type { ErrorObject } from "@chat/core/protocol";

/** Frame type codes, the first element of every frame. */
export const FrameType = {
  /** client → server: `[0, event, args]`, a request that wants no reply. */
  send: 0,
  /** client → server: `[1, requestId, event, args]`, a request answered by a reply or an error frame. */
  request: 1,
  /** server → client: `[2, requestId, results]`, a request's success; `results` is never empty (`[null]`). */
  reply: 2,
  /** server → client: `[3, requestId, error]`, a request's failure as `{ name: "ChatServiceError", code, args }`. */
  error: 3,
  /** server → client: `[4, event, args]`, a notification. */
  notification: 4,
  /** client → server: `[5, token]`, an application-level ping (browsers cannot see WebSocket pings). */
  ping: 5,
  /** server → client: `[6, token]`, the answer to a ping, with its token. */
  pong: 6,
} as const;

/** One of the {@link FrameType} codes. */
export type FrameTypeCode = (typeof FrameType)[keyof typeof FrameType];

/** A ping token: whatever the client chose, echoed back. */
export type PingToken = string | number;

/** A frame a client sends. */
export type ClientFrame =
  | {
      /** A request that wants no reply. */
      type: typeof FrameType.send;
      /** The command name. */
      event: string;
      /** The command's arguments. */
      args: unknown[];
    }
  | {
      /** A request answered by a reply or an error frame. */
      type: typeof FrameType.request;
      /** Chosen by the client; the answer carries it back. */
      id: number;
      /** The command name. */
      event: string;
      /** The command's arguments. */
      args: unknown[];
    }
  | {
      /** An application-level ping. */
      type: typeof FrameType.ping;
      /** Echoed back in the pong. */
      token: PingToken;
    };

/** A frame a server sends. */
export type ServerFrame =
  | {
      /** A request's success. */
      type: typeof FrameType.reply;
      /** The id of the request answered. */
      id: number;
      /** The reply values; never empty. */
      results: unknown[];
    }
  | {
      /** A request's failure. */
      type: typeof FrameType.error;
      /** The id of the request answered. */
      id: number;
      /** The error as data. */
      error: ErrorObject;
    }
  | {
      /** A notification. */
      type: typeof FrameType.notification;
      /** The notification name, e.g. `"roomMessage"`. */
      event: string;
      /** The notification's arguments. */
      args: unknown[];
    }
  | {
      /** The answer to a ping. */
      type: typeof FrameType.pong;
      /** The ping's token. */
      token: PingToken;
    };

/**
 * WebSocket close codes the server uses. 1000–1015 are the standard ones (1009: frame larger than `maxPayload`,
 * 1001: the server is shutting down); 4000–4999 are ours.
 */
export const CloseCode = {
  /** The server is shutting down (standard "going away"). A client may reconnect, to this or another instance. */
  goingAway: 1001,
  /** A frame exceeded the server's `maxPayload` (standard "message too big"). */
  messageTooBig: 1009,
  /** The server closed this connection on purpose: a rejected login, or a disconnect from the server API. */
  serverDisconnect: 4000,
  /** A frame the client sent is not valid: not JSON, not a known frame type, or a malformed one. */
  invalidFrame: 4400,
  /**
   * Reserved for a client that did not answer WebSocket pings. A dead peer cannot read a close frame, so the server
   * terminates the TCP connection instead and the client sees 1006.
   */
  heartbeatTimeout: 4408,
  /** The client read too slowly: more than `maxBufferedBytes` waited to be sent to it. */
  slowConsumer: 4429,
} as const;

/** One of the {@link CloseCode} values. */
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** The largest request id a client may use (ids must be non-negative safe integers). */
export const MAX_REQUEST_ID = Number.MAX_SAFE_INTEGER;

/** Raised by the decoders for a frame that breaks the format; the server closes with `invalidFrame`. */
export class FrameError extends Error {
  /** Always `"FrameError"`, to tell it from other errors after serialisation. */
  override readonly name = "FrameError";
}
