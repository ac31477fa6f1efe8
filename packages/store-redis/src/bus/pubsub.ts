/**
 * The pub/sub commands a bus uses: classic on a single Redis, sharded on a Cluster.
 * @module
 */
import type { RedisBusClient } from "./options.js";

/** The commands of one flavour of pub/sub, on one channel. */
export interface PubSubFlavour {
  /** Publishes on the publisher connection; resolves with Redis's reply. */
  publish(publisher: RedisBusClient, channel: string, text: string): Promise<unknown>;
  /** (Un)subscribes the subscriber connection; resolves once Redis confirmed. */
  subscribe(subscriber: RedisBusClient, channel: string): Promise<unknown>;
  unsubscribe(subscriber: RedisBusClient, channel: string): Promise<unknown>;
  /** Calls `handler` with the text of every message the subscriber connection receives on the channel. */
  onMessage(subscriber: RedisBusClient, channel: string, handler: (text: string) => void): void;
}

/**
 * Classic PUBLISH/SUBSCRIBE, for a single Redis: one connection, so publications reach subscribers in order.
 */
export const classicPubSub: PubSubFlavour = {
  publish: (publisher, channel, text) => publisher.publish(channel, text),
  subscribe: (subscriber, channel) => subscriber.subscribe(channel),
  unsubscribe: (subscriber, channel) => subscriber.unsubscribe(channel),
  onMessage: (subscriber, channel, handler) => {
    subscriber.on("message", (from: string, text: string) => {
      if (from === channel) handler(text);
    });
  },
};

/**
 * Sharded SPUBLISH/SSUBSCRIBE, for a Cluster (Redis ≥ 7.0).
 *
 * Why not classic pub/sub on a Cluster: ioredis sends a PUBLISH, which names no key, to a random master each
 * time, and the masters forward it over the cluster bus, so two publications of one instance can overtake each
 * other (2000 back-to-back publications arrived out of order in 10 runs out of 10 on a 3-master cluster), which
 * breaks the bus's per-publisher order. Every classic publication is also copied to every node. An SPUBLISH goes
 * to the one master owning the channel's slot, which delivers it to its own subscribers only.
 *
 * ioredis 6 keeps a sharded subscription alive by itself when the subscriber Cluster has `shardedSubscribers`:
 * it resubscribes on the slot's new master after a failover (automatic or `CLUSTER FAILOVER`) and after the
 * whole cluster restarted (each case checked against Redis 7.0).
 */
export const shardedPubSub: PubSubFlavour = {
  publish: (publisher, channel, text) => publisher.spublish(channel, text),
  subscribe: (subscriber, channel) => subscriber.ssubscribe(channel),
  unsubscribe: (subscriber, channel) => subscriber.sunsubscribe(channel),
  // The subscriber Cluster is the bus's own and subscribed to this one channel. The name is not compared,
  // because ioredis prepends a client's `keyPrefix` to shard channels (they are keys to it).
  onMessage: (subscriber, _channel, handler) => {
    subscriber.on("smessage", (_from: string, text: string) => handler(text));
  },
};
