/**
 * Three service instances on one Redis, and on a Redis Cluster of 3 masters and 3 replicas: the dense-history
 * check under concurrent senders on every instance, and the cost of a room message in Redis round trips.
 */
import { expectResult } from "@chat/conformance";
import { startRedis, startRedisCluster, type RedisCluster, type RedisServer } from "@chat/redis-testing";
import { redisStore } from "@chat/store-redis";
import { Cluster, Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { socketIoHarness } from "../chat/socket-io-harness.js";
import { checkDenseHistory } from "./dense-history.js";
import { redisBackend } from "./redis-backend.js";

describe("three instances on one Redis", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());
  const backend = redisBackend(() => ({ url: redis.url }));
  const { cluster, closeAll } = socketIoHarness({ backend });
  afterEach(closeAll);

  it("3 instances × 5 senders × 200 messages: ids 1…3000 once each, in order, in history and every stream", async () => {
    const servers = await cluster(3);
    const store = redisStore({ url: redis.url, prefix: backend.lastGroup });
    try {
      await checkDenseHistory(servers, store, 5, 200);
    } finally {
      await store.close();
    }
  }, 120_000);

  it("a room message costs one Redis script whatever the room's size", async () => {
    const admin = new Redis(redis.url);
    try {
      for (const members of [2, 25]) {
        // No heartbeat or dead-instance sweep during the measurement: only the messages' scripts are counted.
        const servers = await cluster(3, { heartbeatRate: 3_600_000, heartbeatTimeout: 7_200_000 });
        await servers[0]!.service.addRoom("lobby");
        const clients = [];
        for (let k = 0; k < members; k++) clients.push(await servers[k % 3]!.connect(`member-${members}-${k}`));
        for (const client of clients) expectResult(await client.request("roomJoin", "lobby"));
        // The first message loads the script (a NOSCRIPT reply, then EVAL): the steady state is what counts.
        expectResult(await clients[0]!.request("roomMessage", "lobby", { textMessage: "first" }));
        const before = await scriptCalls(admin);
        for (let m = 0; m < 10; m++) expectResult(await clients[0]!.request("roomMessage", "lobby", { textMessage: `m${m}` }));
        expect(await scriptCalls(admin), `${members} members`).toBe(before + 10);
        await closeAll();
      }
    } finally {
      await admin.quit();
    }
  }, 60_000);
});

describe("three instances on a Redis Cluster of 3 masters and 3 replicas", () => {
  let redisCluster: RedisCluster;
  beforeAll(async () => {
    redisCluster = await startRedisCluster();
  }, 60_000);
  afterAll(() => redisCluster.stop());
  const backend = redisBackend(() => ({ clusterNodes: redisCluster.nodes }));
  const { cluster, closeAll } = socketIoHarness({ backend });
  afterEach(closeAll);

  it("3 instances × 5 senders × 200 messages: ids 1…3000 once each, in order, in history and every stream", async () => {
    const servers = await cluster(3);
    const client = new Cluster(redisCluster.nodes);
    const store = redisStore({ client, prefix: backend.lastGroup });
    try {
      await checkDenseHistory(servers, store, 5, 200);
    } finally {
      await client.quit();
    }
  }, 120_000);

  it("messages, presence, echoes and removals cross instances", async () => {
    const [a, b, c] = await cluster(3, { enableUserlistUpdates: true, enableAccessListsUpdates: true, enableDirectMessages: true });
    await a!.service.addRoom("lobby", { owner: "owner" });
    const owner = await a!.connect("owner");
    const bob = await b!.connect("bob");
    const bobElsewhere = await c!.connect("bob");
    expectResult(await owner.request("roomJoin", "lobby"));
    expectResult(await bob.request("roomJoin", "lobby"));
    expect(await owner.next("roomUserJoined")).toEqual(["lobby", "owner"]);
    expect(await owner.next("roomUserJoined")).toEqual(["lobby", "bob"]);
    expect(await bobElsewhere.next("roomJoinedEcho")).toEqual(["lobby", bob.id, 1]);

    const id = expectResult(await bob.request("roomMessage", "lobby", { textMessage: "hi" }));
    expect(await owner.next("roomMessage")).toEqual(["lobby", { textMessage: "hi", author: "bob", timestamp: expect.any(Number), id }]);

    expectResult(await owner.request("directMessage", "bob", { textMessage: "psst" }));
    expect(await bobElsewhere.next("directMessage")).toEqual([{ textMessage: "psst", author: "owner", timestamp: expect.any(Number) }]);

    expectResult(await owner.request("roomAddToList", "lobby", "blacklist", ["bob"]));
    expect(await bob.next("roomAccessRemoved")).toEqual(["lobby"]);
    expect(await bobElsewhere.next("roomAccessRemoved")).toEqual(["lobby"]);
    expect(await owner.next("roomUserLeft")).toEqual(["lobby", "bob"]);
    expect(expectResult(await owner.request("roomGetAccessList", "lobby", "userlist"))).toEqual(["owner"]);
  }, 30_000);
});

/** EVALSHA and EVAL calls Redis has served so far: one per store call. */
async function scriptCalls(admin: Redis): Promise<number> {
  const stats = await admin.info("commandstats");
  let calls = 0;
  for (const match of stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)) calls += Number(match[1]);
  return calls;
}
