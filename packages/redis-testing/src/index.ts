export { startRedis } from "./redis-server.js";
export type { RedisServer, RedisServerOptions, StopOptions } from "./redis-server.js";
export { startRedisCluster } from "./redis-cluster.js";
export type { RedisCluster, RedisClusterNode, RedisClusterOptions } from "./redis-cluster.js";
