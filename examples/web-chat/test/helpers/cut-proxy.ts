/**
 * A TCP proxy whose network can be cut: `cut()` destroys every connection and refuses new ones until
 * `restore()`. A page loaded through it talks to the server through it, WebSocket included, so a cut is a real
 * network failure for that page only.
 */
import { connect, createServer, type Socket } from "node:net";

export interface CutProxy {
  /** `http://127.0.0.1:<proxy port>` */
  readonly origin: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCutProxy(targetPort: number): Promise<CutProxy> {
  const sockets = new Set<Socket>();
  let down = false;
  const server = createServer((downstream) => {
    if (down) return void downstream.destroy();
    const upstream = connect(targetPort, "127.0.0.1");
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    const end = (): void => {
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    downstream.pipe(upstream);
    upstream.pipe(downstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
    async close() {
      down = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
