/**
 * A link: one connection attempt over one transport, from dialling to close. The client makes a new link for
 * every attempt, so nothing of a dead connection (a late reply, a buffered packet) can leak into the next one.
 * @module
 */
import type { AuthQuery, ResolvedClientOptions } from "../options.js";

/** What a link reports. Both are called synchronously from the link's I/O callbacks. */
export interface LinkEvents {
  /** A server notification, `loginConfirmed` / `loginRejected` included; binary values are `Uint8Array`s. */
  notification(event: string, args: unknown[]): void;
  /**
   * The link is over: the attempt failed, the server or the network closed it, or `close()` was called. Called
   * exactly once, after every pending request was rejected with `connectionLost`.
   */
  closed(reason: string): void;
}

/** One connection. */
export interface Link {
  /**
   * Sends a request; resolves with the reply values (binary values as `Uint8Array`s). Rejects with a
   * `ChatClientError`: the server's error, `requestTimeout` after `timeout` ms, `connectionLost` when the link
   * closes first, or `notConnected` when it is not open.
   */
  request(event: string, args: readonly unknown[], timeout: number): Promise<unknown[]>;
  /**
   * Closes the link (idempotent); `closed(reason)` follows synchronously unless it already ran.
   * @param graceful say goodbye (a WebSocket close frame) rather than drop the connection: for a peer that is
   *   alive. A dead or stuck one would keep a graceful close pending for up to 30 s.
   */
  close(reason: string, graceful?: boolean): void;
}

/** Everything a link needs to dial. */
export interface LinkOptions extends Pick<
  ResolvedClientOptions,
  "url" | "path" | "headers" | "heartbeatInterval" | "heartbeatTimeout" | "socketIoTransports" | "socketIoPath" | "connectTimeout"
> {
  query: AuthQuery;
}

/** Creates a link and starts dialling at once. */
export type LinkFactory = (options: LinkOptions, events: LinkEvents) => Link;
