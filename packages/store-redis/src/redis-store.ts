/**
 * `redisStore()`: the Store contract on Redis.
 * @module
 */
import type { Store } from "@chat/core";
import { closeConnection, openConnection, type RedisClient, type RedisConnectionOptions } from "./connection.js";
import { HistoryCache } from "./history-cache.js";
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
  /**
   * History entries this instance keeps decoded, over all rooms (the rooms read last), so that a history read
   * transfers and decodes only the entries it does not hold. Entries never change once stored, so what is kept
   * stays right whatever other instances do; it is all forgotten whenever the connection to Redis breaks. 0 keeps
   * none. A non-negative safe integer.
   * @default 10000
   */
  historyCacheSize?: number;
}

/** chat-service 1.0's Redis lock TTL. */
const defaultLockTTL = 10000;

const defaultHistoryCacheSize = 10000;

function nonNegativeInteger(value: unknown, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  throw new Error(`${packageName}: ${what} must be a non-negative safe integer, got ${String(value)}`);
}

/**
 * Events after which Redis may hold other writes than the ones read before: a connection that closed (a restart,
 * a failover), and for a Cluster, a node joining or leaving the client's view.
 */
const breakEvents = ["close", "+node", "-node"] as const;

/** Clears `cache` at every break of the client's connection; returns what stops it. */
function clearOnBreak(client: RedisClient, cache: HistoryCache): () => void {
  const clear = () => cache.clear();
  for (const event of breakEvents) client.on(event, clear);
  return () => {
    for (const event of breakEvents) client.off(event, clear);
  };
}

/**
 * Creates a store that keeps rooms, users, sockets, history, instance registries and locks in Redis. Every
 * method is one Lua script, so each call is atomic even when many instances share the store; a room message
 * costs one round trip (`appendMessageByMember`) whatever the room's size.
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
  const lockTTL = nonNegativeInteger(options.lockTTL, defaultLockTTL, "lockTTL (ms)");
  const historyCache = new HistoryCache(nonNegativeInteger(options.historyCacheSize, defaultHistoryCacheSize, "historyCacheSize"));
  const connection = openConnection(options, options.onError ?? throttledWarning("redisStore"));
  const stopClearing = clearOnBreak(connection.client, historyCache);
  const scripts = new ScriptRunner(connection.client, `{${prefix}}:`, connection.callTimeout);
  return {
    lockTTL,
    ...roomMethods(scripts),
    ...historyMethods(scripts, historyCache),
    ...userMethods(scripts),
    ...socketMethods(scripts),
    ...instanceMethods(scripts),
    close: () => {
      stopClearing();
      return closeConnection(connection);
    },
  };
}
