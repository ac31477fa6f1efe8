import { roomInit } from "@chat/conformance";
import { startRedis, type RedisServer } from "@chat/redis-testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisStore } from "../src/index.js";

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis({ persistence: true });
});
afterAll(() => redis.stop());

describe("redisStore options", () => {
  it("uses a lockTTL of 10000 ms (chat-service 1.0's Redis value) by default", async () => {
    const store = redisStore({ url: redis.url });
    expect(store.lockTTL).toBe(10000);
    await store.close();
  });

  it.each([-1, 1.5, Number.NaN, "5000"])("refuses lockTTL %s, naming the package", (lockTTL) => {
    expect(() => redisStore({ url: redis.url, lockTTL: lockTTL as number })).toThrow(/^@chat\/store-redis: lockTTL/);
  });

  it.each(["", "a{b", "c}", 7])("refuses prefix %s", (prefix) => {
    expect(() => redisStore({ url: redis.url, prefix: prefix as string })).toThrow(/^@chat\/store-redis: prefix/);
  });

  it("needs one of client, url or clusterNodes", () => {
    expect(() => redisStore({})).toThrow(/^@chat\/store-redis: give one of client, url or clusterNodes/);
  });
});

describe("redisStore connections", () => {
  it("leaves a client it was given open, and quits one it opened", async () => {
    const client = new Redis(redis.url);
    const given = redisStore({ client });
    await given.close();
    expect(await client.ping()).toBe("PONG");
    await client.quit();

    const own = redisStore({ url: redis.url });
    await own.ensureUser("someone");
    await own.close();
    await expect(own.hasUser("someone")).rejects.toThrow(/Connection is closed/);
  });

  it("keeps services with different prefixes apart on one Redis", async () => {
    const a = redisStore({ url: redis.url, prefix: "service-a" });
    const b = redisStore({ url: redis.url, prefix: "service-b" });
    try {
      expect(await a.addRoom("shared-name", roomInit())).toBe(true);
      expect(await b.hasRoom("shared-name")).toBe(false);
      expect(await b.addRoom("shared-name", roomInit({ historyMaxSize: 3 }))).toBe(true);
      await a.appendMessage("shared-name", { textMessage: "in a", author: "x", timestamp: 1 });
      expect(await b.getHistoryInfo("shared-name")).toEqual({ historySize: 0, historyMaxSize: 3, lastMessageId: 0 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("keeps everything in Redis: a new store (a restarted service) reads what an earlier one wrote", async () => {
    const before = redisStore({ url: redis.url, prefix: "restarted" });
    await before.addRoom("kept", roomInit({ owner: "olga", whitelist: ["w"] }));
    const id = await before.appendMessage("kept", { textMessage: "still here", author: "olga", timestamp: 5, binary: Buffer.from([1, 2, 3]) });
    await before.close();

    const after = redisStore({ url: redis.url, prefix: "restarted" });
    try {
      expect(await after.getRoomState("kept")).toMatchObject({ owner: "olga", whitelist: ["w"] });
      expect(await after.getRecentMessages("kept", 10)).toEqual([
        { textMessage: "still here", author: "olga", timestamp: 5, binary: Buffer.from([1, 2, 3]), id },
      ]);
    } finally {
      await after.close();
    }
  });
});

describe("redisStore while Redis is down", () => {
  it("fails a call within commandTimeout, and works again once Redis is back, acknowledged writes intact", async () => {
    const reported: Error[] = [];
    const store = redisStore({ url: redis.url, prefix: "outage", redisOptions: { commandTimeout: 500 }, onError: (error) => reported.push(error) });
    try {
      await store.addRoom("r", roomInit());
      const acked = await store.appendMessage("r", { textMessage: "before", author: "a", timestamp: 1 });
      await redis.kill();
      const started = Date.now();
      await expect(store.appendMessage("r", { textMessage: "during", author: "a", timestamp: 2 })).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(500 + 1000);
      // The connection's own errors reach onError instead of ioredis's "Unhandled error event" log.
      expect(reported.some((error) => /ECONNREFUSED|Connection is closed/.test(error.message))).toBe(true);
      await redis.restart();
      // The offline attempt may or may not have run; what was acknowledged before the crash must be there.
      const history = (await store.getMessagesAfter("r", 0, 10))!;
      expect(history.find((message) => message.id === acked)).toMatchObject({ textMessage: "before" });
      const next = await store.appendMessage("r", { textMessage: "after", author: "a", timestamp: 3 });
      expect(next).toBeGreaterThan(acked!);
    } finally {
      await store.close();
    }
  });
});
