import type { HandshakeData, Transport, TransportHost } from "@chat/core";
import type { ExtendedError, Namespace, Server, Socket } from "socket.io";
import { transportError } from "./error.js";
import { handshakeOf, unknownHandshake } from "./handshake.js";
import { runMiddleware } from "./middleware-chain.js";
import { type SocketIoTransportOptions, resolveOptions } from "./options.js";
import { ReplyTextEncoder } from "./reply-text-parser.js";
import { createRespond, splitAck } from "./respond.js";
import { type ServerHandle, openServer } from "./server-handle.js";

/** A {@link Transport} over socket.io, as returned by {@link socketIoTransport}. */
export interface SocketIoTransport extends Transport {
  /** The socket.io server once `start` has run (the caller's own with `io`); it stays set after `close`. */
  readonly server: Server | undefined;
  /** Where the transport's own HTTP server listens, or `null` (not listening, or attached with `io`/`http`). */
  address(): {
    /** The TCP port, useful after listening on port `0`. */
    port: number;
    /** The bound IP address, e.g. `"127.0.0.1"` or `"::"`. */
    address: string;
  } | null;
}

type State = "idle" | "starting" | "started" | "closed";

/**
 * Creates a socket.io transport, wire-compatible with chat-service 1.0's clients (PROTOCOL.md §3).
 *
 * Every event a connected socket sends goes to the core as a request (a trailing function is the ack), socket ids
 * are socket.io's own (`"/chat-service#<engine id>"` for socket.io-client 2), and channels are socket.io rooms of
 * the namespace. The options are checked here: a misconfiguration throws an `Error` naming this package.
 *
 * @example
 * ```ts
 * import { createChatServer } from "@chat/core";
 * import { memoryStore } from "@chat/store-memory";
 * import { socketIoTransport } from "@chat/transport-socketio";
 *
 * const service = await createChatServer({
 *   store: memoryStore(),
 *   // allowEIO3 lets chat-service 1.0's socket.io-client 2 clients connect, next to socket.io-client 4.
 *   transports: [socketIoTransport({ port: 8000, serverOptions: { allowEIO3: true } })],
 * });
 * ```
 */
