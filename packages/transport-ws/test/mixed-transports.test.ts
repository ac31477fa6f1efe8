/**
 * socket.io and ws clients share rooms, presence and echoes: on one service serving both transports, and in a
 * cluster whose instances serve one transport each (PROTOCOL.md §0, Added).
 */
import { type ChatService, type Hooks, createChatServer, memoryBus } from "@chat/core";
import { memoryStore } from "@chat/store-memory";
import { socketIoTransport } from "@chat/transport-socketio";
import { afterEach, describe, expect, it } from "vitest";
import { wsTransport } from "../src/index.js";
import { type MixedClient, logInIo, logInWs } from "./helpers/mixed-clients.js";
import { wsUrl } from "./helpers/raw-client.js";
import { closePeers } from "./helpers/ws-peer.js";

const services: ChatService[] = [];
const clients: MixedClient[] = [];

afterEach(async () => {
  await Promise.allSettled(clients.splice(0).map((client) => client.close()));
  await closePeers();
  await Promise.all(services.splice(0).map((service) => service.close()));
});

const hooks: Hooks = { onConnect: (service, id) => service.transport.getHandshakeData(id).query.userName as string };
const options = { enableUserlistUpdates: true, enableDirectMessages: true };

/** Where each kind of client connects. */
interface Endpoints {
  io: string;
  ws: string;
}

async function track(client: Promise<MixedClient>): Promise<MixedClient> {
  const logged = await client;
  clients.push(logged);
  return logged;
}

/** A socket.io user and a ws user in one room: presence both ways, and messages both ways. */
async function roomScenario({ io, ws }: Endpoints): Promise<void> {
  const alice = await track(logInIo(io, "alice"));
  const bob = await track(logInWs(ws, "bob"));
  expect(await alice.request("roomJoin", "lobby")).toEqual([1]);
  expect(await alice.next("roomUserJoined")).toEqual(["lobby", "alice"]);
  expect(await bob.request("roomJoin", "lobby")).toEqual([1]);
  expect(await alice.next("roomUserJoined")).toEqual(["lobby", "bob"]);
  expect(await bob.next("roomUserJoined")).toEqual(["lobby", "bob"]);

  expect(await alice.request("roomMessage", "lobby", { textMessage: "hi from socket.io" })).toEqual([1]);
  expect(await bob.request("roomMessage", "lobby", { textMessage: "hi from ws" })).toEqual([2]);
  for (const client of [alice, bob]) {
    const first = await client.next("roomMessage");
    const second = await client.next("roomMessage");
    expect([first, second]).toEqual([
      ["lobby", { textMessage: "hi from socket.io", author: "alice", id: 1, timestamp: expect.any(Number) }],
      ["lobby", { textMessage: "hi from ws", author: "bob", id: 2, timestamp: expect.any(Number) }],
    ]);
  }
  expect(await bob.request("roomRecentHistory", "lobby")).toEqual([[expect.objectContaining({ id: 2 }), expect.objectContaining({ id: 1 })]]);

  await bob.close();
  expect(await alice.next("roomUserLeft")).toEqual(["lobby", "bob"]);
}

/** One user with a socket on each transport: every echo crosses to the other transport. */
async function echoScenario({ io, ws }: Endpoints): Promise<void> {
  const onIo = await track(logInIo(io, "carol"));
  const onWs = await track(logInWs(ws, "carol"));
  const dave = await track(logInWs(ws, "dave"));
  expect(await onIo.next("socketConnectEcho")).toEqual([onWs.id, 2]);

  expect(await onWs.request("roomJoin", "lobby")).toEqual([1]);
  expect(await onIo.next("roomJoinedEcho")).toEqual(["lobby", onWs.id, 1]);
  expect(await onIo.request("roomJoin", "lobby")).toEqual([2]);
  expect(await onWs.next("roomJoinedEcho")).toEqual(["lobby", onIo.id, 2]);

  const [sent] = (await onIo.request("directMessage", "dave", { textMessage: "psst" })) as [Record<string, unknown>];
  expect(sent).toMatchObject({ textMessage: "psst", author: "carol" });
  expect(await onWs.next("directMessageEcho")).toEqual(["dave", sent]);
  expect(await dave.next("directMessage")).toEqual([sent]);

  expect(await onWs.request("systemMessage", { kind: "from ws" })).toEqual([null]);
  expect(await onIo.next("systemMessage")).toEqual([{ kind: "from ws" }]);
  expect(await onWs.request("listOwnSockets")).toEqual([{ [onIo.id]: ["lobby"], [onWs.id]: ["lobby"] }]);

  expect(await onIo.request("roomLeave", "lobby")).toEqual([1]);
  expect(await onWs.next("roomLeftEcho")).toEqual(["lobby", onIo.id, 1]);
  await onWs.close();
  expect(await onIo.next("socketDisconnectEcho")).toEqual([onWs.id, 1]);
}

describe("one service serving socket.io and ws", () => {
  async function start(): Promise<Endpoints> {
    const io = socketIoTransport({ port: 0, host: "127.0.0.1" });
    const ws = wsTransport({ port: 0, host: "127.0.0.1" });
    const service = await createChatServer({ ...options, store: memoryStore(), transports: [io, ws] }, hooks);
    services.push(service);
    await service.addRoom("lobby");
    return { io: `http://127.0.0.1:${io.address()!.port}`, ws: wsUrl(ws) };
  }

  it("puts a socket.io user and a ws user in one room, with presence and messages both ways", async () => {
    await roomScenario(await start());
  });

  it("echoes between one user's socket.io and ws sockets", async () => {
    await echoScenario(await start());
  });
});

describe("a cluster: one instance on socket.io, another on ws, one store and bus", () => {
  async function start(): Promise<Endpoints> {
    const [store, bus] = [memoryStore(), memoryBus()];
    const io = socketIoTransport({ port: 0, host: "127.0.0.1" });
    const ws = wsTransport({ port: 0, host: "127.0.0.1" });
    const first = await createChatServer({ ...options, store, bus, transports: [io] }, hooks);
    services.push(first);
    services.push(await createChatServer({ ...options, store, bus, transports: [ws] }, hooks));
    await first.addRoom("lobby");
    return { io: `http://127.0.0.1:${io.address()!.port}`, ws: wsUrl(ws) };
  }

  it("puts a socket.io user and a ws user in one room across instances", async () => {
    await roomScenario(await start());
  });

  it("echoes between one user's sockets on the two instances", async () => {
    await echoScenario(await start());
  });
});
