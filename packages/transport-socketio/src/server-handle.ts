import { createServer } from "node:http";
import { Server } from "socket.io";
import type { ServerOptions } from "socket.io";
import type { ServerSource } from "./options.js";
import { replyTextParser } from "./reply-text-parser.js";
import { undoableAttach } from "./undoable-attach.js";

/** The socket.io server of a started transport, and the means to release exactly what the transport created. */
export interface ServerHandle {
  readonly io: Server;
  /** Binds the port when the transport owns the HTTP server; resolves at once otherwise. */
  listen(): Promise<void>;
  /** The bound address of the transport's own HTTP server, or `null`. */
  address(): { port: number; address: string } | null;
  /** Closes what the transport created and detaches from what the caller passed in, which keeps running. */
  close(): Promise<void>;
}

// engine.io and socket.io's client serving add listeners for these on the HTTP server they attach to.
const ATTACHED_EVENTS = ["request", "upgrade", "close", "listening"];

/** Creates or adopts the socket.io server `source` describes; `namespace` is the one the transport will use. */
export function openServer(source: ServerSource, namespace: string): ServerHandle {
  switch (source.kind) {
    case "io":
      return { io: source.io, listen: async () => {}, address: () => null, close: async () => {} };
    case "http": {
      const { result: io, undo } = undoableAttach(
        source.http,
        ATTACHED_EVENTS,
        () => new Server(source.http, withReplyTextParser(source.serverOptions)),
      );
      return attachedHandle(io, namespace, undo);
    }
    case "own": {
      // Answer what socket.io does not handle, as socket.io's `new Server(port)` does, instead of leaving it hanging.
      const http = createServer((_req, res) => {
        res.writeHead(404).end();
      });
      const io = new Server(http, withReplyTextParser(source.serverOptions));
      return {
        io,
        listen: () =>
          new Promise<void>((resolve, reject) => {
            const onError = (error: Error): void => reject(error);
            http.once("error", onError);
            http.listen(source.port, source.host, () => {
              http.off("error", onError);
              resolve();
            });
          }),
        address: () => {
          const bound = http.address();
          return bound !== null && typeof bound === "object" ? { port: bound.port, address: bound.address } : null;
        },
        // Also closes `http`; a server that never listened reports an error, which io.close() only logs.
        close: () => io.close(),
      };
    }
  }
}

/** `options` with the parser that sends the core's reply texts, unless the caller chose a parser. */
function withReplyTextParser(options: Partial<ServerOptions>): Partial<ServerOptions> {
  return options.parser === undefined ? Object.assign({}, options, { parser: replyTextParser }) : options;
}

function attachedHandle(io: Server, namespace: string, detach: () => void): ServerHandle {
  return {
    io,
    listen: async () => {},
    address: () => null,
    close: async () => {
      // Not io.close(): that would close the caller's HTTP server too. So do the rest of its work here.
      await Promise.allSettled([io.of("/").adapter.close(), io.of(namespace).adapter.close()]);
      io.engine.close();
      detach();
    },
  };
}
