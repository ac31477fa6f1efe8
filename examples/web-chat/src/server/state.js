// @ts-check
/**
 * Where the web chat keeps its state (the same rule as examples/quickstart/state.js). With REDIS_URL (one Redis) or REDIS_CLUSTER_NODES ("host:port,host:port",
 * a Redis Cluster) every server started with the same setting is one instance of one chat service: they share
 * rooms, history and presence through Redis. Without either, the memory store keeps everything in this process.
 */
import { memoryStore } from "@chat/store-memory";
import { redisBus, redisStore } from "@chat/store-redis";

/** @param {string} list "host:port,host:port" */
function parseNodes(list) {
  return list.split(",").map((entry) => {
    const [host, port] = entry.trim().split(":");
    if (!host || !port || !Number.isInteger(Number(port))) throw new Error(`REDIS_CLUSTER_NODES: expected host:port, got "${entry}"`);
    return { host, port: Number(port) };
  });
}

/**
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ store: import("@chat/core").Store, bus?: import("@chat/core").Bus, description: string }}
 */
export function stateFromEnvironment(env) {
  if (env.REDIS_URL) {
    const url = env.REDIS_URL;
    return { store: redisStore({ url }), bus: redisBus({ url }), description: `Redis at ${url}` };
  }
  if (env.REDIS_CLUSTER_NODES) {
    const clusterNodes = parseNodes(env.REDIS_CLUSTER_NODES);
    return { store: redisStore({ clusterNodes }), bus: redisBus({ clusterNodes }), description: `Redis Cluster at ${env.REDIS_CLUSTER_NODES}` };
  }
  return { store: memoryStore(), description: "memory store" };
}
