import { Collector, describeBus, type ConnectedBuses } from "@chat/conformance";
import type { Bus, BusMessage } from "@chat/core";
import { startRedis, startRedisCluster, type RedisCluster, type RedisServer } from "@chat/redis-testing";
import { Cluster, Redis } from "ioredis";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { busChannel } from "../src/bus/channel.js";
import { redisBus, type RedisBusClient, type RedisBusOptions } from "../src/bus/index.js";
import { decodePublication } from "../src/bus/message.js";

type Custom = Extract<BusMessage, { kind: "custom" }>;
const custom = (origin: string, event: string, ...args: unknown[]): Custom => ({ kind: "custom", origin, event, args });
const events = (items: readonly BusMessage[]): string[] => items.flatMap((m) => (m.kind === "custom" ? [m.event] : []));
const received = (collector: Collector<BusMessage>, event: string) =>
  collector.waitFor((items) => events(items).includes(event));

/** Buses opened by `open`, whose `onError` must stay silent: a healthy Redis gives it nothing to report. */
function connected(count: number, open: (onError: (error: Error) => void) => Bus): ConnectedBuses {
  const errors: Error[] = [];
  const buses = Array.from({ length: count }, () => open((error) => errors.push(error)));
  return {
    buses,
    async close() {
      await Promise.all(buses.map((bus) => bus.close()));
      expect(errors).toEqual([]);
    },
  };
}

/** A bus whose reported errors a test can wait for, closed after the test. */
function tracked(opened: Bus[], options: RedisBusOptions) {
  const errors = new Collector<Error>();
  const bus = redisBus({ ...options, onError: errors.listener });
  opened.push(bus);
  return { bus, errors };
}

async function listen(bus: Bus) {
  const collector = new Collector<BusMessage>();
  const unsubscribe = await bus.subscribe(collector.listener);
  return { collector, unsubscribe };
}

/**
 * Publishes probes until one arrives: after an outage, what is published before the subscriber has resubscribed
 * is lost (pub/sub keeps nothing), and no event says when Redis has the subscription back. The wait is on the
 * delivery; the pause only paces the probes.
 */
async function publishUntilDelivered(bus: Bus, collector: Collector<BusMessage>, origin: string): Promise<void> {
  const delivered = received(collector, "probe");
  let done = false;
  void delivered.then(() => (done = true));
  while (!done) {
    await bus.publish(custom(origin, "probe")).catch(() => undefined);
    await Promise.race([delivered, delay(50)]);
  }
}

/** Publishes `names` in order and expects `collector` to get them in that order. */
async function expectDeliveredInOrder(bus: Bus, collector: Collector<BusMessage>, origin: string, names: string[]) {
  for (const name of names) await bus.publish(custom(origin, name));
  const items = await received(collector, names.at(-1)!);
  expect(events(items).filter((event) => names.includes(event))).toEqual(names);
}

describe("redisBus options", () => {
  it("throws, naming the package, on contradictory or invalid options", () => {
    const client = new Redis({ lazyConnect: true });
    const invalid: RedisBusOptions[] = [
      {},
      { client, url: "redis://127.0.0.1:1" },
      { url: "redis://127.0.0.1:1", clusterNodes: [{ host: "127.0.0.1", port: 1 }] },
      { clusterNodes: [] },
      { url: "redis://127.0.0.1:1", clusterOptions: {} },
      { url: "redis://127.0.0.1:1", prefix: "" },
      { url: "redis://127.0.0.1:1", prefix: "a{b}" },
      { url: "redis://127.0.0.1:1", replyTimeout: 0 },
    ];
    for (const options of invalid) expect(() => redisBus(options)).toThrow(/^@chat\/store-redis: redisBus /);
    client.disconnect();
  });

  it("accepts clients of either reply mapping (checked by the type checker)", () => {
    const clients: RedisBusClient[] = [new Redis({ lazyConnect: true, replyMapping: "resp3" }), new Redis({ lazyConnect: true })];
    for (const client of clients) client.disconnect();
  });
});

