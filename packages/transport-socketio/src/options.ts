// The options of socketIoTransport, and their validation at construction time.
import type { Server as HttpServer } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { ExtendedError, Server, ServerOptions, Socket } from "socket.io";
import { transportError } from "./error.js";

/** A socket.io namespace middleware: call `next()` to let the connection in, `next(error)` to refuse it. */
export type Middleware = (socket: Socket, next: (err?: ExtendedError) => void) => void;

/** Options of {@link socketIoTransport}. Give at most one of `io`, `http` or `port`/`host`. */
export interface SocketIoTransportOptions {
  /**
   * Port of the HTTP server the transport creates and listens on (`0` picks a free port; see `address()`).
   * Not allowed together with `io` or `http`.
   * @default 8000
   */
  port?: number;
  /**
   * Interface the transport's own HTTP server binds to. Not allowed together with `io` or `http`.
   * @default undefined (every interface, as `server.listen(port)` does)
   */
  host?: string;
  /**
   * An HTTP(S) server of the caller: the transport attaches a new socket.io server to it and never listens or
   * closes it. Not allowed together with `io`.
   * @default undefined
   */
  http?: HttpServer | HttpsServer;
  /**
   * A socket.io server of the caller: the transport only uses its `namespace` and never closes the server.
   * Not allowed together with `http` or `serverOptions`.
   * @default undefined
   */
  io?: Server;
  /**
   * The socket.io namespace every client connects to; chat-service 1.0 clients expect the default.
   * @default "/chat-service"
   */
  namespace?: string;
  /**
   * Options for `new Server(...)` when the transport creates the socket.io server (so not with `io`).
   * `{ allowEIO3: true }` lets socket.io-client 2 clients (chat-service 1.0's) connect.
   * `connectionStateRecovery` is refused: a reconnecting client must get a new socket id and log in again.
   * @default {} (socket.io's defaults)
   */
  serverOptions?: Partial<ServerOptions>;
  /**
   * Middleware run, in order, for every connection to the namespace before it is accepted. An error passed to
   * `next` refuses the connection: the client gets `connect_error` (socket.io-client 2: `error`) and never logs in.
   * @default []
   */
  middleware?: Middleware | readonly Middleware[];
}

/** Where the socket.io server comes from, and so what `close()` may close. */
export type ServerSource =
  | { kind: "own"; port: number; host: string | undefined; serverOptions: Partial<ServerOptions> }
  | { kind: "http"; http: HttpServer | HttpsServer; serverOptions: Partial<ServerOptions> }
  | { kind: "io"; io: Server };

/** Options after validation and defaults. */
export interface ResolvedOptions {
  source: ServerSource;
  namespace: string;
  middleware: readonly Middleware[];
}

/** The port chat-service 1.0 listens on when given none. */
export const DEFAULT_PORT = 8000;
/** The namespace chat-service 1.0 clients connect to. */
export const DEFAULT_NAMESPACE = "/chat-service";

const KNOWN_OPTIONS = new Set(["port", "host", "http", "io", "namespace", "serverOptions", "middleware"]);
// chat-service 1.0 `transportOptions` a migrating caller may still pass; each gets a pointer to what replaced it.
const RENAMED_OPTIONS: Record<string, string> = {
  ioOptions: "use serverOptions",
  adapter: "configure the adapter in serverOptions.adapter or on your own io server",
  adapterOptions: "configure the adapter in serverOptions.adapter or on your own io server",
};

/** Validates the caller's options and applies the defaults. Throws an `Error` naming the package. */
export function resolveOptions(options: SocketIoTransportOptions | undefined): ResolvedOptions {
  if (options === undefined) options = {};
  if (!isPlainObject(options)) throw transportError("options must be an object");
  for (const key of Object.keys(options)) {
    if (key in RENAMED_OPTIONS) throw transportError(`unknown option "${key}" (${RENAMED_OPTIONS[key]})`);
    if (!KNOWN_OPTIONS.has(key)) throw transportError(`unknown option "${key}"`);
  }
  const { port, host, http, io, serverOptions } = options;
  return {
    source: resolveSource(port, host, http, io, serverOptions),
    namespace: resolveNamespace(options.namespace),
    middleware: resolveMiddleware(options.middleware),
  };
}

function resolveSource(
  port: unknown,
  host: unknown,
  http: unknown,
  io: unknown,
  serverOptions: unknown,
): ServerSource {
  if (io !== undefined && http !== undefined) throw transportError("give either io or http, not both");
  if ((io !== undefined || http !== undefined) && (port !== undefined || host !== undefined)) {
    // chat-service 1.0 silently ignored them; a port that is never bound is a configuration mistake.
    throw transportError("port and host apply only to the transport's own server, not with io or http");
  }
  if (io !== undefined) {
    if (!isObject(io) || typeof io.of !== "function") throw transportError("io must be a socket.io Server");
    if (serverOptions !== undefined) throw transportError("serverOptions cannot apply to a caller's io server");
    return { kind: "io", io: io as unknown as Server };
  }
  const resolvedServerOptions = resolveServerOptions(serverOptions);
  if (http !== undefined) {
    if (!isObject(http) || typeof http.listen !== "function" || typeof http.on !== "function") {
      throw transportError("http must be an http.Server or https.Server");
    }
    return { kind: "http", http: http as unknown as HttpServer, serverOptions: resolvedServerOptions };
  }
  if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535)) {
    throw transportError(`port must be an integer from 0 to 65535, got ${String(port)}`);
  }
  if (host !== undefined && (typeof host !== "string" || host === "")) {
    throw transportError("host must be a non-empty string");
  }
  return {
    kind: "own",
    port: (port as number | undefined) ?? DEFAULT_PORT,
    host: host as string | undefined,
    serverOptions: resolvedServerOptions,
  };
}

function resolveServerOptions(serverOptions: unknown): Partial<ServerOptions> {
  if (serverOptions === undefined) return {};
  if (!isPlainObject(serverOptions)) throw transportError("serverOptions must be an object");
  if (serverOptions.connectionStateRecovery !== undefined) {
    // A recovered socket keeps its id and rooms, but the service forgot it at disconnect: it must log in anew.
    throw transportError("serverOptions.connectionStateRecovery is not supported");
  }
  return serverOptions as Partial<ServerOptions>;
}

function resolveNamespace(namespace: unknown): string {
  if (namespace === undefined) return DEFAULT_NAMESPACE;
  if (typeof namespace !== "string" || !namespace.startsWith("/")) {
    throw transportError(`namespace must be a string starting with "/", got ${String(namespace)}`);
  }
  return namespace;
}

function resolveMiddleware(middleware: unknown): readonly Middleware[] {
  if (middleware === undefined) return [];
  const list: unknown[] = Array.isArray(middleware) ? [...middleware] : [middleware];
  list.forEach((fn, index) => {
    if (typeof fn !== "function") throw transportError(`middleware[${index}] must be a function`);
  });
  return list as Middleware[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !Array.isArray(value);
}
