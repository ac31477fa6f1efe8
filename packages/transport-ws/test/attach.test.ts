/**
 * Attached to the caller's http.Server, next to socket.io: each transport takes its own upgrades, and closing the
 * ws transport leaves the caller's server and socket.io exactly as they were.
 */
import { RecordingHost } from "@chat/conformance";
import { socketIoTransport } from "@chat/transport-socketio";
import { type Socket, io } from "socket.io-client";
import { afterEach, expect, it } from "vitest";
import { closeCallerServers, createCallerServer, listenCallerServer } from "./helpers/caller-server.js";
import { closeTransports, startTransport } from "./helpers/transports.js";
import { UpgradeRefused, WsPeer, closePeers } from "./helpers/ws-peer.js";

const ioClients: Socket[] = [];

afterEach(async () => {
  for (const client of ioClients.splice(0)) client.close();
  await closePeers();
  await closeTransports();
  await closeCallerServers();
});

function connectIo(port: number): Promise<Socket> {
  const client = io(`http://127.0.0.1:${port}/chat-service`, { forceNew: true, reconnection: false, transports: ["websocket"] });
  ioClients.push(client);
  return new Promise((resolve, reject) => {
    client.once("connect", () => resolve(client));
    client.once("connect_error", reject);
  });
}

function ioRequest(client: Socket, event: string, ...args: unknown[]): Promise<unknown[]> {
  return new Promise((resolve) => client.emit(event, ...args, (...reply: unknown[]) => resolve(reply)));
}

it("serves ws and socket.io clients on one port, and close() detaches only its own listener", async () => {
  const { server, port } = await listenCallerServer();
  const upgradeListeners = server.listeners("upgrade");
  const socketIo = socketIoTransport({ http: server });
  const ioHost = new RecordingHost();
  await socketIo.start(ioHost);
  const { transport, host } = await startTransport({ server });
  expect(transport.address()).toBeNull();
  expect(server.listenerCount("upgrade")).toBe(upgradeListeners.length + 2);

  const peer = await WsPeer.connect(`ws://127.0.0.1:${port}/chat-service`);
  const ioClient = await connectIo(port);
  expect(host.connectedIds).toHaveLength(1);
  expect(ioHost.connectedIds).toEqual([ioClient.id]);
  await expect(peer.request("echo", ["ws"])).resolves.toEqual({ error: null, results: ["ws"] });
  await expect(ioRequest(ioClient, "echo", "io")).resolves.toEqual([null, "io"]);
  await expect((await fetch(`http://127.0.0.1:${port}/page`)).text()).resolves.toBe("caller");

  await transport.close();
  expect(host.disconnectedIds).toEqual(host.connectedIds);
  expect((await peer.closedByServer).code).toBe(1001);
  // Exactly our listener is gone: socket.io's and the caller's stay, and the server keeps listening.
  expect(server.listening).toBe(true);
  expect(server.listenerCount("upgrade")).toBe(upgradeListeners.length + 1);
  expect(ioClient.connected).toBe(true);
  await expect(ioRequest(ioClient, "echo", "still")).resolves.toEqual([null, "still"]);
  await expect((await fetch(`http://127.0.0.1:${port}/page`)).text()).resolves.toBe("caller");
  expect(await connectIo(port)).toBeDefined();

  await socketIo.close();
  expect(server.listeners("upgrade")).toEqual(upgradeListeners);
});

it("leaves upgrades on other paths to the caller", async () => {
  const { server, port } = await listenCallerServer();
  const others: string[] = [];
  server.on("upgrade", (request, socket) => {
    if (request.url !== "/chat-service") {
      others.push(request.url ?? "");
      socket.end("HTTP/1.1 418 I'm a Teapot\r\nConnection: close\r\n\r\n");
    }
  });
  const { host } = await startTransport({ server });
  await expect(WsPeer.connect(`ws://127.0.0.1:${port}/elsewhere`)).rejects.toMatchObject({ status: 418 });
  expect(others).toEqual(["/elsewhere"]);
  expect(host.connectedIds).toEqual([]);
});

it("refuses upgrades on other paths when the caller's server has no other upgrade listener to answer them", async () => {
  // Without the transport's listener Node would close such a connection; it must not be left open for good.
  const { server, port } = await listenCallerServer();
  const { host, transport } = await startTransport({ server });
  await expect(WsPeer.connect(`ws://127.0.0.1:${port}/elsewhere`)).rejects.toEqual(new UpgradeRefused(400));
  expect(host.connectedIds).toEqual([]);
  // Once the caller adds a listener of its own, those upgrades are its to answer again.
  server.on("upgrade", (request, socket) => {
    if (request.url === "/elsewhere") socket.end("HTTP/1.1 418 I'm a Teapot\r\nConnection: close\r\n\r\n");
  });
  await expect(WsPeer.connect(`ws://127.0.0.1:${port}/elsewhere`)).rejects.toEqual(new UpgradeRefused(418));
  await WsPeer.connect(`ws://127.0.0.1:${port}/chat-service`);
  expect(host.connectedIds).toHaveLength(1);
  await transport.close();
});

it("never listens on the caller's server, and accepts upgrades once the caller listens", async () => {
  const server = createCallerServer();
  const { transport, host } = await startTransport({ server });
  expect(server.listening).toBe(false);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  await WsPeer.connect(`ws://127.0.0.1:${(server.address() as { port: number }).port}/chat-service`);
  expect(host.connectedIds).toHaveLength(1);
  await transport.close();
  expect(server.listening).toBe(true);
});