describe("redisBus on one Redis", () => {
  let server: RedisServer;
  let client: Redis;
  const opened: Bus[] = [];
  beforeAll(async () => {
    server = await startRedis();
    client = new Redis(server.url);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((bus) => bus.close()));
  });
  afterAll(async () => {
    await client?.quit();
    await server?.stop();
  });

  describeBus("redisBus (connections of its own)", async (count) =>
    connected(count, (onError) => redisBus({ url: server.url, onError })),
  );
  describeBus("redisBus (the caller's client)", async (count) =>
    connected(count, (onError) => redisBus({ client, prefix: "callers-client", onError })),
  );

  it("leaves the caller's client open on close(), and unsubscribes in Redis when the last listener leaves", async () => {
    const prefix = "leave-open";
    const numsub = async () => (await client.pubsub("NUMSUB", busChannel(prefix)))[1];
    const { bus } = tracked(opened, { client, prefix });
    const { collector, unsubscribe } = await listen(bus);
    expect(await numsub()).toBe(1);
    await bus.publish(custom("origin", "hello"));
    await received(collector, "hello");
    await unsubscribe();
    expect(await numsub()).toBe(0);
    await bus.close();
    expect(client.status).toBe("ready");
    expect(await client.ping()).toBe("PONG");
    await expect(bus.publish(custom("origin", "late"))).rejects.toThrow(/closed/);
  });

  it("ignores and reports malformed messages on its channel", async () => {
    const prefix = "malformed";
    const { bus, errors } = tracked(opened, { url: server.url, prefix });
    const { collector } = await listen(bus);
    const sender = "x".repeat(16);
    const garbage = [
      "not json",
      "42",
      "[]",
      '{"kind":"custom","origin":"x"}',
      `${sender}{"kind":"custom","origin":"x","event":"e","args":[]}`,
      `${sender}[not json]`,
      `${sender}[{"kind":"nope","origin":"x"}]`,
      `${sender}[{"kind":"custom","origin":"x","event":"e","args":[]},{"kind":"custom","origin":"x"}]`,
    ];
    for (const text of garbage) await client.publish(busChannel(prefix), text);
    await bus.publish(custom("origin", "valid"));
    expect(await received(collector, "valid")).toEqual([custom("origin", "valid")]);
    expect(errors.items).toHaveLength(garbage.length);
    for (const error of errors.items) expect(error.message).toMatch(/ignored a message/);
  });

  it("sends one tick's publications as one Redis message, and hands its own to its listeners once", async () => {
    const prefix = "batched";
    const raw = client.duplicate();
    const texts = new Collector<string>();
    raw.on("message", (_channel: string, text: string) => texts.listener(text));
    await raw.subscribe(busChannel(prefix));
    try {
      const { bus: a } = tracked(opened, { url: server.url, prefix });
      const { bus: b } = tracked(opened, { url: server.url, prefix });
      const [own, other] = [await listen(a), await listen(b)];
      const names = Array.from({ length: 10 }, (_, k) => `burst-${k}`);
      await Promise.all(names.map((name) => a.publish(custom("a", name))));
      expect(events(await received(other.collector, "burst-9"))).toEqual(names);
      const [burst] = await texts.waitFor((items) => items.length === 1);
      expect(decodePublication(burst!).map((message) => (message as Custom).event)).toEqual(names);
      // b's publication reaches a's subscriber after a's own burst came back from Redis (one connection, in order).
      await b.publish(custom("b", "after"));
      expect(events(await received(own.collector, "after"))).toEqual([...names, "after"]);
    } finally {
      await raw.quit();
    }
  });

  it("keeps delivering to other listeners when one throws, and reports the error", async () => {
    const { bus, errors } = tracked(opened, { url: server.url, prefix: "throwing" });
    await bus.subscribe(() => {
      throw new Error("listener bug");
    });
    const { collector } = await listen(bus);
    await bus.publish(custom("origin", "one"));
    await bus.publish(custom("origin", "two"));
    expect(events(await received(collector, "two"))).toEqual(["one", "two"]);
    expect(errors.items.map((error) => (error.cause as Error).message)).toEqual(["listener bug", "listener bug"]);
  });
});

describe("redisBus across a Redis restart", () => {
  let server: RedisServer;
  const opened: Bus[] = [];
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(opened.map((bus) => bus.close()));
    await server?.stop();
  });

  it("fails publications while Redis is down, then reconnects and resubscribes by itself", async () => {
    const publisher = tracked(opened, { url: server.url, prefix: "restart" }).bus;
    const { bus: subscriber, errors } = tracked(opened, { url: server.url, prefix: "restart" });
    const { collector } = await listen(subscriber);
    await expectDeliveredInOrder(publisher, collector, "origin", ["before"]);

    await server.kill();
    const failing = Date.now();
    await expect(publisher.publish(custom("origin", "lost"))).rejects.toThrow();
    // Well within replyTimeout (5 s): the bus's own connection queues a command through one reconnection only.
    expect(Date.now() - failing).toBeLessThan(3000);
    // The outage reaches onError instead of an unhandled "error" event.
    await errors.waitFor((items) => items.some((error) => /^subscriber connection: /.test(error.message)));
    // A subscribe during the outage gives up after replyTimeout instead of hanging.
    const impatient = tracked(opened, { url: server.url, prefix: "restart", replyTimeout: 300 }).bus;
    await expect(impatient.subscribe(() => undefined)).rejects.toThrow(/within 300 ms/);

    await server.restart();
    await publishUntilDelivered(publisher, collector, "origin");
    await expectDeliveredInOrder(publisher, collector, "origin", ["after-1", "after-2", "after-3"]);
    expect(events(collector.items)).not.toContain("lost");
    // The bus whose subscribe timed out can subscribe once Redis is back.
    const late = await listen(impatient);
    await expectDeliveredInOrder(publisher, late.collector, "origin", ["late"]);
  }, 30_000);
});

