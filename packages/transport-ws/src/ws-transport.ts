import type { HandshakeData, Transport, TransportHost } from "@chat/core";
import type { IncomingMessage } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { ChannelRegistry } from "./channels.js";
import { CLOSE_GRACE_MS, closeAll, closeReason, cutUnlessClosedWithin } from "./closing.js";
import { type Connection, openConnection } from "./connection.js";
import { transportError } from "./error.js";
import { CloseCode, encodeNotification } from "./frames/index.js";
import { handshakeData, unknownHandshake } from "./handshake.js";
import { startHeartbeat } from "./heartbeat.js";
import { type HttpHandle, openHttp } from "./http-server.js";
import { type IncomingContext, handleMessage } from "./incoming.js";
import { type WsTransportOptions, resolveOptions } from "./options.js";
import { type Outgoing, encodeOrWarn, sendFrame } from "./outgoing.js";
import { createUpgradeListener, otherPathsAnswerer } from "./upgrade.js";

/** A {@link Transport} over plain WebSocket, as returned by {@link wsTransport}. */
export interface WsTransport extends Transport {
  /** The `ws` server (in `noServer` mode) once `start` has run; it stays set after `close`. */
  readonly server: WebSocketServer | undefined;
  /** Where the transport's own HTTP server listens, or `null` (not listening, or attached to a caller's server). */
  address(): {
    /** The TCP port, useful after listening on port `0`. */
    port: number;
    /** The bound IP address, e.g. `"127.0.0.1"` or `"::"`. */
    address: string;
  } | null;
}

type State = "idle" | "starting" | "started" | "closed";

const ignore = (): void => {};

/**
 * Creates a plain-WebSocket transport speaking the frame format of PROTOCOL-WS.md: one JSON array per message,
 * a binary message when values hold binary data.
 *
 * Every connection gets a random 128-bit socket id and is reported to the core, which runs the login; requests
 * (`[0, …]`, `[1, id, …]`) go to the core, replies and notifications come back as frames, in order. Channels are
 * the transport's own sets of local connections; a notification is encoded once per `emit`, whatever the number of
 * recipients. The options are checked here: a misconfiguration throws an `Error` naming this package.
 *
 * Server-side endings (`disconnect`, `close`, a malformed frame, a slow or silent client) report
 * `host.disconnected` synchronously, before the connection has finished closing: the socket is gone for the
 * service at once, while the frames queued before still reach the client ahead of the close frame.
 *
 * @example
 * ```ts
 * import { createChatServer } from "@chat/core";
 * import { memoryStore } from "@chat/store-memory";
 * import { wsTransport } from "@chat/transport-ws";
 *
 * const service = await createChatServer(
 *   { store: memoryStore(), transports: [wsTransport({ port: 8000 })] },
 *   { onConnect: (service, id) => service.transport.getHandshakeData(id).query.user as string },
 * );
 * // Clients connect to ws://localhost:8000/chat-service?user=alice
 * ```
 */
