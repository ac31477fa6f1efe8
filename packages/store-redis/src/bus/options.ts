/**
 * The options of `redisBus()` and their validation.
 * @module
 */
import type { Cluster, ClusterNode, ClusterOptions, Redis, RedisOptions } from "ioredis";
import { packageName, validPrefix } from "../settings.js";

/** ioredis's reply-mapping modes; a client of either mode can carry the bus, whose replies are plain numbers. */
export type ReplyMappingMode = NonNullable<RedisOptions["replyMapping"]>;

/** An ioredis single-Redis or Cluster client, whatever its `replyMapping`. */
export type RedisBusClient = Redis<ReplyMappingMode> | Cluster<ReplyMappingMode>;

/**
 * Options of {@link redisBus}: where Redis is (a `client` of yours, or `url`, `clusterNodes` or `redisOptions`
 * for connections the bus opens itself), the channel's `prefix`, and how failures surface.
 */
export interface RedisBusOptions {
  /**
   * An ioredis `Redis` or `Cluster` of yours. The bus publishes on it and subscribes on a duplicate of it
   * (`duplicate()`), because a subscribed connection is not shared. `close()` closes the duplicate and leaves
   * this client open; its own options (retries, offline queue) apply to publishing.
   * Mutually exclusive with `url`, `clusterNodes`, `redisOptions` and `clusterOptions`.
   */
  client?: RedisBusClient;
  /** One Redis, e.g. `redis://127.0.0.1:6379`. Mutually exclusive with `clusterNodes`. */
  url?: string;
  /** Startup nodes of a Redis Cluster (Redis ≥ 7.0: the bus uses sharded pub/sub). */
  clusterNodes?: ClusterNode[];
  /**
   * ioredis options for the connections the bus opens (for a Cluster: each node's). They override the bus's
   * defaults, described on {@link redisBus}. Alone (without `url` or `clusterNodes`) they describe one Redis.
   */
  redisOptions?: RedisOptions;
  /** ioredis Cluster options for a Cluster the bus opens, e.g. `natMap`. */
  clusterOptions?: Omit<ClusterOptions, "redisOptions">;
  /**
   * Names the channel, `{<prefix>}:bus`, so that several chat services can share one Redis. Use the store's
   * prefix: on a Cluster the hash tag puts the channel in the slot of the store's keys.
   * Must be non-empty and free of `{` and `}`.
   * @default "chat"
   */
  prefix?: string;
  /**
   * How long `publish`, `subscribe` and unsubscribing wait for Redis's reply before they give up with an error,
   * in ms, whatever the connection's own settings. A publish that timed out may still be delivered once Redis is
   * back, if the client had queued it.
   * @default 5000
   */
  replyTimeout?: number;
  /**
   * Called with what the bus cannot throw to a caller: errors of the connections it opened (the subscriber's
   * reconnection attempts, for instance), malformed messages it ignored and errors thrown by listeners.
   * @default a `console.warn` that logs each distinct message at most once every 30 s
   */
  onError?: (error: Error) => void;
}

/** {@link RedisBusOptions} with defaults applied and checked. */
export interface ResolvedBusOptions {
  prefix: string;
  replyTimeout: number;
}


const defaultReplyTimeout = 5000;

/**
 * Checks the options' combination and values.
 * @throws Error naming the package if they are contradictory or invalid.
 */
export function resolveBusOptions(options: RedisBusOptions): ResolvedBusOptions {
  const opened = ["url", "clusterNodes", "redisOptions", "clusterOptions"] as const;
  if (options.client !== undefined) {
    const extra = opened.filter((key) => options[key] !== undefined);
    if (extra.length > 0) {
      throw new Error(`${packageName}: redisBus takes either a client or ${extra.join(", ")}, not both`);
    }
  }
  if (options.url !== undefined && options.clusterNodes !== undefined) {
    throw new Error(`${packageName}: redisBus takes either url (one Redis) or clusterNodes (a Cluster), not both`);
  }
  if (options.clusterNodes !== undefined && options.clusterNodes.length === 0) {
    throw new Error(`${packageName}: redisBus clusterNodes must name at least one node`);
  }
  if (options.clusterOptions !== undefined && options.clusterNodes === undefined) {
    throw new Error(`${packageName}: redisBus clusterOptions need clusterNodes`);
  }
  if (options.client === undefined && opened.every((key) => options[key] === undefined)) {
    throw new Error(`${packageName}: redisBus needs a client, a url, clusterNodes or redisOptions`);
  }
  return { prefix: validPrefix(options.prefix, "redisBus prefix"), replyTimeout: validTimeout(options.replyTimeout) };
}

function validTimeout(value: unknown): number {
  if (value === undefined) return defaultReplyTimeout;
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return value;
  throw new Error(`${packageName}: redisBus replyTimeout must be a positive integer (ms), got ${String(value)}`);
}