export function socketIoTransport(options?: SocketIoTransportOptions): SocketIoTransport {
  const { source, namespace, middleware } = resolveOptions(options);
  // Sockets reported to the host as connected and not yet as disconnected: exactly the local sockets.
  const sockets = new Map<string, Socket>();
  let state: State = "idle";
  let handle: ServerHandle | undefined;
  let nsp: Namespace | undefined;
  let host: TransportHost | undefined;
  // Whether replies may go as the core's JSON text: the server encodes with replyTextParser.
  let sendsText = false;
  let starting: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  const accepting = (): boolean => state === "starting" || state === "started";

  // The only middleware registered on the namespace (socket.io cannot unregister one). Once this transport is
  // closed it refuses connections, unless something else now handles the namespace (a new transport on the
  // caller's io), to which it then stays transparent.
  const gate = (socket: Socket, next: (err?: ExtendedError) => void): void => {
    if (!accepting()) {
      const othersListen = nsp?.listeners("connection").some((listener) => listener !== onConnection) ?? false;
      return othersListen ? next() : next(transportError("not accepting connections"));
    }
    runMiddleware(middleware, socket, (err) => {
      if (err) next(err);
      else if (!accepting()) next(transportError("not accepting connections"));
      else next();
    });
  };

  const onConnection = (socket: Socket): void => {
    // socket.io connects a socket one tick after its middleware passed; close() may have begun in between.
    if (!accepting() || host === undefined) {
      socket.disconnect();
      return;
    }
    const connectedHost = host;
    const id = socket.id;
    sockets.set(id, socket);
    socket.on("disconnect", () => {
      if (sockets.delete(id)) connectedHost.disconnected(id);
    });
    socket.onAny((event: unknown, ...raw: unknown[]) => {
      const { args, ack } = splitAck(raw);
      // The parser lets numbers through as event names; an EventEmitter, as chat-service 1.0 used, sees "5".
      connectedHost.request(id, String(event), args, ack && createRespond(ack, connectedHost, sendsText));
    });
    connectedHost.connected(id);
  };

  // Runs synchronously up to `listen`, so `state` is "starting" by the time `start()` returns its promise.
  const begin = async (startHost: TransportHost): Promise<void> => {
    state = "starting";
    host = startHost;
    const opened = openServer(source, namespace);
    const namespaceOfServer = opened.io.of(namespace);
    handle = opened;
    nsp = namespaceOfServer;
    sendsText = opened.io.encoder instanceof ReplyTextEncoder;
    namespaceOfServer.use(gate);
    namespaceOfServer.on("connection", onConnection);
    try {
      await opened.listen();
    } catch (error) {
      namespaceOfServer.off("connection", onConnection);
      handle = undefined;
      nsp = undefined;
      await opened.close();
      // A failed start may be retried, unless close() was called meanwhile.
      if (state === "starting") state = "idle";
      throw error;
    }
    // close() may have run while the port was being bound; it waits for this promise, then cleans up.
    if (state === "starting") state = "started";
  };

  const shutdown = async (): Promise<void> => {
    const wasStarting = starting;
    state = "closed";
    if (wasStarting) await wasStarting.catch(() => {});
    if (handle === undefined || nsp === undefined) return;
    // Each disconnect reports the socket to the host synchronously (socket.io emits "disconnect" in place).
    for (const socket of [...sockets.values()]) socket.disconnect();
    // Let sockets that passed the gate just before the close arrive, so onConnection turns them away.
    await new Promise<void>((resolve) => setImmediate(resolve));
    nsp.off("connection", onConnection);
    await handle.close();
  };

  return {
    name: "socket.io",
    get server() {
      return handle?.io;
    },
    address: () => handle?.address() ?? null,
    start(startHost) {
      if (state === "closed") return Promise.reject(transportError("cannot start a closed transport"));
      if (state !== "idle") return Promise.reject(transportError("already started"));
      starting = begin(startHost);
      return starting;
    },
    close() {
      closing ??= shutdown();
      return closing;
    },
    hasSocket: (socketId) => sockets.has(socketId),
    getHandshakeData(socketId): HandshakeData {
      const socket = sockets.get(socketId);
      return socket ? handshakeOf(socket) : unknownHandshake();
    },
    joinChannel(socketId, channel) {
      const socket = sockets.get(socketId);
      if (!socket) return false;
      // The in-memory adapter joins synchronously; other adapters settle on their own, nothing to wait for.
      void socket.join(channel);
      return true;
    },
    leaveChannel(socketId, channel) {
      void sockets.get(socketId)?.leave(channel);
    },
    hasChannelMembers(channel) {
      // The adapter's rooms are this server's sockets only, whatever adapter it uses; a room goes with its last one.
      return (nsp?.adapter.rooms.get(channel)?.size ?? 0) > 0;
    },
    emit(channel, event, args, except) {
      if (nsp === undefined) return;
      // One broadcast: the adapter encodes the packet once for every recipient. `local`, because the core
      // delivers to other instances itself; a cluster adapter (Redis) would otherwise deliver twice. Each socket
      // is in a room named after its id, so `except` excludes exactly that socket.
      const local = nsp.local.to(channel);
      const target = except === undefined ? local : local.except(except);
      target.emit(event, ...args);
    },
    emitToSocket(socketId, event, args) {
      sockets.get(socketId)?.emit(event, ...args);
    },
    disconnect(socketId) {
      // Without closing the connection: the client sees "io server disconnect", and other namespaces it
      // multiplexes on the same connection keep working.
      sockets.get(socketId)?.disconnect();
    },
  };
}
