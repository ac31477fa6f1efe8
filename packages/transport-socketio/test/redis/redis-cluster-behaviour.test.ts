/**
 * The whole chat behaviour suite with every test's users spread over three instances on a real Redis Cluster of
 * 3 masters and 3 replicas: on a Cluster too, a cluster of instances behaves exactly as one instance.
 */
import { describeChatBehaviour } from "@chat/conformance";
import { startRedisCluster, type RedisCluster } from "@chat/redis-testing";
import { afterAll, afterEach, beforeAll } from "vitest";
import { socketIoHarness } from "../chat/socket-io-harness.js";
import { redisBackend } from "./redis-backend.js";

let redisCluster: RedisCluster;
beforeAll(async () => {
  redisCluster = await startRedisCluster();
}, 60_000);
afterAll(() => redisCluster.stop());

const { harness, closeAll } = socketIoHarness({ instances: 3, backend: redisBackend(() => ({ clusterNodes: redisCluster.nodes })) });
afterEach(closeAll);

describeChatBehaviour(harness);
