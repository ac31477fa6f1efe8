// @ts-check
/**
 * Starts a target as the bench measures it: its server process(es) pinned to the server CPU, with a redis-server
 * of its own for the Redis targets, and reads their CPU time and memory.
 */
import { fileURLToPath } from "node:url";
import { ask, nextMessage, spawnPinned, stop } from "../processes.js";
import { processCpuMicros } from "../proc-cpu.js";
import { startRedisServer } from "../redis-server.js";

const targetScript = fileURLToPath(new URL("./main.js", import.meta.url));

/**
 * @typedef {object} RunningTarget
 * @property {"ws" | "socket.io"} protocol
 * @property {number[]} ports one per instance
 * @property {() => Promise<number>} serverCpu CPU µs so far of every server process and of redis-server
 * @property {() => number} redisCpu CPU µs so far of redis-server (0 without Redis)
 * @property {() => Promise<number>} serverRss bytes, after a full GC, of every server process
 * @property {() => Promise<void>} stop
 */

/**
 * @param {import("./catalog.js").TargetSpec} spec
 * @param {{ cpu: number, rooms: string[], profileDir?: string }} where `profileDir`: write each server
 *   process's V8 CPU profile there (`--cpu-prof`), to open in Chrome DevTools or speedscope
 * @returns {Promise<RunningTarget>}
 */
export async function launchTarget(spec, { cpu, rooms, profileDir }) {
  const flags = ["--expose-gc", ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])];
  const redis = spec.store === "redis" ? await startRedisServer(cpu) : undefined;
  const children = Array.from({ length: spec.instances ?? 1 }, () =>
    spawnPinned(targetScript, { kind: spec.kind, transport: spec.protocol, store: spec.store, redisUrl: redis?.url, rooms, port: 0 }, cpu, flags),
  );
  const ports = [];
  for (const child of children) ports.push((await nextMessage(child, "listening")).port);
  const usage = (/** @type {boolean} */ gc) => Promise.all(children.map((child) => ask(child, { kind: "usage", gc }, "usage")));
  return {
    protocol: spec.protocol,
    ports,
    serverCpu: async () => (await usage(false)).reduce((sum, u) => sum + u.cpuMicros, 0) + (redis ? processCpuMicros(redis.pid) : 0),
    redisCpu: () => (redis ? processCpuMicros(redis.pid) : 0),
    serverRss: async () => (await usage(true)).reduce((sum, u) => sum + u.rss, 0),
    stop: async () => {
      await Promise.all(children.map(stop));
      await redis?.stop();
    },
  };
}
