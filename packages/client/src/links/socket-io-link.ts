/**
 * The link over chat-service 1.0's socket.io protocol (PROTOCOL.md §3): `emit(command, ...args, ack)` with
 * `ack(error, ...results)`, notifications as plain events. socket.io-client is imported on first use, so that an
 * application that only speaks ws never downloads it, and its own reconnection is off: the client reconnects
 * itself, over either transport, with a new link each time.
 * @module
 */
import type { Socket } from "socket.io-client";
import { ChatClientError } from "../errors.js";
import { normalizeBinary } from "../binary.js";
import { fromWireError } from "../wire-error.js";
import type { Link, LinkEvents, LinkFactory, LinkOptions } from "./link.js";
import { PendingRequests } from "./pending-requests.js";

/** The namespace URL: origin plus the `path` option. */
export function socketIoUrl(options: LinkOptions): string {
  return new URL(options.path, options.url).toString();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Creates a socket.io link; see {@link Link}. */
export const createSocketIoLink: LinkFactory = (options: LinkOptions, events: LinkEvents): Link => {
  const pending = new PendingRequests<number>();
  let socket: Socket | undefined;
  let finished = false;
  let nextId = 1;

  const finish = (reason: string): void => {
    if (finished) return;
    finished = true;
    if (socket) {
      socket.offAny();
      socket.removeAllListeners();
      socket.disconnect();
    }
    pending.failAll();
    events.closed(reason);
  };

  const dial = async (): Promise<void> => {
    const { io } = await import("socket.io-client");
    if (finished) return;
    const created = io(socketIoUrl(options), {
      query: options.query,
      path: options.socketIoPath,
      transports: options.socketIoTransports,
      extraHeaders: options.headers,
      reconnection: false,
      forceNew: true,
      timeout: options.connectTimeout,
    });
    socket = created;
    created.on("connect_error", (error: Error) => finish(`connect failed: ${error.message}`));
    created.on("disconnect", (reason: string) => finish(reason));
    created.onAny((event: unknown, ...args: unknown[]) => {
      events.notification(String(event), normalizeBinary(args) as unknown[]);
    });
  };
  dial().catch((error: unknown) => finish(`connect failed: ${messageOf(error)}`));

  return {
    request(event, args, timeout) {
      if (!socket?.connected) return Promise.reject(new ChatClientError("notConnected", ["the socket.io connection is not open"]));
      const id = nextId++;
      const reply = pending.add(id, event, timeout);
      socket.emit(event, ...args, (error: unknown, ...results: unknown[]) => {
        if (error !== null && error !== undefined) pending.settle(id, { error: fromWireError(error) });
        else pending.settle(id, { results: normalizeBinary(results) as unknown[] });
      });
      return reply;
    },
    close: (reason) => finish(reason),
  };
};
