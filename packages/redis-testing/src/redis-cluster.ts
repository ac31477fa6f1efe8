import { findFreePorts } from "./free-ports.js";
import { pollUntil } from "./poll.js";
import { launchRedisServer, type RedisServer } from "./redis-server.js";
import { infoField, sendCommands, type RespReply } from "./resp.js";
import { spawnTied } from "./spawn-tied.js";

/** Options of {@link startRedisCluster}. */
export interface RedisClusterOptions {
  /**
   * Master nodes; `redis-cli --cluster create` requires at least 3.
   * @default 3
   */
  masters?: number;
  /** @default 1 */
  replicasPerMaster?: number;
}

/** One node's address, as ioredis `new Cluster(nodes)` takes it. */
export interface RedisClusterNode {
  host: "127.0.0.1";
  port: number;
}

/** A throwaway Redis Cluster whose every node agrees on the slots, killed when this process exits. */
export interface RedisCluster {
  /** Every node, masters first, as ioredis `new Cluster(nodes)` takes them. */
  readonly nodes: RedisClusterNode[];
  /** Stops every node and removes temp dirs. */
  stop(): Promise<void>;
}

const TOTAL_SLOTS = 16_384;
/** Creation plus convergence: typically a few seconds, dominated by redis-cli's 1 s join polls. */
const CLUSTER_READY_TIMEOUT_MS = 30_000;

/**
 * Starts `masters × (1 + replicasPerMaster)` redis-server nodes on free ports, joins them with
 * `redis-cli --cluster create`, and resolves only once every node reports `cluster_state:ok`, knows every
 * other node, serves a CLUSTER SLOTS map covering all slots and naming every node, and every replica's link to
 * its master is up. Before that, clients see CLUSTERDOWN errors and MOVED storms.
 *
 * @example
 * const cluster = await startRedisCluster();
 * const client = new Cluster(cluster.nodes);
 * // ...
 * await client.quit();
 * await cluster.stop();
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const masters = options.masters ?? 3;
  const replicas = options.replicasPerMaster ?? 1;
  if (!Number.isInteger(masters) || masters < 3) {
    throw new Error(`@chat/redis-testing: a cluster needs at least 3 masters (redis-cli's rule), got ${masters}`);
  }
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new Error(`@chat/redis-testing: replicasPerMaster must be a whole number >= 0, got ${replicas}`);
  }
  const count = masters * (1 + replicas);
  // Reserve every client and bus port at once so that nodes do not race each other for the same port.
  const ports = await findFreePorts(count * 2);
  const launched = await Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      launchRedisServer({
        portCount: 2,
        initialPorts: ports.slice(i * 2, i * 2 + 2),
        args: ([, busPort]) => clusterNodeArgs(busPort),
      }),
    ),
  );
  const servers = launched.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    const failed = launched.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    const nodePorts = servers.map((server) => server.port);
    await createCluster(nodePorts, replicas);
    const roles = await waitUntilConverged(nodePorts, masters);
    const byRole = (role: Role): RedisClusterNode[] =>
      nodePorts.filter((_, i) => roles[i] === role).map((port) => ({ host: "127.0.0.1", port }));
    return { nodes: [...byRole("master"), ...byRole("replica")], stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function clusterNodeArgs(busPort: number): string[] {
  return [
    "--cluster-enabled", "yes",
    "--cluster-config-file", "nodes.conf",
    "--cluster-node-timeout", "2000",
    // An explicit bus port: the default, port + 10000, overflows 65535 for much of the ephemeral range.
    "--cluster-port", String(busPort),
    "--save", "",
    "--appendonly", "no",
    // Replicas sync straight away; the default waits 5 s for more replicas to share one transfer.
    "--repl-diskless-sync", "yes",
    "--repl-diskless-sync-delay", "0",
    "--repl-ping-replica-period", "1",
  ];
}

async function createCluster(ports: number[], replicas: number): Promise<void> {
  const args = ["--cluster", "create", ...ports.map((port) => `127.0.0.1:${port}`)];
  args.push("--cluster-replicas", String(replicas), "--cluster-yes");
  const cli = spawnTied("redis-cli", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  cli.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  cli.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => cli.kill("SIGKILL"), CLUSTER_READY_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve, reject) => {
    cli.once("error", reject);
    cli.once("close", resolve);
  }).finally(() => clearTimeout(timer));
  if (code !== 0) throw new Error(`redis-cli --cluster create failed (exit ${code}):\n${output}`);
}

type Role = "master" | "replica";

/** Polls every node until all agree on the cluster, and resolves each node's role, in `ports` order. */
async function waitUntilConverged(ports: number[], masters: number): Promise<Role[]> {
  let states: (Role | string)[] = [];
  return pollUntil(
    async () => {
      states = await Promise.all(
        ports.map((port) => nodeState(port, ports.length).catch((error: Error) => error.message)),
      );
      const roles = states.filter((state): state is Role => state === "master" || state === "replica");
      if (roles.length < ports.length) return undefined;
      return roles.filter((role) => role === "master").length === masters ? roles : undefined;
    },
    {
      timeoutMs: CLUSTER_READY_TIMEOUT_MS,
      intervalMs: 50,
      describeTimeout: () =>
        `Redis Cluster did not converge within ${CLUSTER_READY_TIMEOUT_MS} ms:\n` +
        ports.map((port, i) => `  127.0.0.1:${port}: ${states[i]}`).join("\n"),
    },
  );
}

/** The node's role once it is fully converged, or what it is still missing. */
async function nodeState(port: number, nodeCount: number): Promise<Role | string> {
  const [clusterInfo, replication, slots] = await sendCommands(port, [
    ["CLUSTER", "INFO"],
    ["INFO", "replication"],
    ["CLUSTER", "SLOTS"],
  ]);
  const state = infoField(clusterInfo, "cluster_state");
  if (state !== "ok") return `cluster_state:${state}`;
  const known = infoField(clusterInfo, "cluster_known_nodes");
  if (known !== String(nodeCount)) return `cluster_known_nodes:${known}`;
  const role = infoField(replication, "role");
  if (role === "slave" && infoField(replication, "master_link_status") !== "up") return "replica link not up";
  const map = describeSlots(slots);
  if (map.slots !== TOTAL_SLOTS || map.ports.size !== nodeCount) {
    return `CLUSTER SLOTS covers ${map.slots} slots on ${map.ports.size} nodes`;
  }
  return role === "slave" ? "replica" : "master";
}

/** Counts the slots a CLUSTER SLOTS reply covers and the node ports it names (masters and replicas). */
function describeSlots(reply: RespReply | undefined): { slots: number; ports: Set<number> } {
  const ports = new Set<number>();
  let slots = 0;
  for (const range of Array.isArray(reply) ? reply : []) {
    if (!Array.isArray(range)) continue;
    const [start, end, ...nodes] = range;
    if (typeof start === "number" && typeof end === "number") slots += end - start + 1;
    for (const node of nodes) if (Array.isArray(node) && typeof node[1] === "number") ports.add(node[1]);
  }
  return { slots, ports };
}
