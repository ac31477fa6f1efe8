import { type Server as HttpServer, createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** The caller's HTTP servers of the running test (the transport's `server` option). */
const servers = new Set<HttpServer>();

/** An HTTP server of the caller's, not listening yet; {@link closeCallerServers} closes it once it listens. */
export function createCallerServer(): HttpServer {
  const server = createServer((_request, response) => response.end("caller"));
  servers.add(server);
  return server;
}

/** An HTTP server of the caller's, listening on 127.0.0.1 and a free port. */
export async function listenCallerServer(): Promise<{ server: HttpServer; port: number }> {
  const server = createCallerServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** Closes the caller's servers the helpers made, upgraded connections included; call it in `afterEach`. */
export async function closeCallerServers(): Promise<void> {
  for (const server of servers) {
    if (!server.listening) continue;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers.clear();
}
