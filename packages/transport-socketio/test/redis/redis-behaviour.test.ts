/**
 * The whole chat behaviour suite with every test's users spread over three instances that share one real
 * Redis: a cluster on Redis must behave exactly as one instance.
 */
import { describeChatBehaviour } from "@chat/conformance";
import { startRedis, type RedisServer } from "@chat/redis-testing";
import { afterAll, afterEach, beforeAll } from "vitest";
import { socketIoHarness } from "../chat/socket-io-harness.js";
import { redisBackend } from "./redis-backend.js";

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());

const { harness, closeAll } = socketIoHarness({ instances: 3, backend: redisBackend(() => ({ url: redis.url })) });
afterEach(closeAll);

describeChatBehaviour(harness);
