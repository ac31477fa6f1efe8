/**
 * `redisBus()`: the Bus contract on Redis pub/sub.
 * @module
 */
import type { Bus, BusListener, BusMessage } from "@chat/core";
import { busChannel } from "./channel.js";
import { isCluster, openPublisher, openSubscriber, release } from "./connections.js";
import { decodePublication, encodePublication, newSenderId, publicationSender } from "./message.js";
import { PublicationBatch } from "./publication-batch.js";
import { packageName } from "../settings.js";
import { resolveBusOptions, type RedisBusClient, type RedisBusOptions } from "./options.js";
import { classicPubSub, shardedPubSub } from "./pubsub.js";
import { throttledWarning } from "../report-error.js";
import { SharedSubscription } from "./subscription.js";
import { withTimeout } from "../timeout.js";

/**
 * Creates a bus that carries the service's fan-out between instances over Redis pub/sub, on the channel
 * `{<prefix>}:bus`: classic PUBLISH/SUBSCRIBE on a single Redis, sharded SPUBLISH/SSUBSCRIBE on a Cluster
 * (Redis ≥ 7.0), so that each instance's publications arrive in order.
 *
 * - **Delivery.** Every publication reaches each subscribed bus once, its publisher's included (the core ignores
 *   its own), and each bus hands it to each of its listeners once. Like all Redis pub/sub it is at most once:
 *   what is published while a subscriber is disconnected is lost to it. A bus hands its own publications to its
 *   listeners itself and skips them when Redis echoes them back.
 * - **Batching.** What a bus publishes in one tick goes out as one Redis publication (up to 256 messages), so a
 *   burst of room messages costs Redis one PUBLISH and each subscriber one message to decode.
 * - **Connections.** The bus publishes on `client`, or on a connection it opens from `url`, `clusterNodes` or
 *   `redisOptions`, and subscribes on a connection of its own, opened at the first `subscribe()` from the
 *   publisher's settings. `close()` closes exactly the connections the bus opened.
 * - **Outages.** The subscriber reconnects and resubscribes by itself, after a restart of Redis or a Cluster
 *   failover. `publish()`, `subscribe()` and unsubscribing fail after at most `replyTimeout` (5 s) without a
 *   reply; on a single Redis the bus opened, a publish fails within about a second of Redis going away, since
 *   such connections queue a command through one reconnection attempt only (`maxRetriesPerRequest: 0`) and
 *   retry at most 1 s apart. (A Cluster queues commands for as long as no node answers, so there it is
 *   `replyTimeout`.) Connection errors, malformed messages (which are dropped) and listener errors go
 *   to `onError`.
 *
 * @throws Error (naming `@chat/store-redis`) if the options are contradictory or invalid.
 * @example
 * import { createChatServer } from "@chat/core";
 * import { redisBus, redisStore } from "@chat/store-redis";
 *
 * const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
 * const service = createChatServer({
 *   store: redisStore({ url }),
 *   bus: redisBus({ url, onError: (error) => logger.warn(error) }),
 * });
 * @example
 * // A Cluster client of yours: the bus subscribes on a duplicate of it and leaves the client open.
 * import { Cluster } from "ioredis";
 *
 * const cluster = new Cluster([{ host: "10.0.0.1", port: 6379 }]);
 * const bus = redisBus({ client: cluster, prefix: "support-chat" });
 */
export function redisBus(options: RedisBusOptions): Bus {
  const { prefix, replyTimeout } = resolveBusOptions(options);
  const onError = options.onError ?? throttledWarning("redisBus");
  // Reports are made from ioredis's event handlers, where a throw would become an uncaught exception.
  const report = (error: Error): void => {
    try {
      onError(error);
    } catch {
      // An onError that throws leaves nowhere to report to; the bus carries on.
    }
  };
  const channel = busChannel(prefix);
  const publisher = openPublisher(options, report);
  const flavour = isCluster(publisher.client) ? shardedPubSub : classicPubSub;

  let subscriber: RedisBusClient | undefined;
  let closed = false;

  const sender = newSenderId();

  const onMessage = (text: string): void => {
    if (publicationSender(text) === sender) return; // delivered to this bus's listeners when it was published
    let messages: BusMessage[];
    try {
      messages = decodePublication(text);
    } catch (error) {
      report(new Error(`${channel}: ${(error as Error).message}`, { cause: error }));
      return;
    }
    for (const message of messages) subscription.deliver(message);
  };

  const batch = new PublicationBatch(async (messages, encoded) => {
    for (const message of messages) subscription.deliver(message);
    const sent = flavour.publish(publisher.client, channel, encodePublication(sender, encoded));
    await withTimeout(sent, replyTimeout, `publishing on ${channel}`);
  });

  /** The subscriber connection, opened at the first subscription: a bus that only publishes needs none. */
  const subscriberConnection = (): RedisBusClient => {
    if (subscriber === undefined) {
      subscriber = openSubscriber(publisher.client, report);
      flavour.onMessage(subscriber, channel, onMessage);
    }
    return subscriber;
  };

  const subscription = new SharedSubscription(
    {
      subscribe: () =>
        withTimeout(flavour.subscribe(subscriberConnection(), channel), replyTimeout, `subscribing to ${channel}`),
      unsubscribe: () =>
        withTimeout(flavour.unsubscribe(subscriberConnection(), channel), replyTimeout, `unsubscribing from ${channel}`),
    },
    report,
  );

  const assertOpen = (): void => {
    if (closed) throw new Error(`${packageName}: this redisBus is closed`);
  };

  return {
    async publish(message) {
      assertOpen();
      await batch.add(message);
    },
    async subscribe(listener: BusListener) {
      assertOpen();
      return subscription.add(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      subscription.close();
      await Promise.all([
        subscriber !== undefined ? release(subscriber) : undefined,
        publisher.owned ? release(publisher.client) : undefined,
      ]);
    },
  };
}
