import type { AddressInfo } from "node:net";
import type { Server as HttpServer } from "node:http";
import { type ManagerOptions, type Socket as ClientSocket, type SocketOptions, io } from "socket.io-client";
import type { SocketIoTransport } from "../../src/index.js";

export type { ClientSocket };

const openClients = new Set<{ close(): unknown }>();

/** Closes every client the helpers opened; call it in `afterEach`. */
export function closeClients(): void {
  for (const client of openClients) client.close();
  openClients.clear();
}

/** Remembers a client of any socket.io-client version so {@link closeClients} closes it. */
export function trackClient<T extends { close(): unknown }>(client: T): T {
  openClients.add(client);
  return client;
}

/** The base URL of a transport's own server. */
export function transportUrl(transport: SocketIoTransport): string {
  const address = transport.address();
  if (address === null) throw new Error("the transport is not listening");
  return `http://127.0.0.1:${address.port}`;
}

/** The base URL of a listening HTTP server. */
export function httpUrl(server: HttpServer): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A socket.io-client 4 socket that neither reconnects nor shares its connection with other tests. */
export function createClient(url: string, options: Partial<ManagerOptions & SocketOptions> = {}): ClientSocket {
  return trackClient(io(url, { forceNew: true, reconnection: false, transports: ["websocket"], ...options }));
}

/** Connects a socket.io-client 4 socket to `url` (namespace included); rejects on `connect_error`. */
export function connectClient(url: string, options: Partial<ManagerOptions & SocketOptions> = {}): Promise<ClientSocket> {
  const client = createClient(url, options);
  return new Promise((resolve, reject) => {
    client.once("connect", () => resolve(client));
    client.once("connect_error", reject);
  });
}

/** Resolves with the `connect_error` of a connection attempt that must fail. */
export function connectError(url: string, options: Partial<ManagerOptions & SocketOptions> = {}): Promise<Error> {
  const client = createClient(url, options);
  return new Promise((resolve, reject) => {
    client.once("connect", () => reject(new Error("connected, but a connect_error was expected")));
    client.once("connect_error", resolve);
  });
}

/** Emits a request with an ack and resolves with every value the server acknowledged with. */
export function request(client: ClientSocket, event: string, ...args: unknown[]): Promise<unknown[]> {
  return new Promise((resolve) => {
    client.emit(event, ...args, (...reply: unknown[]) => resolve(reply));
  });
}

/** Records every notification a client receives, in order. */
export function recordEvents(client: ClientSocket): Array<[string, ...unknown[]]> {
  const received: Array<[string, ...unknown[]]> = [];
  client.onAny((event: string, ...args: unknown[]) => received.push([event, ...args]));
  return received;
}

/**
 * Resolves once `client` has received everything the transport sent it so far: socket.io keeps the order of the
 * packets of one connection, so a marker sent last arrives last. This is how tests show that something did NOT
 * arrive, without waiting for time to pass.
 */
export async function flush(transport: SocketIoTransport, client: ClientSocket): Promise<void> {
  const marker = new Promise<void>((resolve) => client.once("flush", () => resolve()));
  transport.emitToSocket(socketIdOf(client), "flush", []);
  await marker;
}

/** The id of a connected socket.io-client 4 socket. */
export function socketIdOf(client: ClientSocket): string {
  if (client.id === undefined) throw new Error("the client is not connected");
  return client.id;
}
