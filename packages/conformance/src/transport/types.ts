/**
 * What a transport's tests give `describeTransport`: a factory of transports and of raw clients for them.
 * @module
 */
import type { Transport } from "@chat/core";

/** An error as a raw client received it. Which fields are present depends on the transport's wire form. */
export interface RawError {
  /** The 1.0 string form (`PublicError.text`), when the wire carried it. */
  text?: string;
  /** The error code (`PublicError.object.code`), when the wire carried an object. */
  code?: string;
  /** The error arguments (`PublicError.object.args`), when the wire carried an object. */
  args?: unknown[];
}

/** A reply as a raw client received it, normalised. */
export interface RawReply {
  error: RawError | null;
  /** The values the host responded with; `[]` with an error. */
  results: unknown[];
}

/** Handshake data a raw client sends when it connects. */
export interface RawConnectOptions {
  /** Query-string parameters. @default {} */
  query?: Record<string, string>;
  /** Extra HTTP headers of the opening request. @default {} */
  headers?: Record<string, string>;
}

/**
 * A client of one transport, at the level of its frames: no login, no protocol checks. Binary values it receives
 * MUST be presented as `Buffer`s, whatever the wire form.
 */
export interface RawClient {
  /** Sends a request and resolves with the first reply to it. */
  request(event: string, args: readonly unknown[]): Promise<RawReply>;
  /** Sends a request without wanting a reply. */
  send(event: string, args: readonly unknown[]): void;
  /** Every notification received, in order, as `[event, ...args]` (replies are not notifications). */
  readonly received: readonly [string, ...unknown[]][];
  /** Resolves with the args of the next notification named `event` not returned by an earlier `next(event)`. */
  next(event: string): Promise<unknown[]>;
  /**
   * How many replies arrived, counting every reply frame: a second reply to one request, or a reply to a request
   * sent without wanting one, counts too. Lets the suite show that a reply was delivered exactly once.
   */
  readonly repliesReceived: number;
  /** Closes the connection from the client side; resolves once closed (at once if it is closed already). */
  close(): Promise<void>;
  /** Resolves when the server closed the connection (never if the client closed it). */
  readonly closedByServer: Promise<void>;
}

/** How a transport carries a request's error. */
export type ErrorForm =
  /** The `PublicError.text` string, or the `PublicError.object` when `host.useRawErrorObjects` is true (socket.io). */
  | "text-or-object"
  /** Always the object's code and args, whatever `host.useRawErrorObjects` says (`text` MAY come along). */
  | "object";

/** Creates the transports and clients `describeTransport` tests. */
export interface TransportFactory {
  /** How the transport carries errors. */
  readonly errorForm: ErrorForm;
  /** A fresh, unstarted transport that will listen on 127.0.0.1 with an OS-assigned port. */
  create(): Transport;
  /**
   * Opens a raw client to a started transport (from `create`) and resolves once the connection is open. MUST
   * reject if the transport refuses the connection (e.g. after `close()`).
   */
  connect(transport: Transport, options?: RawConnectOptions): Promise<RawClient>;
}
