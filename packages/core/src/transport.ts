/**
 * The transport contract: local connections only.
 *
 * A transport accepts connections, hands every incoming request to the core, and delivers notifications to its
 * own local sockets and local channels. It never knows that other instances exist: the core delivers to local
 * sockets through every transport of its instance and publishes once on the bus for the others.
 * @module
 */
import type { ErrorObject } from "./protocol/index.js";

/** What a transport knows about a connection's opening handshake. */
export interface HandshakeData {
  /** Whether the socket is connected to this instance right now. */
  isConnected: boolean;
  /** Query-string parameters of the handshake (`{}` for an unknown socket). */
  query: Record<string, unknown>;
  /** HTTP headers of the handshake, lower-case names (`{}` for an unknown socket). */
  headers: Record<string, unknown>;
  /** The peer's address, when known. */
  address?: string;
}

/** An error as a transport sends it: the wire object and the 1.0 string form. */
export interface PublicError {
  /** `{ name: "ChatServiceError", code, args }`; anything that was not a service error is an `internalError`. */
  object: ErrorObject;
  /** chat-service 1.0's string form, e.g. `"ChatServiceError: No such room r"`. */
  text: string;
}

/** The outcome of a request: an error, or the reply values (normally one). */
export type RequestOutcome =
  | {
      /** The error to send back. */
      error: PublicError;
    }
  | {
      /** `null`: the request succeeded. */
      error: null;
      /** The reply values, e.g. `[messageId]` for `roomMessage`. */
      results: unknown[];
      /**
       * `JSON.stringify(results)`, when the core has it without encoding (a store's page of history): a transport
       * that sends JSON may write this text instead of encoding `results`. It never holds binary data.
       */
      resultsJson?: string | undefined;
    };

/** Sends a request's outcome back to the client. Called at most once per request. */
export type Respond = (outcome: RequestOutcome) => void;

/** The core's side of a transport: given to {@link Transport.start}, one per transport. */
export interface TransportHost {
  /** The service option: socket.io acks carry error objects instead of strings. */
  readonly useRawErrorObjects: boolean;
  /** A socket connected: the core runs the login sequence and answers with `loginConfirmed` or `loginRejected`. */
  connected(socketId: string): void;
  /**
   * A request arrived. Requests of sockets that are not logged in, and events that are neither a command nor a
   * handler bound with `bindHandler`, are ignored without an answer (as chat-service 1.0 does).
   * @param respond absent when the client wants no answer
   */
  request(socketId: string, event: string, args: unknown[], respond: Respond | undefined): void;
  /** A socket disconnected (for whatever reason); the core runs the disconnect cleanup. */
  disconnected(socketId: string): void;
}

/**
 * A transport. Every method but `start` and `close` is synchronous and acts on local sockets only.
 *
 * - Socket ids MUST be unique across transports and instances (random ids of ≥ 120 bits are).
 * - `emit` MUST encode a notification once per call, not once per recipient, and MUST deliver to local sockets
 *   only (never through a cluster adapter: the core publishes to other instances itself).
 * - Everything sent to one socket (replies and notifications) MUST arrive in the order it was sent; a
 *   notification sent right before `disconnect(id)` MUST arrive before the close. The core relies on both: a
 *   command's notifications precede its reply, and `loginRejected` precedes the disconnect.
 * - `close` MUST report every still-connected socket through `host.disconnected` before it resolves.
 * - `host` methods may be called re-entrantly (for example `disconnect(id)` reporting `host.disconnected(id)`
 *   before it returns), and calls about sockets that are gone, `respond` included, MUST be harmless no-ops.
 * - A transport is single-use: `start` once, `close` any number of times.
 */
export interface Transport {
  /** A short name for logs and errors, e.g. `"socket.io"`. */
  readonly name: string;
  /** Starts accepting connections (binds the port if the transport owns one). */
  start(host: TransportHost): Promise<void>;
  /** Stops accepting connections and disconnects every client. */
  close(): Promise<void>;
  /** Whether the socket is connected here. */
  hasSocket(socketId: string): boolean;
  /** The handshake query, headers and address of a local socket; `isConnected: false` when it is not here. */
  getHandshakeData(socketId: string): HandshakeData;
  /** Adds a local socket to a channel. @returns `false` if the socket is not connected here. */
  joinChannel(socketId: string, channel: string): boolean;
  /** Removes a socket from a channel (nothing happens if it is not here). */
  leaveChannel(socketId: string, channel: string): void;
  /**
   * Whether any local socket is in `channel` (sockets leave every channel when they disconnect). Optional, and
   * only a cluster uses it: without it the core keeps a small record for every room whose messages it ever saw
   * (their id order), since it cannot tell when nobody here follows a room any more.
   */
  hasChannelMembers?(channel: string): boolean;
  /** Sends a notification to every local member of `channel` except socket `except`. */
  emit(channel: string, event: string, args: readonly unknown[], except?: string): void;
  /** Sends a notification to one local socket. */
  emitToSocket(socketId: string, event: string, args: readonly unknown[]): void;
  /** Disconnects a local socket from the server side (nothing happens if it is not here). */
  disconnect(socketId: string): void;
}
