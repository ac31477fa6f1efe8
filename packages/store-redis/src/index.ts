/**
 * `@chat/store-redis`: the state of a chat service in Redis or Redis Cluster, shared by any number of service
 * instances, and the Redis bus that fans notifications out between them.
 * @module \@chat/store-redis
 */
export { redisStore, type RedisStoreOptions } from "./redis-store.js";
export type { RedisClient, RedisConnectionOptions } from "./connection.js";
export { redisBus, type RedisBusClient, type RedisBusOptions } from "./bus/index.js";
