/**
 * The Redis connection of a store: the caller's client, or one the store opens (and then closes) itself.
 * @module
 */
import { Cluster, Redis, type ClusterNode, type ClusterOptions, type RedisOptions } from "ioredis";
import { packageName, reconnectDelay } from "./settings.js";

/** A single-Redis or Redis Cluster client. */
export type RedisClient = Redis | Cluster;

/** Where to find Redis: a client of the caller's, a URL, or Cluster nodes. */
export interface RedisConnectionOptions {
  /**
   * A connected (or connecting) ioredis `Redis` or `Cluster` of the caller's. The caller keeps it: `close()`
   * leaves it open, and its own options (timeouts, retries) apply.
   */
  client?: RedisClient;
  /** A single Redis, e.g. `redis://127.0.0.1:6379/0`. Used when no `client` is given. */
  url?: string;
  /** Redis Cluster startup nodes. Used when neither `client` nor `url` is given. */
  clusterNodes?: ClusterNode[];
  /** Options for a connection the package opens (for a Cluster: each node's connection). */
  redisOptions?: RedisOptions;
  /** Options for a Cluster the package opens. */
  clusterOptions?: ClusterOptions;
  /**
   * Called with errors of the connection the package opened (each failed reconnection attempt during an
   * outage, for instance). Calls that fail because of them reject as well.
   * @default a `console.warn` that logs each distinct message at most once every 30 s
   */
  onError?: (error: Error) => void;
}

/**
 * Defaults of connections the package opens: during an outage a command fails after at most this long instead
 * of waiting in ioredis's offline queue for as long as reconnection takes, so a chat command gets an error
 * reply instead of hanging. (A command that timed out may still run once Redis is back: its outcome is
 * unknown, as with any timeout.)
 */
export const defaultCommandTimeout = 5000;


/** An open connection, and whether it is the package's to close. */
export interface Connection {
  client: RedisClient;
  owned: boolean;
  /**
   * The longest a call may wait for its reply, counted from the call (connections the package opens). ioredis
   * starts a command's `commandTimeout` only when the command is written, and with auto-pipelining a command
   * first waits for the pipeline in flight, which can itself take a whole timeout while Redis is gone: callers
   * would wait twice as long without this bound.
   */
  callTimeout?: number;
}

/**
 * Opens the connection the options describe; its errors go to `report` (an ioredis client without an "error"
 * listener logs each one as unhandled). @throws Error if the options describe none.
 */
export function openConnection(options: RedisConnectionOptions, report: (error: Error) => void): Connection {
  if (options.client) return { client: options.client, owned: false };
  const redisOptions: RedisOptions = { commandTimeout: defaultCommandTimeout, enableAutoPipelining: true, ...options.redisOptions };
  let client: RedisClient;
  if (options.url !== undefined) client = new Redis(options.url, { retryStrategy: reconnectDelay, ...redisOptions });
  else if (options.clusterNodes && options.clusterNodes.length > 0) client = new Cluster(options.clusterNodes, { enableAutoPipelining: true, ...options.clusterOptions, redisOptions });
  else throw new Error(`${packageName}: give one of client, url or clusterNodes`);
  client.on("error", report);
  return { client, owned: true, callTimeout: redisOptions.commandTimeout };
}

/** Closes a connection the package opened; a caller's client is left alone. */
export async function closeConnection(connection: Connection): Promise<void> {
  if (!connection.owned) return;
  try {
    await connection.client.quit();
  } catch {
    // Already closed or never connected: nothing is left to release but the socket, which disconnect drops.
    connection.client.disconnect();
  }
}
