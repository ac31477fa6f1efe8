import { once } from "node:events";
import type { Store } from "@chat/core";
import { roomInit } from "@chat/conformance";
import { startRedis, type RedisServer } from "@chat/redis-testing";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { redisStore } from "../src/index.js";

let redis: RedisServer;
let raw: Redis;
const opened: Store[] = [];

beforeAll(async () => {
  redis = await startRedis();
  raw = new Redis(redis.url);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  await raw.flushall();
});
afterAll(async () => {
  await raw.quit();
  await redis.stop();
});

function open(options: Parameters<typeof redisStore>[0] = { url: redis.url }): Store {
  const store = redisStore(options);
  opened.push(store);
  return store;
}

async function post(store: Store, room: string, ...texts: string[]): Promise<void> {
  for (const textMessage of texts) await store.appendMessage(room, { textMessage, author: "a", timestamp: 1 });
}

const texts = async (read: Promise<{ textMessage?: unknown; id: number }[] | null>) =>
  (await read)?.map(({ textMessage, id }) => `${id}:${String(textMessage)}`);

/** Rewrites the stored entry `index` (0 is the newest) behind the stores' backs. */
async function rewrite(room: string, index: number, textMessage: string): Promise<void> {
  await raw.lset(`{chat}:room-history:${room}`, index, JSON.stringify({ textMessage, author: "a", timestamp: 1 }));
}

describe("history entries a Redis store holds", () => {
  it("are not read again: a rewrite of a stored entry goes unseen, unless historyCacheSize is 0", async () => {
    const reader = open();
    const uncached = open({ url: redis.url, historyCacheSize: 0 });
    await reader.addRoom("r", roomInit());
    await post(reader, "r", "one", "two", "three");
    expect(await texts(reader.getMessagesAfter("r", 0, 10))).toEqual(["3:three", "2:two", "1:one"]);
    await rewrite("r", 1, "rewritten");
    expect(await texts(reader.getMessagesAfter("r", 0, 10))).toEqual(["3:three", "2:two", "1:one"]);
    expect(await texts(reader.getRecentMessages("r", 2))).toEqual(["3:three", "2:two"]);
    expect(await texts(uncached.getMessagesAfter("r", 0, 10))).toEqual(["3:three", "2:rewritten", "1:one"]);
  });

  it("are joined by the messages other instances append, and lose those trimmed away", async () => {
    const reader = open();
    const writer = open();
    await writer.addRoom("r", roomInit());
    await post(writer, "r", "one", "two");
    expect(await texts(reader.getRecentMessages("r", 10))).toEqual(["2:two", "1:one"]);
    await post(writer, "r", "three", "four");
    expect(await texts(reader.getRecentMessages("r", 10))).toEqual(["4:four", "3:three", "2:two", "1:one"]);
    await writer.updateRoom("r", { historyMaxSize: 2 });
    expect(await texts(reader.getMessagesAfter("r", 0, 10))).toEqual(["4:four", "3:three"]);
    const read = await reader.getRoomAccessAndMessagesAfter("r", "a", 2, 1);
    expect(read?.messages.map(({ id }) => id)).toEqual([3]);
  });

  it("are dropped when another instance removes the room and creates one of the same name", async () => {
    const reader = open();
    const admin = open();
    await admin.addRoom("r", roomInit());
    await post(admin, "r", "old one", "old two");
    expect(await texts(reader.getMessagesAfter("r", 0, 10))).toEqual(["2:old two", "1:old one"]);
    await admin.hideRoom("r");
    await admin.removeRoom("r");
    await admin.addRoom("r", roomInit());
    await post(admin, "r", "new one", "new two");
    expect(await texts(reader.getMessagesAfter("r", 0, 10))).toEqual(["2:new two", "1:new one"]);
  });

  it("are forgotten when the connection breaks, as Redis may come back with other writes", async () => {
    const client = new Redis(redis.url);
    const closeListeners = client.listenerCount("close");
    const reader = redisStore({ client });
    await reader.addRoom("r", roomInit());
    await post(reader, "r", "one", "two");
    expect(await texts(reader.getMessagesAfter("r", 0, 10))).toEqual(["2:two", "1:one"]);
    // Stands for a Redis restarted from a snapshot, or a failover to a replica, holding another entry 2.
    await rewrite("r", 0, "other two");
    const ready = once(client, "ready");
    await raw.client("KILL", "ID", String(await client.client("ID")));
    await ready;
    expect(await texts(reader.getMessagesAfter("r", 0, 10))).toEqual(["2:other two", "1:one"]);
    await reader.close();
    expect(client.listenerCount("close")).toBe(closeListeners);
    await client.quit();
  });

  it("refuses a historyCacheSize that is not a non-negative safe integer", () => {
    for (const historyCacheSize of [-1, 2.5, Number.NaN, "10"]) {
      expect(() => redisStore({ url: redis.url, historyCacheSize: historyCacheSize as number })).toThrow(/^@chat\/store-redis: historyCacheSize/);
    }
  });
});
