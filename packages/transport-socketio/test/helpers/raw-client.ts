import type { Transport } from "@chat/core";
import { NotificationLog, type RawClient, type RawConnectOptions, type RawReply } from "@chat/conformance";
import { io } from "socket.io-client";
import { DEFAULT_NAMESPACE, type SocketIoTransport } from "../../src/index.js";

// socket.io-parser's ACK and BINARY_ACK packet types.
const ACK_TYPES: ReadonlySet<number> = new Set([3, 6]);

/** Turns the values of a socket.io ack (`null, ...results` or `error, null`) into a {@link RawReply}. */
export function replyOf(values: readonly unknown[]): RawReply {
  const [error, ...results] = values;
  if (error === null || error === undefined) return { error: null, results };
  if (typeof error === "string") return { error: { text: error }, results: [] };
  const { code, args } = error as { code?: unknown; args?: unknown };
  return {
    error: {
      ...(typeof code === "string" ? { code } : {}),
      ...(Array.isArray(args) ? { args: args as unknown[] } : {}),
    },
    results: [],
  };
}

/**
 * Connects a socket.io-client 4 socket to the default namespace of a transport's own server, as a
 * {@link RawClient}: websocket only, no reconnection, a connection of its own. Rejects on `connect_error`.
 */
export function connectRawClient(transport: Transport, options: RawConnectOptions = {}): Promise<RawClient> {
  const address = (transport as SocketIoTransport).address();
  if (address === null) return Promise.reject(new Error("the transport is not listening"));
  const socket = io(`http://127.0.0.1:${address.port}${DEFAULT_NAMESPACE}`, {
    forceNew: true,
    reconnection: false,
    transports: ["websocket"],
    query: options.query ?? {},
    extraHeaders: options.headers ?? {},
  });
  const log = new NotificationLog();
  socket.onAny((event: string, ...args: unknown[]) => log.push(event, args));
  let repliesReceived = 0;
  socket.io.on("packet", (packet) => {
    if (ACK_TYPES.has(packet.type) && packet.nsp === DEFAULT_NAMESPACE) repliesReceived++;
  });
  // socket.io-client reports a client-side close as "io client disconnect"; anything else came from the server.
  const closedByServer = new Promise<void>((resolve) => {
    socket.on("disconnect", (reason) => {
      if (reason !== "io client disconnect") resolve();
    });
  });
  const engineClosed = new Promise<void>((resolve) => socket.io.on("close", () => resolve()));
  const client: RawClient = {
    request: (event, args) =>
      new Promise((resolve) => {
        socket.emit(event, ...args, (...values: unknown[]) => resolve(replyOf(values)));
      }),
    send: (event, args) => {
      socket.emit(event, ...args);
    },
    get received() {
      return log.received;
    },
    next: (event) => log.next(event),
    get repliesReceived() {
      return repliesReceived;
    },
    close: async () => {
      // With forceNew, disconnecting the only socket closes the manager's connection too.
      if (socket.connected) socket.disconnect();
      else socket.close();
      await engineClosed;
    },
    closedByServer,
  };
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(client));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}
