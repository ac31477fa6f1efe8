// @ts-check
/**
 * `pnpm bench [--quick] [--only <substring>] [--scenario fan-out|connect|history] [--profile <dir>]`: runs the
 * scenarios against every target, each target's server processes (and redis-server) pinned to CPU 0 and the load
 * generator to CPU 1, a fresh target per measurement (connect, in the full run: three interleaved rounds over all
 * targets, medians reported). Prints a table of each figure with its ratio to the bare server of the same transport
 * measured in this run, and writes the same list to bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { medianOf } from "./median.js";
import { canPin } from "./processes.js";
import { connectScenario } from "./scenarios/connect.js";
import { fanout } from "./scenarios/fanout.js";
import { historyScenario } from "./scenarios/history.js";
import { targets } from "./targets/catalog.js";
import { launchTarget } from "./targets/launch.js";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    scenario: { type: "string" },
    profile: { type: "string" },
  },
});
const quick = values.quick ?? false;
const SERVER_CPU = 0;
const GENERATOR_CPU = 1;

const fanoutConfig = quick
  ? { rooms: 10, members: 20, commonRate: 50_000, growth: 1.6, maxSteps: 6, durationMs: 1000, refineSteps: 2 }
  : { rooms: 20, members: 25, commonRate: 50_000, growth: 1.25, maxSteps: 12, durationMs: 5000, refineSteps: 3, confirmFailures: true, commonRepeats: 3 };
const connectConfig = quick ? { count: 800, concurrency: 50 } : { count: 4000, concurrency: 100 };
// Connect rates drift by ±15% within a minute on a shared VM, so the full run measures every target three times in
// interleaved rounds (each with a fresh server) and reports each figure's median.
const connectRounds = quick ? 1 : 3;
const historyDurationMs = quick ? 1000 : 5000;
const roomNames = Array.from({ length: fanoutConfig.rooms }, (_, i) => `room-${i}`);

/** @typedef {{ scenario: string, target: string, metric: string, value: number, ceiling: number | null, ratio: number | null }} Result */
/** @type {Result[]} */
const results = [];
/** @type {Map<string, number>} scenario|target|metric → value, for the ratios */
const measured = new Map();
const log = (/** @type {string} */ line) => process.stderr.write(`${line}\n`);

/**
 * @param {string} scenario
 * @param {import("./targets/catalog.js").TargetSpec} spec
 * @param {Record<string, number>} figures
 */
function record(scenario, spec, figures) {
  for (const [metric, value] of Object.entries(figures)) {
    measured.set(`${scenario}|${spec.name}|${metric}`, value);
    const ceiling = spec.baseline ? (measured.get(`${scenario}|${spec.baseline}|${metric}`) ?? null) : null;
    results.push({ scenario, target: spec.name, metric, value, ceiling, ratio: ceiling ? value / ceiling : null });
  }
}

/** @param {string} name */
const wanted = (name) => !values.scenario || values.scenario === name;

const selected = targets.filter((t) => !values.only || t.name.includes(values.only));

/**
 * One connect measurement of a target, on a fresh server.
 * @param {import("./targets/catalog.js").TargetSpec} spec
 */
async function measureConnect(spec) {
  const target = await launchTarget(spec, { cpu: SERVER_CPU, rooms: roomNames, profileDir: values.profile });
  try {
    const outcome = await connectScenario({ target, generatorCpu: GENERATOR_CPU, ...connectConfig, roomNames });
    if (outcome.generatorBound) log(`  note: the load generator reached 90% CPU: connections/s is the generator's`);
    log(`  ${Math.round(outcome.perSecond)}/s, server ${outcome.cpuPerConnection.toFixed(0)} µs/connection${spec.store === "redis" ? ` (redis-server ${outcome.redisCpuPerConnection.toFixed(0)})` : ""}, ${(outcome.rssPerConnection / 1024).toFixed(2)} KiB/connection`);
    return outcome;
  } finally {
    await target.stop();
  }
}