describe("redisBus on a Redis Cluster of 3 masters and 3 replicas", () => {
  let cluster: RedisCluster;
  let client: Cluster;
  let direct: Redis[] = [];
  const opened: Bus[] = [];
  beforeAll(async () => {
    cluster = await startRedisCluster();
    client = new Cluster(cluster.nodes);
    direct = cluster.nodes.map((node) => new Redis(node.port, node.host));
  }, 60_000);
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((bus) => bus.close()));
  });
  afterAll(async () => {
    await Promise.all(direct.map((node) => node.quit()));
    await client?.quit();
    await cluster?.stop();
  });

  /** The node connections currently holding a sharded subscription to the channel, and its classic count. */
  const subscribersOf = async (channel: string) => {
    const counts = await Promise.all(
      direct.map(async (node) => ({
        node,
        sharded: ((await node.call("PUBSUB", "SHARDNUMSUB", channel)) as [string, number])[1],
        classic: ((await node.call("PUBSUB", "NUMSUB", channel)) as [string, number])[1],
      })),
    );
    return {
      sharded: counts.filter((count) => count.sharded > 0).map((count) => count.node),
      classic: counts.reduce((sum, count) => sum + count.classic, 0),
    };
  };

  describeBus("redisBus on a Cluster (connections of its own)", async (count) =>
    connected(count, (onError) => redisBus({ clusterNodes: cluster.nodes, onError })),
  );
  describeBus("redisBus on a Cluster (the caller's client)", async (count) =>
    connected(count, (onError) => redisBus({ client, prefix: "callers-cluster", onError })),
  );

  it("subscribes with sharded pub/sub on the master that holds the {prefix} keys", async () => {
    const prefix = "sharded";
    const { bus } = tracked(opened, { client, prefix });
    await listen(bus);
    const { sharded, classic } = await subscribersOf(busChannel(prefix));
    expect(classic).toBe(0);
    expect(sharded).toHaveLength(1);
    // The store's keys are `{prefix}:…`: the node answers for them without a MOVED redirection.
    expect(await sharded[0]!.exists(`{${prefix}}:any-key`)).toBe(0);
    expect(((await sharded[0]!.role()) as [string])[0]).toBe("master");
  });

  it("leaves the caller's Cluster open on close()", async () => {
    const { bus } = tracked(opened, { client, prefix: "leave-open" });
    const { collector } = await listen(bus);
    await expectDeliveredInOrder(bus, collector, "origin", ["hello"]);
    await bus.close();
    expect(client.status).toBe("ready");
    expect(await client.set("{leave-open}:key", "value")).toBe("OK");
  });

  // Last: it swaps the roles of one master and its replica.
  it("resubscribes on the new master after a failover of the channel's shard", async () => {
    const prefix = "failover";
    const publisher = tracked(opened, { clusterNodes: cluster.nodes, prefix }).bus;
    const subscriber = tracked(opened, { clusterNodes: cluster.nodes, prefix }).bus;
    const { collector } = await listen(subscriber);
    await expectDeliveredInOrder(publisher, collector, "origin", ["before"]);

    const [master] = (await subscribersOf(busChannel(prefix))).sharded;
    const masterPort = master!.options.port;
    const roles = await Promise.all(direct.map(async (node) => ({ node, role: (await node.role()) as unknown[] })));
    const replica = roles.find(({ role }) => role[0] === "slave" && role[2] === masterPort)!.node;
    expect(await replica.call("CLUSTER", "FAILOVER")).toBe("OK");
    // The failover completes after the reply; a probe delivered by the old master would prove nothing.
    while (((await replica.role()) as [string])[0] !== "master") await delay(50);

    await publishUntilDelivered(publisher, collector, "origin");
    await expectDeliveredInOrder(publisher, collector, "origin", ["after-1", "after-2", "after-3"]);
    expect((await subscribersOf(busChannel(prefix))).sharded).toEqual([replica]);
  }, 30_000);
});
