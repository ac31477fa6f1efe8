// @ts-check
/**
 * Fan-out: R rooms × U members, one paced open-loop sender per room. The offered rate steps up until a step
 * fails (p99 latency > 250 ms or < 95% delivered) or the generator saturates; the ceiling is the highest delivered
 * rate of a passing step. The first step runs at the common rate every target gets, for CPU per delivery and
 * latencies at equal load.
 */
import { fileURLToPath } from "node:url";
import { median } from "../median.js";
import { ask, spawnPinned, stop } from "../processes.js";
import { LatencyHistogram } from "../load/latency-histogram.js";

const workerScript = fileURLToPath(new URL("../load/fanout-worker.js", import.meta.url));

/**
 * @typedef {object} FanoutConfig
 * @property {number} rooms
 * @property {number} members
 * @property {number} commonRate deliveries/s of the first step
 * @property {number} growth factor between steps
 * @property {number} maxSteps
 * @property {number} durationMs per step
 * @property {number} [refineSteps] bisection steps between the last passing and the first failing rate
 * @property {number} [commonRepeats] how many times the common rate is measured (the median is reported)
 * @property {boolean} [confirmFailures] run a failing rate once more; it fails only if it fails again
 */

/**
 * @param {{ target: import("../targets/launch.js").RunningTarget, generatorCpu: number, config: FanoutConfig, roomNames: string[] }} run
 */
export async function fanout({ target, generatorCpu, config, roomNames }) {
  const worker = spawnPinned(workerScript, { protocol: target.protocol, ports: target.ports, rooms: roomNames, members: config.members, userPrefix: "u" }, generatorCpu);
  try {
    await ask(worker, { kind: "setup" }, "ready");
    const serverCpu = target.serverCpu;
    /** @type {{ offered: number, delivered: number, ratio: number, p50: number, p99: number, serverCpuPerDelivery: number, redisCpuPerDelivery: number, generatorBusy: number, pass: boolean }[]} */
    const steps = [];
    // Warm-up at the common rate, not recorded: the first seconds of a process are JIT compilation.
    await ask(worker, { kind: "step", step: 1_000_000, ratePerRoom: config.commonRate / (config.rooms * config.members), durationMs: config.durationMs, graceMs: 500 }, "report");
    let stepNumber = 0;
    /** Runs one step at `rate` deliveries/s and records it. */
    const runStep = async (/** @type {number} */ rate) => {
      const step = stepNumber++;
      const ratePerRoom = rate / (config.rooms * config.members);
      const before = await serverCpu();
      const redisBefore = target.redisCpu();
      const report = await ask(worker, { kind: "step", step, ratePerRoom, durationMs: config.durationMs, graceMs: 500 }, "report");
      const used = (await serverCpu()) - before;
      const redisUsed = target.redisCpu() - redisBefore;
      const histogram = new LatencyHistogram();
      histogram.merge(report);
      const delivered = report.delivered / (config.durationMs / 1000);
      const ratio = report.expected === 0 ? 0 : report.delivered / report.expected;
      const p99 = histogram.quantile(0.99);
      const generatorBusy = report.sendPhaseCpuMicros / report.sendPhaseMicros;
      const pass = ratio >= 0.95 && p99 <= 250;
      const result = { offered: rate, delivered, ratio, p50: histogram.quantile(0.5), p99, serverCpuPerDelivery: used / Math.max(1, report.delivered), redisCpuPerDelivery: redisUsed / Math.max(1, report.delivered), generatorBusy, pass };
      steps.push(result);
      return result;
    };
    /**
     * A rate fails only if it fails twice in a row when `config.confirmFailures` is set: on a shared virtual
     * machine a neighbour's burst can push one step's p99 over the limit (seen: 389 ms at a rate that passed with
     * 53 ms just below it), and one such spike would set the ceiling of that target alone.
     */
    const tryRate = async (/** @type {number} */ rate) => {
      const result = await runStep(rate);
      if (result.pass || !config.confirmFailures || result.generatorBusy >= 0.9) return result;
      return runStep(rate);
    };
    // The common rate's CPU per delivery moves by ±20% between single runs on a shared VM: in the full run it is
    // measured `commonRepeats` times and the median is reported (the loop below runs it once more).
    for (let k = 1; k < (config.commonRepeats ?? 1); k++) await runStep(config.commonRate);
    const commonSamples = steps.length + 1;
    let rate = config.commonRate;
    let lastPass = 0;
    let firstFail = 0;
    for (let k = 0; k < config.maxSteps; k++) {
      const result = await tryRate(rate);
      if (result.generatorBusy >= 0.9) break;
      if (!result.pass) {
        firstFail = rate;
        break;
      }
      lastPass = rate;
      rate *= config.growth;
    }
    // Between the last passing and the first failing rate, bisect (geometrically) to narrow the ceiling.
    for (let k = 0; k < (config.refineSteps ?? 0) && lastPass > 0 && firstFail > 0; k++) {
      const middle = Math.sqrt(lastPass * firstFail);
      const result = await tryRate(middle);
      if (result.generatorBusy >= 0.9) break;
      if (result.pass) lastPass = middle;
      else firstFail = middle;
    }
    const passing = steps.filter((s) => s.pass);
    const best = passing.reduce((top, s) => (s.delivered > top.delivered ? s : top), { delivered: 0, generatorBusy: 0 });
    return {
      maxDelivered: best.delivered,
      // The ceiling is the generator's, not the server's, when the generator was that busy.
      generatorBound: steps.some((s) => s.generatorBusy >= 0.9),
      common: median(steps.slice(0, commonSamples), (s) => s.serverCpuPerDelivery),
      steps,
    };
  } finally {
    await stop(worker);
  }
}
