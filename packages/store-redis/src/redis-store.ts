/**
 * `redisStore()`: the Store contract on Redis.
 * @module
 */
import type { Store } from "@chat/core";
import { closeConnection, openConnection, type RedisConnectionOptions } from "./connection.js";
import { historyMethods } from "./history-methods.js";
import { throttledWarning } from "./report-error.js";
import { instanceMethods } from "./instance-methods.js";
import { roomMethods } from "./room-methods.js";
import { ScriptRunner } from "./scripts.js";
import { packageName, validPrefix } from "./settings.js";
import { socketMethods } from "./socket-methods.js";
import { userMethods } from "./user-methods.js";


/** Options of {@link redisStore}: where Redis is (one of `client`, `url`, `clusterNodes`), plus these. */
export interface RedisStoreOptions extends RedisConnectionOptions {
  /**
   * Names this service's data: every key is `{<prefix>}:…`. Services with different prefixes share a Redis
   * without seeing each other; on a Cluster each prefix is one hash slot (see the README).
   * Must be non-empty and free of `{`, `}`.
   * @default "chat"
   */
  prefix?: string;
  /**
   * Lock time-to-live in ms: a (user, room) lock not released within it expires, and the service reports
   * `lockTimeExceeded` for the late holder. A non-negative safe integer.
   * @default 10000
   */
  lockTTL?: number;
}

/** chat-service 1.0's Redis lock TTL. */
const defaultLockTTL = 10000;

function validLockTTL(value: unknown): number {
  if (value === undefined) return defaultLockTTL;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  throw new Error(`${packageName}: lockTTL must be a non-negative safe integer (ms), got ${String(value)}`);
}

/**
 * Creates a store that keeps rooms, users, sockets, history, instance registries and locks in Redis. Every
 * method is one Lua script, so each call is atomic even when many instances share the store; a room message
 * costs two round trips (`getRoomAccess`, `appendMessage`) whatever the room's size.
 *
 * `close()` quits the connection only if the store opened it: a `client` you pass in stays yours to close.
 * @throws Error (naming `@chat/store-redis`) if an option is invalid.
 * @example
 * import { createChatServer } from "@chat/core";
 * import { redisBus, redisStore } from "@chat/store-redis";
 *
 * const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
 * const service = createChatServer({ store: redisStore({ url }), bus: redisBus({ url }) });
 */
export function redisStore(options: RedisStoreOptions): Store {
  const prefix = validPrefix(options.prefix, "prefix");
  const lockTTL = validLockTTL(options.lockTTL);
  const connection = openConnection(options, options.onError ?? throttledWarning("redisStore"));
  const scripts = new ScriptRunner(connection.client, `{${prefix}}:`, connection.callTimeout);
  return {
    lockTTL,
    ...roomMethods(scripts),
    ...historyMethods(scripts),
    ...userMethods(scripts),
    ...socketMethods(scripts),
    ...instanceMethods(scripts),
    close: () => closeConnection(connection),
  };
}
