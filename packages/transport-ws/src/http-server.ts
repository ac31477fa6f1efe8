import { createServer } from "node:http";
import type { ServerSource } from "./options.js";
import type { UpgradeListener } from "./upgrade.js";

/** The HTTP server a started transport takes upgrades from, and the means to let go of exactly that. */
export interface HttpHandle {
  /** Binds the port when the transport owns the server; resolves at once otherwise. */
  listen(): Promise<void>;
  /** The bound address of the transport's own server while it listens, or `null`. */
  address(): { port: number; address: string } | null;
  /** Stops taking upgrades: the own server stops listening, a caller's server loses the one listener we added. */
  stop(): void;
  /** Resolves once the own server has closed (call after the WebSocket connections closed); at once otherwise. */
  closed(): Promise<void>;
}

/** Creates or adopts the HTTP server `source` describes and listens to its upgrades with `onUpgrade`. */
export function openHttp(source: ServerSource, onUpgrade: UpgradeListener): HttpHandle {
  if (source.kind === "attached") {
    const { server } = source;
    server.on("upgrade", onUpgrade);
    return {
      listen: async () => {},
      address: () => null,
      // The caller's server keeps listening, with every other listener it has.
      stop: () => void server.off("upgrade", onUpgrade),
      closed: async () => {},
    };
  }
  // Plain HTTP requests are not ours to serve; answer them rather than leave them hanging.
  const server = createServer((_request, response) => {
    response.writeHead(404).end();
  });
  server.on("upgrade", onUpgrade);
  let closing: Promise<void> | undefined;
  const stop = (): void => {
    // close() stops listening at once, and calls back when the last connection has ended.
    closing ??= new Promise((resolve) => server.close(() => resolve()));
  };
  return {
    listen: () =>
      new Promise<void>((resolve, reject) => {
        const onError = (error: Error): void => reject(error);
        server.once("error", onError);
        server.listen(source.port, source.host, () => {
          server.off("error", onError);
          resolve();
        });
      }),
    address: () => {
      const bound = server.address();
      return bound !== null && typeof bound === "object" ? { port: bound.port, address: bound.address } : null;
    },
    stop,
    closed: () => {
      stop();
      // Keep-alive HTTP connections (a browser that fetched a page, a 404) would hold the close back.
      server.closeAllConnections();
      return closing!;
    },
  };
}
