import { Cluster, Redis } from "ioredis";
import { expect, test } from "vitest";
import { startRedisCluster } from "../src/index.js";
import { sendCommands } from "../src/resp.js";

test("a cluster comes up converged: a key set on its node is read through ioredis Cluster", async () => {
  const cluster = await startRedisCluster();
  const direct: Redis[] = [];
  const client = new Cluster(cluster.nodes);
  try {
    expect(cluster.nodes).toHaveLength(6);
    const roles = await Promise.all(
      cluster.nodes.map(async ({ port }) => {
        const node = new Redis(port, "127.0.0.1");
        direct.push(node);
        return ((await node.role()) as [string])[0];
      }),
    );
    expect(roles).toEqual(["master", "master", "master", "slave", "slave", "slave"]);

    // Write straight to the master that owns the key's slot, with no cluster client involved...
    const [first] = direct;
    const slot = (await first.cluster("KEYSLOT", "greeting")) as number;
    const ranges = await first.cluster("SLOTS");
    const owner = ranges.find(([from, to]) => from <= slot && slot <= to);
    const ownerNode = direct[cluster.nodes.findIndex(({ port }) => port === owner?.[2][1])];
    expect(await ownerNode.set("greeting", "hello")).toBe("OK");

    // ...then read it through the cluster client, which must route on its own.
    expect(await client.get("greeting")).toBe("hello");
    await client.set("{other}key", "value");
    expect(await client.get("{other}key")).toBe("value");
  } finally {
    client.disconnect();
    for (const node of direct) node.disconnect();
    await cluster.stop();
  }
  for (const { port } of cluster.nodes) await expect(sendCommands(port, [["PING"]])).rejects.toThrow();
});

test("fewer than 3 masters is refused up front", async () => {
  await expect(startRedisCluster({ masters: 2 })).rejects.toThrow(/at least 3 masters/);
});
