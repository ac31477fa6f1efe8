// The options of wsTransport, and their validation at construction time.
import type { IncomingMessage, Server as HttpServer } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { ServerOptions } from "ws";
import { transportError } from "./error.js";

/**
 * Decides whether a WebSocket upgrade may proceed, from its `Origin` header (`undefined` when the client sent
 * none, as non-browser clients do) and the request. A rejection or a throw counts as `false`.
 */
export type OriginCheck = (origin: string | undefined, request: IncomingMessage) => boolean | Promise<boolean>;

/** Options of {@link wsTransport}. Give either `server`, or `port`/`host`, not both. */
export interface WsTransportOptions {
  /**
   * Port of the HTTP server the transport creates and listens on (`0` picks a free port; see `address()`).
   * Not allowed together with `server`.
   * @default 8000
   */
  port?: number;
  /**
   * Interface the transport's own HTTP server binds to. Not allowed together with `server`.
   * @default undefined (every interface, as `server.listen(port)` does)
   */
  host?: string;
  /**
   * An HTTP(S) server of the caller. The transport handles its `upgrade` requests for `path` only, leaves every
   * other request to the caller (socket.io on the same server keeps working), and never listens on it or closes it.
   * @default undefined
   */
  server?: HttpServer | HttpsServer;
  /**
   * The URL path clients connect to. Upgrades on other paths are refused (400) on the transport's own server; on
   * a caller's `server` they are left to its other `upgrade` listeners, or refused when it has none.
   * @default "/chat-service"
   */
  path?: string;
  /**
   * The largest message, in bytes, a client may send; a larger one closes its connection with 1009.
   * @default 1_000_000
   */
  maxPayload?: number;
  /**
   * Milliseconds between the WebSocket pings the server sends every connection. A connection that has not
   * answered the previous ping with a pong when the next one is due is presumed dead and terminated.
   * @default 25_000
   */
  pingInterval?: number;
  /**
   * Which browser origins may connect: a list of exact origins (`"https://chat.example.com"`; a request without
   * an `Origin` header is refused), or a function deciding per request. A refused upgrade gets HTTP 403 and never
   * reaches the service. Sharing a server with socket.io, keep an asynchronous check under a second: engine.io ends
   * upgrades that nobody answered by then (its `destroyUpgradeTimeout`).
   * @default undefined (every origin, and requests without one)
   */
  allowOrigin?: readonly string[] | OriginCheck;
  /**
   * When more than this many bytes wait to be sent to one client after a send, the client reads too slowly: its
   * connection is closed with 4429 rather than letting the server's memory grow, and cut (its buffer freed) a
   * second later if the client has still not read up to the close frame.
   * @default 16 MiB
   */
  maxBufferedBytes?: number;
  /**
   * Chooses a WebSocket subprotocol from the ones the client offers (passed to `ws`). The frame format needs none.
   * @default undefined (`ws` accepts the first protocol the client offers, if any)
   */
  handleProtocols?: ServerOptions["handleProtocols"];
  /**
   * permessage-deflate compression (passed to `ws`). Off by default: it costs memory and CPU per connection, and
   * compresses every notification once per recipient instead of once per broadcast.
   * @default false
   */
  perMessageDeflate?: ServerOptions["perMessageDeflate"];
}

/** Where the HTTP server comes from, and so what `close()` may close. */
export type ServerSource =
  | { kind: "own"; port: number; host: string | undefined }
  | { kind: "attached"; server: HttpServer | HttpsServer };

/** Options after validation and defaults. */
export interface ResolvedOptions {
  source: ServerSource;
  path: string;
  maxPayload: number;
  pingInterval: number;
  originCheck: OriginCheck | undefined;
  maxBufferedBytes: number;
  handleProtocols: ServerOptions["handleProtocols"];
  perMessageDeflate: NonNullable<ServerOptions["perMessageDeflate"]>;
}

/** The port the transport listens on when given none (chat-service 1.0's). */
export const DEFAULT_PORT = 8000;
/** The URL path clients connect to by default, named after chat-service 1.0's namespace. */
export const DEFAULT_PATH = "/chat-service";
/** The default `maxPayload`, in bytes. */
export const DEFAULT_MAX_PAYLOAD = 1_000_000;
/** The default `pingInterval`, in milliseconds. */
export const DEFAULT_PING_INTERVAL = 25_000;
/** The default `maxBufferedBytes`. */
export const DEFAULT_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

