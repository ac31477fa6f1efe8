// @ts-check
/**
 * History: `roomHistoryGet(room, 0, 100)` from several connections in a closed loop, on a room holding 150
 * messages. Reports requests per second, p99 latency, and server CPU per request (node and, with Redis,
 * redis-server together). @chat targets only: a bare server has no history.
 */
import { fileURLToPath } from "node:url";
import { ask, spawnPinned, stop } from "../processes.js";

const workerScript = fileURLToPath(new URL("../load/history-worker.js", import.meta.url));

/**
 * @param {{ target: import("../targets/launch.js").RunningTarget, generatorCpu: number, durationMs: number, room: string }} run
 */
export async function historyScenario({ target, generatorCpu, durationMs, room }) {
  const worker = spawnPinned(workerScript, { protocol: target.protocol, ports: target.ports, room, clients: 8, window: 4 }, generatorCpu);
  try {
    await ask(worker, { kind: "setup" }, "ready");
    await ask(worker, { kind: "fill", count: 150 }, "filled");
    await ask(worker, { kind: "run", durationMs: Math.min(1000, durationMs) }, "done");
    const before = await target.serverCpu();
    const redisBefore = target.redisCpu();
    const report = await ask(worker, { kind: "run", durationMs }, "done");
    const used = (await target.serverCpu()) - before;
    const redisUsed = target.redisCpu() - redisBefore;
    return {
      perSecond: report.replies / (report.micros / 1e6),
      p99: report.p99,
      cpuPerRequest: used / Math.max(1, report.replies),
      redisCpuPerRequest: redisUsed / Math.max(1, report.replies),
      generatorBound: report.busy >= 0.9,
    };
  } finally {
    await stop(worker);
  }
}
