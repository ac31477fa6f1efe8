// @ts-check
/**
 * `pnpm bench [--quick] [--only <substring>]`: runs every scenario against every target, each server pinned to
 * CPU 0 (with its redis-server), the load generator on CPU 1, and prints a table of each figure with its ratio to
 * the bare server of the same transport, measured in this run. Results also go to bench/results/latest.json.
 *
 * Scenarios so far: fan-out. (connect and history are still to come.)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { canPin, nextMessage, spawnPinned, stop } from "./processes.js";
import { startRedisServer } from "./redis-server.js";
import { fanout } from "./scenarios/fanout.js";
import { targets } from "./targets/catalog.js";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, only: { type: "string" } } });
const quick = values.quick ?? false;
const targetScript = fileURLToPath(new URL("./targets/main.js", import.meta.url));
const SERVER_CPU = 0;
const GENERATOR_CPU = 1;

const config = quick
  ? { rooms: 10, members: 20, commonRate: 20_000, growth: 1.6, maxSteps: 7, durationMs: 1500 }
  : { rooms: 20, members: 25, commonRate: 20_000, growth: 1.25, maxSteps: 14, durationMs: 5000 };
const roomNames = Array.from({ length: config.rooms }, (_, i) => `room-${i}`);

/** @type {{ scenario: string, target: string, metric: string, value: number, ceiling: number | null, ratio: number | null }[]} */
const results = [];
/** @type {Map<string, Record<string, number>>} */
const byTarget = new Map();

for (const spec of targets.filter((t) => !values.only || t.name.includes(values.only))) {
  const redis = spec.store === "redis" ? await startRedisServer(SERVER_CPU) : undefined;
  const child = spawnPinned(targetScript, { kind: spec.kind, transport: spec.protocol, store: spec.store, redisUrl: redis?.url, rooms: roomNames, port: 0 }, SERVER_CPU);
  try {
    const { port } = await nextMessage(child, "listening");
    process.stderr.write(`fan-out: ${spec.name} …\n`);
    const outcome = await fanout({ target: { child, port, protocol: spec.protocol, redisPid: redis?.pid }, generatorCpu: GENERATOR_CPU, config, roomNames });
    const figures = {
      "fan-out max delivered/s": outcome.maxDelivered,
      "fan-out server CPU µs/delivery": outcome.common.serverCpuPerDelivery,
      [`fan-out p50 ms @${config.commonRate}/s`]: outcome.common.p50,
      [`fan-out p99 ms @${config.commonRate}/s`]: outcome.common.p99,
    };
    byTarget.set(spec.name, figures);
    if (outcome.generatorBound) process.stderr.write(`  note: the load generator reached 90% CPU: ${spec.name}'s ceiling is the generator's\n`);
    for (const step of outcome.steps) {
      process.stderr.write(`  offered ${Math.round(step.offered)}/s → ${Math.round(step.delivered)}/s delivered (${(step.ratio * 100).toFixed(1)}%), p99 ${step.p99} ms, server ${step.serverCpuPerDelivery.toFixed(2)} µs/delivery, generator ${(step.generatorBusy * 100).toFixed(0)}%\n`);
    }
    const baseline = spec.baseline ? byTarget.get(spec.baseline) : undefined;
    for (const [metric, value] of Object.entries(figures)) {
      const ceiling = baseline?.[metric] ?? null;
      results.push({ scenario: "fan-out", target: spec.name, metric, value, ceiling, ratio: ceiling ? value / ceiling : null });
    }
  } finally {
    await stop(child);
    await redis?.stop();
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
