/**
 * The connections of a bus: the publisher (the caller's client, or one the bus opens) and the subscriber, which
 * the bus always opens itself.
 * @module
 */
import { Cluster, Redis, type RedisOptions } from "ioredis";
import { reconnectDelay } from "../settings.js";
import type { RedisBusClient, RedisBusOptions, ReplyMappingMode } from "./options.js";

/** Whether `client` is a Cluster; `isCluster` also works across copies of ioredis, unlike `instanceof`. */
export function isCluster(client: RedisBusClient): client is Cluster<ReplyMappingMode> {
  return client.isCluster;
}

/**
 * Defaults of a single-Redis connection the bus opens; `redisOptions` override them.
 *
 * - `lazyConnect`: creating a bus opens nothing; the first command connects.
 * - `maxRetriesPerRequest: 0`: a publication in flight when the connection drops fails at once instead of being
 *   re-sent (it may have been delivered: re-sending risks a duplicate), and one issued while reconnecting fails
 *   as soon as the next reconnection attempt fails, instead of waiting for 20 of them. Together with the retry
 *   strategy below, a publish fails within about a second while Redis is down; `replyTimeout` bounds it anyway.
 * - `retryStrategy`: reconnect after 50, 100, 200… ms, at most 1 s apart (ioredis: up to 5 s), because
 *   messages published while the subscriber is disconnected are lost to it.
 */
const openedRedisDefaults: RedisOptions = {
  lazyConnect: true,
  enableAutoPipelining: true,
  maxRetriesPerRequest: 0,
  retryStrategy: reconnectDelay,
};

/**
 * What the subscriber connection needs whatever its source's options say.
 *
 * - `autoResubscribe`: after a reconnection ioredis subscribes again to the channels it was subscribed to.
 * - `maxRetriesPerRequest: null`: ioredis issues that resubscription without handling its failure; flushing it
 *   from the queue after some retries would be an unhandled rejection, which ends a Node process. Waiting
 *   until the connection is back also suits a subscription, and `replyTimeout` still bounds `subscribe()`.
 * - `enableOfflineQueue`: a SUBSCRIBE issued while connecting waits for the connection.
 */
const subscriberOverrides: RedisOptions = {
  lazyConnect: true,
  enableAutoPipelining: false,
  autoResubscribe: true,
  maxRetriesPerRequest: null,
  enableOfflineQueue: true,
};

/**
 * How often, in ms, the subscriber Cluster re-reads the slot map, unless the caller's Cluster sets its own
 * `slotsRefreshInterval`.
 *
 * ioredis moves a sharded subscription only when it sees the slot map change. After a graceful failover
 * (`CLUSTER FAILOVER`) the old master stays up and merely drops its subscribers with a SUNSUBSCRIBE push; ioredis
 * then re-reads the map at once, but from any node, which may not know of the failover yet. It then sees no
 * change, and (ioredis sets no periodic refresh by default, whatever its docs say) never looks again: the
 * subscription was lost for good in about 1 run in 8 of the failover test. A periodic refresh bounds that gap.
 */
const subscriberSlotsRefreshInterval = 1000;

/** The publisher connection, and whether the bus opened it (and so must close it). */
export interface Publisher {
  client: RedisBusClient;
  owned: boolean;
}

/**
 * Uses the caller's client, or opens the connection the options describe. Errors of an opened connection go to
 * `report` (an ioredis client with no "error" listener logs every reconnection failure as unhandled).
 */
export function openPublisher(options: RedisBusOptions, report: (error: Error) => void): Publisher {
  if (options.client !== undefined) return { client: options.client, owned: false };
  let client: RedisBusClient;
  if (options.clusterNodes !== undefined) {
    // A Cluster reconnects its nodes by itself; the per-node defaults above would not change that.
    client = new Cluster(options.clusterNodes, {
      lazyConnect: true,
      enableAutoPipelining: true,
      ...options.clusterOptions,
      ...(options.redisOptions !== undefined && { redisOptions: options.redisOptions }),
    });
  } else {
    const redisOptions = { ...openedRedisDefaults, ...options.redisOptions };
    client = options.url !== undefined ? new Redis(options.url, redisOptions) : new Redis(redisOptions);
  }
  reportErrors(client, "publisher", report);
  return { client, owned: true };
}

/**
 * Opens the subscriber connection from the publisher's settings. A subscribed connection is not shared, and
 * one of its own lets several buses on one client (un)subscribe without affecting each other.
 *
 * On a Cluster, ioredis subscribes through connections of its own; `shardedSubscribers` makes it open one per
 * master that owns a subscribed slot, and manage them across failovers (see `shardedPubSub`).
 */
export function openSubscriber(publisher: RedisBusClient, report: (error: Error) => void): RedisBusClient {
  const subscriber = isCluster(publisher)
    ? publisher.duplicate([], {
        shardedSubscribers: true,
        lazyConnect: true,
        enableAutoPipelining: false,
        slotsRefreshInterval: publisher.options.slotsRefreshInterval ?? subscriberSlotsRefreshInterval,
      })
    : publisher.duplicate(subscriberOverrides);
  reportErrors(subscriber, "subscriber", report);
  return subscriber;
}

function reportErrors(client: RedisBusClient, role: string, report: (error: Error) => void): void {
  client.on("error", (error: Error) => report(new Error(`${role} connection: ${error.message}`, { cause: error })));
}

/**
 * Closes a connection the bus opened: gracefully when it is up, so that publications already sent are answered
 * first, at once otherwise (a QUIT would wait in the offline queue for as long as Redis is away).
 */
export async function release(client: RedisBusClient): Promise<void> {
  if (client.status === "ready") {
    try {
      await client.quit();
      return;
    } catch {
      // The connection dropped meanwhile: nothing is left to release but the socket.
    }
  }
  client.disconnect();
}
