// @ts-check
/**
 * Connect: `count` clients connect, log in and join a room, at most `concurrency` handshakes at a time.
 * Reports connections per second, the server's CPU per connection (node and redis-server, and redis-server's
 * share) and its RSS per connection (after a full GC, before and after).
 */
import { fileURLToPath } from "node:url";
import { ask, spawnPinned, stop } from "../processes.js";

const workerScript = fileURLToPath(new URL("../load/connect-worker.js", import.meta.url));

/**
 * @param {{ target: import("../targets/launch.js").RunningTarget, generatorCpu: number, count: number, concurrency: number, roomNames: string[] }} run
 */
export async function connectScenario({ target, generatorCpu, count, concurrency, roomNames }) {
  const worker = spawnPinned(workerScript, { protocol: target.protocol, ports: target.ports, rooms: roomNames, userPrefix: "c" }, generatorCpu);
  try {
    // A warm-up batch, so that the measured one does not pay for JIT compilation and first allocations.
    await ask(worker, { kind: "run", count: Math.ceil(count / 4), concurrency, batch: 0 }, "done");
    const rssBefore = await target.serverRss();
    const cpuBefore = await target.serverCpu();
    const redisBefore = target.redisCpu();
    const report = await ask(worker, { kind: "run", count, concurrency, batch: 1 }, "done");
    const cpuUsed = (await target.serverCpu()) - cpuBefore;
    const redisUsed = target.redisCpu() - redisBefore;
    const rssAfter = await target.serverRss();
    return {
      perSecond: count / (report.micros / 1e6),
      // Tells a CPU-bound rate from one bound by round trips: with the server's core busy, rate × CPU ≈ 1 s.
      cpuPerConnection: cpuUsed / count,
      redisCpuPerConnection: redisUsed / count,
      rssPerConnection: (rssAfter - rssBefore) / count,
      generatorBound: report.busy >= 0.9,
    };
  } finally {
    await stop(worker);
  }
}