// setInterval treats longer delays as 1 ms.
const MAX_TIMER_DELAY = 2 ** 31 - 1;
const KNOWN_OPTIONS = new Set([
  "port",
  "host",
  "server",
  "path",
  "maxPayload",
  "pingInterval",
  "allowOrigin",
  "maxBufferedBytes",
  "handleProtocols",
  "perMessageDeflate",
]);

/** Validates the caller's options and applies the defaults. Throws an `Error` naming the package. */
export function resolveOptions(options: WsTransportOptions | undefined): ResolvedOptions {
  if (options === undefined) options = {};
  if (!isPlainObject(options)) throw transportError("options must be an object");
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw transportError(`unknown option "${key}"`);
  }
  const { handleProtocols, perMessageDeflate } = options;
  if (handleProtocols !== undefined && typeof handleProtocols !== "function") {
    throw transportError("handleProtocols must be a function");
  }
  if (perMessageDeflate !== undefined && typeof perMessageDeflate !== "boolean" && !isPlainObject(perMessageDeflate)) {
    throw transportError("perMessageDeflate must be a boolean or an object");
  }
  return {
    source: resolveSource(options.port, options.host, options.server),
    path: resolvePath(options.path),
    maxPayload: positiveInteger("maxPayload", options.maxPayload, DEFAULT_MAX_PAYLOAD, Number.MAX_SAFE_INTEGER),
    pingInterval: positiveInteger("pingInterval", options.pingInterval, DEFAULT_PING_INTERVAL, MAX_TIMER_DELAY),
    originCheck: resolveOrigin(options.allowOrigin),
    maxBufferedBytes: positiveInteger("maxBufferedBytes", options.maxBufferedBytes, DEFAULT_MAX_BUFFERED_BYTES, Number.MAX_SAFE_INTEGER),
    handleProtocols: handleProtocols as ServerOptions["handleProtocols"],
    perMessageDeflate: (perMessageDeflate ?? false) as ResolvedOptions["perMessageDeflate"],
  };
}

function resolveSource(port: unknown, host: unknown, server: unknown): ServerSource {
  if (server !== undefined) {
    // A port that is never bound is a configuration mistake, not something to ignore silently.
    if (port !== undefined || host !== undefined) throw transportError("port and host apply only to the transport's own server, not with server");
    if (!isObject(server) || typeof server.listen !== "function" || typeof server.on !== "function" || typeof server.off !== "function") {
      throw transportError("server must be an http.Server or https.Server");
    }
    return { kind: "attached", server: server as unknown as HttpServer };
  }
  if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535)) {
    throw transportError(`port must be an integer from 0 to 65535, got ${String(port)}`);
  }
  if (host !== undefined && (typeof host !== "string" || host === "")) throw transportError("host must be a non-empty string");
  return { kind: "own", port: (port as number | undefined) ?? DEFAULT_PORT, host: host as string | undefined };
}

function resolvePath(path: unknown): string {
  if (path === undefined) return DEFAULT_PATH;
  // Compared with the request's pathname, which never has a query or a fragment.
  if (typeof path !== "string" || !path.startsWith("/") || /[?#]/.test(path)) {
    throw transportError(`path must be a string starting with "/" without "?" or "#", got ${String(path)}`);
  }
  return path;
}

function resolveOrigin(allowOrigin: unknown): OriginCheck | undefined {
  if (allowOrigin === undefined) return undefined;
  if (typeof allowOrigin === "function") return allowOrigin as OriginCheck;
  if (!Array.isArray(allowOrigin) || !allowOrigin.every((origin) => typeof origin === "string")) {
    throw transportError("allowOrigin must be an array of origins or a function");
  }
  const allowed = new Set<string>(allowOrigin);
  return (origin) => origin !== undefined && allowed.has(origin);
}

function positiveInteger(name: string, value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw transportError(`${name} must be an integer from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !Array.isArray(value);
}