export function wsTransport(options?: WsTransportOptions): WsTransport {
  const resolved = resolveOptions(options);
  // Connections reported to the host as connected and not yet as disconnected: exactly the local sockets.
  const connections = new Map<string, Connection>();
  const channels = new ChannelRegistry();
  let state: State = "idle";
  let host: TransportHost | undefined;
  let wss: WebSocketServer | undefined;
  let http: HttpHandle | undefined;
  let stopHeartbeat: (() => void) | undefined;
  let starting: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  const accepting = (): boolean => state === "starting" || state === "started";
  const isCurrent = (connection: Connection): boolean => connections.get(connection.id) === connection;

  /** The one place a socket leaves: forgotten with its channels, and reported to the host, once. */
  const forget = (connection: Connection): void => {
    if (!isCurrent(connection)) return;
    connections.delete(connection.id);
    channels.leaveAll(connection);
    host?.disconnected(connection.id);
  };

  /** Closes from the server side: `ws` sends the close frame after the frames already queued. */
  const end = (connection: Connection, code: number, reason: string): void => {
    if (!isCurrent(connection)) return;
    connection.ws.close(code, closeReason(reason));
    forget(connection);
  };

  const send = (connection: Connection, outgoing: Outgoing): void => {
    if (!sendFrame(connection.ws, outgoing, resolved.maxBufferedBytes)) {
      end(connection, CloseCode.slowConsumer, "slow consumer: too much data waiting to be sent");
      // A peer that reads again soon gets the 4429; one that does not is cut, and its buffer freed.
      cutUnlessClosedWithin(connection.ws, CLOSE_GRACE_MS);
    }
  };

  const onConnection = (ws: WebSocket, request: IncomingMessage, context: IncomingContext): void => {
    if (!accepting()) {
      ws.on("error", ignore);
      ws.close(CloseCode.goingAway, "server shutting down");
      return;
    }
    const connection = openConnection(ws, request);
    connections.set(connection.id, connection);
    // `ws` closes the connection itself after a protocol error (1002, 1007, 1009 beyond maxPayload) and reports it
    // here first; the socket is gone for the service from that moment.
    const gone = () => forget(connection);
    ws.on("error", gone);
    ws.on("close", gone);
    ws.on("pong", () => {
      connection.alive = true;
    });
    ws.on("message", (data, isBinary) => {
      // Frames still arriving after a server-side close belong to a socket the service has forgotten.
      if (isCurrent(connection)) handleMessage(context, connection, data, isBinary);
    });
    context.host.connected(connection.id);
  };

  // Runs synchronously up to `listen`, so `state` is "starting" by the time `start()` returns its promise.
  const begin = async (startHost: TransportHost): Promise<void> => {
    state = "starting";
    host = startHost;
    const context: IncomingContext = {
      host: startHost,
      isCurrent,
      send,
      refuse: (connection, reason) => end(connection, CloseCode.invalidFrame, reason),
    };
    const server = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: resolved.maxPayload,
      perMessageDeflate: resolved.perMessageDeflate,
      handleProtocols: resolved.handleProtocols,
    });
    const opened = openHttp(
      resolved.source,
      createUpgradeListener({
        path: resolved.path,
        originCheck: resolved.originCheck,
        answersOtherPaths: otherPathsAnswerer(resolved.source),
        accepting,
        accept: (request, socket, head) => server.handleUpgrade(request, socket, head, (ws) => onConnection(ws, request, context)),
      }),
    );
    wss = server;
    http = opened;
    stopHeartbeat = startHeartbeat(resolved.pingInterval, () => connections.values(), (connection) => {
      // No close code: a peer that stopped answering pings would not read it.
      connection.ws.terminate();
      forget(connection);
    });
    try {
      await opened.listen();
    } catch (error) {
      stopHeartbeat();
      opened.stop();
      await opened.closed();
      wss = http = stopHeartbeat = undefined;
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
    if (wasStarting) await wasStarting.catch(ignore);
    const [server, handle] = [wss, http];
    if (server === undefined || handle === undefined) return;
    stopHeartbeat?.();
    handle.stop();
    // Each end() reports its socket to the host right away, so all are reported before close() resolves.
    const open = [...connections.values()];
    for (const connection of open) end(connection, CloseCode.goingAway, "server shutting down");
    await closeAll(open, CLOSE_GRACE_MS);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await handle.closed();
  };

  return {
    name: "ws",
    get server() {
      return wss;
    },
    address: () => http?.address() ?? null,
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
    hasSocket: (socketId) => connections.has(socketId),
    getHandshakeData(socketId): HandshakeData {
      const connection = connections.get(socketId);
      return connection ? handshakeData(connection.handshake) : unknownHandshake();
    },
    joinChannel(socketId, channel) {
      const connection = connections.get(socketId);
      if (connection === undefined) return false;
      channels.join(connection, channel);
      return true;
    },
    leaveChannel(socketId, channel) {
      const connection = connections.get(socketId);
      if (connection !== undefined) channels.leave(connection, channel);
    },
    // The registry deletes a channel with its last member.
    hasChannelMembers: (channel) => channels.members(channel) !== undefined,
    emit(channel, event, args, except) {
      const members = channels.members(channel);
      if (members === undefined) return;
      // Encoded once for every recipient (the contract's MUST); a socket ended meanwhile leaves the live set safely.
      const outgoing = encodeOrWarn(() => encodeNotification(event, args), `the notification ${event} to channel ${channel}`);
      if (outgoing === undefined) return;
      for (const connection of members) if (connection.id !== except) send(connection, outgoing);
    },
    emitToSocket(socketId, event, args) {
      const connection = connections.get(socketId);
      if (connection === undefined) return;
      const outgoing = encodeOrWarn(() => encodeNotification(event, args), `the notification ${event}`);
      if (outgoing !== undefined) send(connection, outgoing);
    },
    disconnect(socketId) {
      const connection = connections.get(socketId);
      if (connection !== undefined) end(connection, CloseCode.serverDisconnect, "disconnected by the server");
    },
  };
}
