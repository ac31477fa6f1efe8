/**
 * Three instances on one Redis; one of them crashes (SIGKILL: no close, no clean-up). The two others notice its
 * heartbeat stopped and clean up its sockets by themselves: its users leave "lobby" for everyone else, a user
 * who is also connected to a live instance stays, and what was acknowledged before the crash stays in the history.
 */
import { startRedis, type RedisServer } from "@chat/redis-testing";
import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { ask, joinLobby, nextEvent, startInstance, stopAll, type ChatMessage } from "./cluster.js";

const heartbeatRate = 200;
const heartbeatTimeout = 1000;
/**
 * The crashed instance beat at most `heartbeatRate` ms before the kill, is dead once its beat is older than
 * `heartbeatTimeout`, and a survivor sweeps every `heartbeatRate` ms. The slack (1000 ms) covers the clean-up's
 * store round trips, the bus hop and socket.io, on a 2-core machine shared by Redis, three instances and vitest.
 */
const slack = 1000;
const cleanupBound = heartbeatTimeout + heartbeatRate + slack;

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterEach(stopAll);
afterAll(() => redis.stop());

const env = () => ({ REDIS_URL: redis.url, HEARTBEAT_RATE: String(heartbeatRate), HEARTBEAT_TIMEOUT: String(heartbeatTimeout) });

/** Resolves with the ms from `since` to `socket`'s `roomUserLeft("lobby", userName)`. */
async function userLeftAfter(socket: Socket, userName: string, since: () => number): Promise<number> {
  await nextEvent(socket, "roomUserLeft", (room, user) => room === "lobby" && user === userName);
  return performance.now() - since();
}

it("the users of a killed instance leave within heartbeatTimeout + heartbeatRate; acknowledged messages stay", async () => {
  const [one, two, three] = await Promise.all([startInstance(env()), startInstance(env()), startInstance(env())]);
  const alice = await joinLobby(one.port, "alice");
  const bob = await joinLobby(two.port, "bob");
  const carol = await joinLobby(three.port, "carol");
  // dave has a socket on the instance that dies and one on a survivor: he must stay in the room.
  const daveOnThree = await joinLobby(three.port, "dave");
  const daveOnOne = await joinLobby(one.port, "dave");
  // socket.io-client forgets a socket's id once it is disconnected.
  const deadSocketId = daveOnThree.id!;

  const before = (await ask(alice, "roomGetAccessList", "lobby", "userlist")) as string[];
  expect([...before].sort()).toEqual(["alice", "bob", "carol", "dave"]);

  // Everything the survivors' sockets hear about users leaving, in order, with dave's echo in between.
  const heard: string[] = [];
  for (const [name, socket] of [["alice", alice], ["bob", bob], ["daveOnOne", daveOnOne]] as const) {
    socket.on("roomUserLeft", (room: string, user: string) => heard.push(`${name}: roomUserLeft ${room} ${user}`));
  }
  daveOnOne.on("socketDisconnectEcho", (id: string, nconnected: number) => heard.push(`daveOnOne: socketDisconnectEcho ${id} ${nconnected}`));

  // Acknowledged by instance 3 right before it dies: an ack means the message is in Redis.
  const acked: ChatMessage[] = [];
  for (let k = 1; k <= 5; k++) {
    const textMessage = `carol's last words #${k}`;
    const id = (await ask(carol, "roomMessage", "lobby", { textMessage })) as number;
    acked.push({ textMessage, author: "carol", id, timestamp: expect.any(Number) as number });
  }

  let killedAt = Number.NaN;
  const since = () => killedAt;
  const carolLeft = Promise.all([alice, bob, daveOnOne].map((socket) => userLeftAfter(socket, "carol", since)));
  const daveEcho = nextEvent(daveOnOne, "socketDisconnectEcho", (id) => id === deadSocketId);
  const daveLeftEcho = nextEvent(daveOnOne, "roomLeftEcho", (_room, id) => id === deadSocketId);
  const cleanedBy = Promise.race([one, two].map((instance) => instance.line(new RegExp(`^cleaned up dead instance ${three.uid} \\((\\d+) sockets\\)$`))));

  three.child.kill("SIGKILL");
  killedAt = performance.now();

  const latencies = await carolLeft;
  console.log(`roomUserLeft(carol) on alice, bob, dave: ${latencies.map((ms) => `${Math.round(ms)} ms`).join(", ")} after the kill`);
  for (const latency of latencies) expect(latency).toBeLessThanOrEqual(cleanupBound);

  // dave lost a socket, not the room: his live socket gets the echoes (the instance cleaned up both sockets).
  expect(await daveLeftEcho).toEqual(["lobby", deadSocketId, 1]);
  expect(await daveEcho).toEqual([deadSocketId, 1]);
  expect((await cleanedBy)[1]).toBe("2");

  const after = (await ask(alice, "roomGetAccessList", "lobby", "userlist")) as string[];
  expect([...after].sort()).toEqual(["alice", "bob", "dave"]);
  // dave's echo was published after anything the clean-up said about him, by the same instance: had he been
  // said to leave, his live socket would have heard it first.
  expect(heard.filter((entry) => entry.includes("roomUserLeft") && entry.endsWith(" dave"))).toEqual([]);

  const history = await ask(bob, "roomRecentHistory", "lobby");
  for (const message of acked) expect(history).toContainEqual(message);
});
