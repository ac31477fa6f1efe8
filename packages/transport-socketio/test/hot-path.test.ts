/**
 * The room-message hot path costs the same whatever the room size: one store call (the sender's standing checked
 * and the message appended together) and one broadcast per transport, encoded once by socket.io — never work per recipient.
 * A history page, a login, a join and a disconnect each cost as few store calls (Redis round trips) as their
 * atomicity allows.
 */
import { createChatServer, type Store, type Transport } from "@chat/core";
import { memoryStore } from "@chat/store-memory";
import { io, type Socket } from "socket.io-client";
import { afterEach, expect, it } from "vitest";
import { socketIoTransport } from "../src/index.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Wraps an object so that every method call is counted by name. */
function counting<T extends object>(target: T, calls: string[]): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push(String(key));
        return value.apply(object, args);
      };
    },
  });
}

function loggedIn(url: string, userName: string): Promise<Socket> {
  const socket = io(url, { query: { userName }, transports: ["websocket"], forceNew: true, reconnection: false });
  cleanups.push(() => void socket.disconnect());
  return new Promise((resolve) => socket.once("loginConfirmed", () => resolve(socket)));
}

function request(socket: Socket, ...args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => socket.emit(...(args as [string]), (error: unknown, result: unknown) => (error ? reject(error) : resolve(result))));
}

/** A service on a memory store with a room "hall", whose store and transport calls are counted by name. */
async function countedServer(hall?: { enableUserlistUpdates: boolean }) {
  const storeCalls: string[] = [];
  const emits: string[] = [];
  const transport = socketIoTransport({ port: 0, host: "127.0.0.1" });
  const chat = await createChatServer(
    { store: counting<Store>(memoryStore(), storeCalls), transports: [counting<Transport>(transport, emits)] },
    { onConnect: (service, id) => service.transport.getHandshakeData(id).query.userName as string },
  );
  cleanups.push(() => chat.close());
  await chat.addRoom("hall", hall);
  return { storeCalls, emits, url: `http://127.0.0.1:${transport.address()!.port}/chat-service` };
}

for (const members of [2, 25]) {
  it(`a room message to ${members} members costs 1 store call and 1 broadcast`, async () => {
    const { storeCalls, emits, url } = await countedServer();
    const sockets = await Promise.all(Array.from({ length: members }, (_, i) => loggedIn(url, `user${i}`)));
    await Promise.all(sockets.map((socket) => request(socket, "roomJoin", "hall")));
    const delivered = Promise.all(sockets.map((socket) => new Promise((resolve) => socket.once("roomMessage", resolve))));

    storeCalls.length = 0;
    emits.length = 0;
    expect(await request(sockets[0]!, "roomMessage", "hall", { textMessage: "hi" })).toBe(1);
    await delivered;

    expect(storeCalls).toEqual(["appendMessageByMember"]);
    expect(emits.filter((name) => name === "emit" || name === "emitToSocket")).toEqual(["emit"]);
  });
}

it("a history page costs 1 store call", async () => {
  const { storeCalls, url } = await countedServer();
  const socket = await loggedIn(url, "reader");
  await request(socket, "roomJoin", "hall");
  for (let n = 1; n <= 3; n++) await request(socket, "roomMessage", "hall", { textMessage: `m${n}` });

  storeCalls.length = 0;
  const page = (await request(socket, "roomHistoryGet", "hall", 1, 10)) as { id: number }[];
  expect(page.map((message) => message.id)).toEqual([3, 2]);
  expect(storeCalls).toEqual(["getRoomAccessAndMessagesAfter"]);
});

it("a login costs 1 store call, and a join 2: the join under the lock it takes, and the release", async () => {
  const { storeCalls, url } = await countedServer();
  storeCalls.length = 0;
  const socket = await loggedIn(url, "newcomer");
  expect(storeCalls).toEqual(["connectSocket"]);

  storeCalls.length = 0;
  expect(await request(socket, "roomJoin", "hall")).toBe(1);
  expect(storeCalls).toEqual(["lockAndJoinSocket", "releaseLock"]);
});

it("echoes a login and a join only when the user has another socket to tell", async () => {
  const { emits, url } = await countedServer();
  const first = await loggedIn(url, "twin");
  await request(first, "roomJoin", "hall");
  expect(emits.filter((name) => name === "emit")).toEqual([]);

  const echoes: string[] = [];
  first.onAny((event: string) => echoes.push(event));
  const joinEchoed = new Promise((resolve) => first.once("roomJoinedEcho", resolve));
  const second = await loggedIn(url, "twin");
  await request(second, "roomJoin", "hall");
  await joinEchoed;
  expect(echoes).toEqual(["socketConnectEcho", "roomJoinedEcho"]);
  expect(emits.filter((name) => name === "emit")).toEqual(["emit", "emit"]);
});

it("a disconnect of a user's last socket in a room costs 4 store calls, announcing the leave included", async () => {
  const { storeCalls, url } = await countedServer({ enableUserlistUpdates: true });
  const watcher = await loggedIn(url, "watcher");
  await request(watcher, "roomJoin", "hall");
  const leaver = await loggedIn(url, "leaver");
  await request(leaver, "roomJoin", "hall");
  const announced = new Promise((resolve) => watcher.on("roomUserLeft", (_room: string, userName: string) => userName === "leaver" && resolve(userName)));

  storeCalls.length = 0;
  leaver.disconnect();
  await announced;
  // The removal reads the room's enableUserlistUpdates with it; the release follows the announcement at once.
  expect(storeCalls).toEqual(["getUserSocketsRooms", "acquireLock", "removeSocket", "releaseLock"]);
});
