/**
 * A real chat server on 127.0.0.1 for the tests, over either transport, on an HTTP server the helper owns: so it
 * can cut the TCP connection under a WebSocket (as a crashed network would) and restart on the same port.
 */
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import { deferred, type Deferred } from "@chat/conformance";
import { createChatServer, type ChatService, type ChatServiceOptions, type Hooks, type Store, type Transport } from "@chat/core";
import { memoryStore } from "@chat/store-memory";
import { socketIoTransport } from "@chat/transport-socketio";
import { wsTransport } from "@chat/transport-ws";
import type { TransportName } from "../../src/index.js";

export interface TestServer {
  readonly service: ChatService;
  /** The transport itself, for channel tricks the service API does not offer. */
  readonly transport: Transport;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Destroys the TCP connections of every WebSocket opened with `?userName=<user>`, without a goodbye. */
  cutTcp(userName: string): number;
  /** Closes the service and the HTTP server, cutting whatever is still connected. */
  close(): Promise<void>;
}

export interface TestServerOptions {
  store?: Store;
  port?: number;
  options?: Omit<ChatServiceOptions, "store" | "transports">;
  hooks?: Hooks;
}

const running = new Set<TestServer>();

/** Logins a test can hold back: the server's side of "the client is reconnecting right now". */
export interface LoginGates {
  /** The demo login (`?userName=`), which first waits for a gate set on that user with {@link holdNext}. */
  readonly onConnect: NonNullable<Hooks["onConnect"]>;
  /** Makes `userName`'s next login wait until the returned deferred is resolved. */
  holdNext(userName: string): Deferred<void>;
}

export function loginGates(): LoginGates {
  const gates = new Map<string, Promise<void>>();
  return {
    onConnect: async (service, id) => {
      const userName = service.transport.getHandshakeData(id).query.userName as string;
      const gate = gates.get(userName);
      gates.delete(userName);
      await gate;
      return userName;
    },
    holdNext(userName) {
      const gate = deferred();
      gates.set(userName, gate.promise);
      return gate;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}

function transportOn(kind: TransportName, http: Server): Transport {
  return kind === "ws" ? wsTransport({ server: http }) : socketIoTransport({ http });
}

/** Starts a service whose `onConnect` logs in as the handshake's `userName`. */
export async function startServer(kind: TransportName, init: TestServerOptions = {}): Promise<TestServer> {
  const http = createServer();
  const sockets = new Map<string, Set<Socket>>();
  let closed = false;
  // This listener makes Node leave every upgrade to its listeners: after the transport detached, nobody would
  // answer one, and `http.close()` would wait for it forever.
  http.on("upgrade", (request, socket: Socket) => {
    if (closed) {
      socket.destroy();
      return;
    }
    const userName = new URL(request.url ?? "/", "http://localhost").searchParams.get("userName") ?? "";
    const set = sockets.get(userName) ?? new Set();
    set.add(socket);
    sockets.set(userName, set);
    socket.once("close", () => set.delete(socket));
  });
  const port = await listen(http, init.port ?? 0);
  const transport = transportOn(kind, http);
  const service = await createChatServer(
    { store: init.store ?? memoryStore(), ...init.options, transports: [transport] },
    { onConnect: (self, id) => self.transport.getHandshakeData(id).query.userName as string, ...init.hooks },
  );
  let closing: Promise<void> | undefined;
  const server: TestServer = {
    service,
    transport,
    port,
    url: `http://127.0.0.1:${port}`,
    cutTcp(userName) {
      const set = sockets.get(userName) ?? new Set();
      for (const socket of set) socket.destroy();
      return set.size;
    },
    close() {
      closing ??= (async () => {
        running.delete(server);
        // Refuse new connections at once: clients retry elsewhere (or later) instead of waiting on a closing server.
        const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
        await service.close();
        closed = true;
        for (const set of sockets.values()) for (const socket of set) socket.destroy();
        http.closeAllConnections();
        await httpClosed;
      })();
      return closing;
    },
  };
  running.add(server);
  return server;
}

/** Closes every server still running; call it in `afterEach`. */
export async function closeServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.close()));
}
