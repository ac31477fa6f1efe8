import { roomInit } from "@chat/conformance";
import { startRedis, type RedisServer } from "@chat/redis-testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisStore } from "../src/index.js";

let redis: RedisServer;
let raw: Redis;
beforeAll(async () => {
  redis = await startRedis();
  raw = new Redis(redis.url);
});
afterAll(async () => {
  await raw.quit();
  await redis.stop();
});

/** How many times Redis ran `command` since the last CONFIG RESETSTAT. */
async function calls(command: string): Promise<number> {
  const stats = await raw.info("commandstats");
  return Number(new RegExp(`^cmdstat_${command}:calls=(\\d+)`, "m").exec(stats)?.[1] ?? 0);
}

describe("scripts Redis does not know", () => {
  it("are uploaded once however many calls find them missing, and every call gets its reply", async () => {
    const store = redisStore({ url: redis.url });
    try {
      await store.addRoom("r", roomInit());
      await raw.script("FLUSH");
      await raw.config("RESETSTAT");
      const replies = await Promise.all(Array.from({ length: 200 }, (_, k) => store.hasRoom(k % 2 === 0 ? "r" : "none")));
      expect(replies).toEqual(Array.from({ length: 200 }, (_, k) => k % 2 === 0));
      expect(await calls("eval")).toBe(1);
      // Each call went by SHA first; all but the uploading one went by SHA again after the upload.
      expect(await calls("evalsha")).toBe(399);
    } finally {
      await store.close();
    }
  });
});