for (const spec of selected) {
  if (wanted("fan-out")) {
    log(`fan-out: ${spec.name} …`);
    const target = await launchTarget(spec, { cpu: SERVER_CPU, rooms: roomNames, profileDir: values.profile });
    try {
      const outcome = await fanout({ target, generatorCpu: GENERATOR_CPU, config: fanoutConfig, roomNames });
      for (const step of outcome.steps) {
        log(`  offered ${Math.round(step.offered)}/s → ${Math.round(step.delivered)}/s (${(step.ratio * 100).toFixed(1)}%), p99 ${step.p99} ms, server ${step.serverCpuPerDelivery.toFixed(2)} µs/delivery${step.redisCpuPerDelivery > 0 ? ` (redis-server ${step.redisCpuPerDelivery.toFixed(2)})` : ""}, generator ${(step.generatorBusy * 100).toFixed(0)}%`);
      }
      if (outcome.generatorBound) log(`  note: the load generator reached 90% CPU: this ceiling is the generator's`);
      record("fan-out", spec, {
        "max delivered/s": outcome.maxDelivered,
        "server CPU µs/delivery": outcome.common.serverCpuPerDelivery,
        [`p50 ms @${fanoutConfig.commonRate}/s`]: outcome.common.p50,
        [`p99 ms @${fanoutConfig.commonRate}/s`]: outcome.common.p99,
      });
    } finally {
      await target.stop();
    }
  }
  if (wanted("history") && spec.history) {
    log(`history: ${spec.name} …`);
    const target = await launchTarget(spec, { cpu: SERVER_CPU, rooms: roomNames, profileDir: values.profile });
    try {
      const outcome = await historyScenario({ target, generatorCpu: GENERATOR_CPU, durationMs: historyDurationMs, room: roomNames[0] });
      if (outcome.generatorBound) log(`  note: the load generator reached 90% CPU`);
      record("history", spec, {
        "requests/s": outcome.perSecond,
        "p99 ms": outcome.p99,
        "server CPU µs/request": outcome.cpuPerRequest,
        ...(spec.store === "redis" ? { "of which redis-server µs/request": outcome.redisCpuPerRequest } : {}),
      });
    } finally {
      await target.stop();
    }
  }
}

if (wanted("connect")) {
  /** @type {Map<string, Awaited<ReturnType<typeof measureConnect>>[]>} */
  const samples = new Map(selected.map((spec) => [spec.name, []]));
  for (let round = 1; round <= connectRounds; round++) {
    for (const spec of selected) {
      log(`connect: ${spec.name}${connectRounds > 1 ? ` (round ${round} of ${connectRounds})` : ""} …`);
      samples.get(spec.name)?.push(await measureConnect(spec));
    }
  }
  for (const spec of selected) {
    const outcomes = samples.get(spec.name) ?? [];
    record("connect", spec, {
      "connections/s": medianOf(outcomes.map((outcome) => outcome.perSecond)),
      "server CPU µs/connection": medianOf(outcomes.map((outcome) => outcome.cpuPerConnection)),
      ...(spec.store === "redis" ? { "of which redis-server µs/connection": medianOf(outcomes.map((outcome) => outcome.redisCpuPerConnection)) } : {}),
      "RSS KiB/connection": medianOf(outcomes.map((outcome) => outcome.rssPerConnection)) / 1024,
    });
  }
}

const format = (/** @type {number} */ n) => (n >= 100 ? String(Math.round(n)) : n.toFixed(2));
console.log(`\nmachine: ${cpus()[0]?.model ?? "?"} × ${cpus().length}, node ${process.version}, ${canPin ? "servers on CPU 0, generator on CPU 1" : "not pinned"}${quick ? ", --quick" : ""}`);
console.log("| scenario | target | metric | value | bare | ratio |\n| --- | --- | --- | --- | --- | --- |");
for (const r of results) {
  console.log(`| ${r.scenario} | ${r.target} | ${r.metric} | ${format(r.value)} | ${r.ceiling === null ? "" : format(r.ceiling)} | ${r.ratio === null ? "" : `${r.ratio.toFixed(2)}×`} |`);
}
const resultsDir = fileURLToPath(new URL("../results/", import.meta.url));
mkdirSync(resultsDir, { recursive: true });
writeFileSync(`${resultsDir}latest.json`, `${JSON.stringify(results, null, 2)}\n`);
