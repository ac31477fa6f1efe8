/**
 * Options of {@link createClient}, their defaults, and their validation at construction time.
 * @module
 */
import type { MessageFormats } from "@chat/core/protocol";

/** The wire the client speaks: chat-service 1.0's socket.io protocol, or `@chat/transport-ws`'s frames. */
export type TransportName = "socket.io" | "ws";

/** Handshake query parameters; the server's `onConnect` hook reads them with `getHandshakeData(id).query`. */
export type AuthQuery = Record<string, string>;

/** The query itself, or a function that makes it: called again before every reconnect (to refresh a token). */
export type AuthSource = AuthQuery | (() => AuthQuery | Promise<AuthQuery>);

/** Backoff between connection attempts: attempt n waits a random time in [0, min(maxDelay, initialDelay · factorⁿ)). */
export interface ReconnectOptions {
  /** @default 500 */
  initialDelay?: number;
  /** @default 10000 */
  maxDelay?: number;
  /** @default 2 */
  factor?: number;
}

/** Options of {@link createClient}. Durations are in milliseconds; `Infinity` means "no limit". */
export interface ClientOptions {
  /** The server, e.g. `"http://localhost:8000"` (`ws:`/`wss:` work too). Only its origin is used. */
  url: string;
  /** @default "socket.io" */
  transport?: TransportName;
  /** The socket.io namespace, or the WebSocket path. @default "/chat-service" */
  path?: string;
  /** Login data sent in the handshake query, e.g. `{ userName: "alice" }` or `{ token }`. @default {} */
  auth?: AuthSource;
  /** Extra HTTP headers of the handshake. Node only: browsers do not let a page set WebSocket headers. @default {} */
  headers?: Record<string, string>;
  /** Start connecting at once; with `false`, call `connect()`. @default true */
  autoConnect?: boolean;
  /** Backoff of reconnects, or `false` to end the client (state `"closed"`) when a connection is lost. @default {} */
  reconnect?: ReconnectOptions | false;
  /** An attempt that has not logged in within this time is abandoned and retried. @default 10000 */
  connectTimeout?: number;
  /** A request without a reply within this time fails with `requestTimeout`. @default 30000 */
  requestTimeout?: number;
  /** A request made while not online waits for the next login at most this long, then fails with `notConnected`. @default 15000 */
  offlineTimeout?: number;
  /** `ws` only: interval of the client's `[5, token]` pings. @default 10000 */
  heartbeatInterval?: number;
  /** `ws` only: without any frame from the server this long after a ping, the connection is dead and replaced. @default 10000 */
  heartbeatTimeout?: number;
  /** `socket.io` only: Engine.IO transports; add `"polling"` for networks that block WebSocket. @default ["websocket"] */
  socketIoTransports?: ("websocket" | "polling")[];
  /** `socket.io` only: the Engine.IO path of the server. @default "/socket.io" */
  socketIoPath?: string;
  /**
   * Check command arguments before sending, as the server will (a `badArgument` without a round trip). Set
   * `messageFormats` when the server has message checker hooks, or `false` to leave all checks to the server.
   * @default true
   */
  validateArguments?: boolean;
  /** Which message kinds the server accepts as any plain object (it has a checker hook for them). @default {} */
  messageFormats?: MessageFormats;
}

/** Options after defaults. */
export interface ResolvedClientOptions {
  url: URL;
  transport: TransportName;
  path: string;
  auth: AuthSource;
  headers: Record<string, string>;
  autoConnect: boolean;
  reconnect: Required<ReconnectOptions> | false;
  connectTimeout: number;
  requestTimeout: number;
  offlineTimeout: number;
  heartbeatInterval: number;
  heartbeatTimeout: number;
  socketIoTransports: ("websocket" | "polling")[];
  socketIoPath: string;
  validateArguments: boolean;
  messageFormats: MessageFormats;
}

function fail(message: string): never {
  throw new TypeError(`@chat/client: ${message}`);
}

function duration(name: string, value: number | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || Number.isNaN(value) || value < min) fail(`option \`${name}\` must be a number ≥ ${min}, got ${String(value)}`);
  return value;
}

function resolveUrl(url: unknown): URL {
  if (typeof url !== "string") fail("option `url` is required, e.g. \"http://localhost:8000\"");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    fail(`option \`url\` is not an absolute URL: ${url}`);
  }
  if (!["http:", "https:", "ws:", "wss:"].includes(parsed.protocol)) fail(`option \`url\` must be http(s) or ws(s): ${url}`);
  return parsed;
}

function resolveReconnect(reconnect: ReconnectOptions | false | undefined): Required<ReconnectOptions> | false {
  if (reconnect === false) return false;
  const initialDelay = duration("reconnect.initialDelay", reconnect?.initialDelay, 500);
  const maxDelay = duration("reconnect.maxDelay", reconnect?.maxDelay, 10_000);
  const factor = duration("reconnect.factor", reconnect?.factor, 2, 1);
  return { initialDelay, maxDelay, factor };
}

/** Applies the defaults; throws a `TypeError` naming the package for an invalid option. */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  if (typeof options !== "object" || options === null) fail("options must be an object with at least `url`");
  const transport = options.transport ?? "socket.io";
  if (transport !== "socket.io" && transport !== "ws") fail(`option \`transport\` must be "socket.io" or "ws", got ${String(transport)}`);
  const path = options.path ?? "/chat-service";
  if (typeof path !== "string" || !path.startsWith("/")) fail(`option \`path\` must start with "/", got ${String(path)}`);
  const auth = options.auth ?? {};
  if (typeof auth !== "function" && (typeof auth !== "object" || auth === null)) fail("option `auth` must be an object or a function");
  return {
    url: resolveUrl(options.url),
    transport,
    path,
    auth,
    headers: { ...options.headers },
    autoConnect: options.autoConnect ?? true,
    reconnect: resolveReconnect(options.reconnect),
    connectTimeout: duration("connectTimeout", options.connectTimeout, 10_000),
    requestTimeout: duration("requestTimeout", options.requestTimeout, 30_000),
    offlineTimeout: duration("offlineTimeout", options.offlineTimeout, 15_000),
    heartbeatInterval: duration("heartbeatInterval", options.heartbeatInterval, 10_000, 1),
    heartbeatTimeout: duration("heartbeatTimeout", options.heartbeatTimeout, 10_000, 1),
    socketIoTransports: options.socketIoTransports ?? ["websocket"],
    socketIoPath: options.socketIoPath ?? "/socket.io",
    validateArguments: options.validateArguments ?? true,
    messageFormats: { ...options.messageFormats },
  };
}

/** Evaluates the auth source for one connection attempt. */
export async function resolveAuth(auth: AuthSource): Promise<AuthQuery> {
  return typeof auth === "function" ? await auth() : auth;
}
