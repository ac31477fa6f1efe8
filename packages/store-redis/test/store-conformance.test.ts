import { describeStore } from "@chat/conformance";
import { startRedis, startRedisCluster, type RedisCluster, type RedisServer } from "@chat/redis-testing";
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe } from "vitest";
import { redisStore } from "../src/index.js";

describe("on one Redis", () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(() => server.stop());

  // A connection of the store's own per test: close() must quit it.
  describeStore("redisStore", () => redisStore({ url: server.url }));
});

describe("on a Redis Cluster of 3 masters and 3 replicas", () => {
  let cluster: RedisCluster;
  let client: Cluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    client = new Cluster(cluster.nodes);
  }, 60_000);
  afterAll(async () => {
    await client.quit();
    await cluster.stop();
  });

  // The caller's client, shared by every test: close() must leave it open for the next one.
  describeStore("redisStore on a Cluster", () => redisStore({ client }));
});
