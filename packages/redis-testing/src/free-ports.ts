import { createServer, type Server } from "node:net";

/**
 * Returns `count` distinct ports that were free on 127.0.0.1 a moment ago. All listeners stay open until every
 * port is read, so one call never returns the same port twice. Another process can still take a port before
 * redis-server binds it: callers detect "Address already in use" and try again with fresh ports.
 */
export async function findFreePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen({ host: "127.0.0.1", port: 0 }, resolve);
      });
      const address = server.address();
      if (address === null || typeof address === "string") throw new Error("could not read a free port");
      ports.push(address.port);
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}
