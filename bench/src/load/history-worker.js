// @ts-check
/**
 * A load-generator process for the history scenario: `node history-worker.js '<json>'` with
 * `{ protocol, ports, room, clients, window }`. It logs `clients` connections into `room`; on `fill` one of them
 * posts messages until the room has `count`; on `run` every connection keeps `window` `roomHistoryGet(room, 0, 100)`
 * requests in flight (closed loop) for `durationMs`, and it reports the replies and their latencies.
 */
import { performance } from "node:perf_hooks";
import { connect } from "./raw-connection.js";
import { LatencyHistogram } from "./latency-histogram.js";

const config = JSON.parse(process.argv[2] ?? "{}");
const ports = /** @type {number[]} */ (config.ports);
/** @type {import("./raw-connection.js").RawConnection[]} */
const connections = [];
const ignore = () => {};

async function setup() {
  for (let i = 0; i < config.clients; i++) {
    const connection = await connect(config.protocol, ports[i % ports.length], `reader-${i}`, ignore);
    await connection.request("roomJoin", [config.room]);
    connections.push(connection);
  }
}

/** @param {{ count: number }} fill */
async function fill({ count }) {
  for (let i = 0; i < count; i++) await connections[0].request("roomMessage", [config.room, { textMessage: `history message ${i}` }]);
}

/** @param {{ durationMs: number }} run */
async function run({ durationMs }) {
  const histogram = new LatencyHistogram();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let replies = 0;
  const loop = async (/** @type {import("./raw-connection.js").RawConnection} */ connection) => {
    while (performance.now() - started < durationMs) {
      const sent = performance.now();
      await connection.request("roomHistoryGet", [config.room, 0, 100]);
      histogram.add(performance.now() - sent);
      replies++;
    }
  };
  await Promise.all(connections.flatMap((connection) => Array.from({ length: config.window }, () => loop(connection))));
  const micros = (performance.now() - started) * 1000;
  const cpu = process.cpuUsage(cpuBefore);
  process.send?.({ kind: "done", replies, micros, busy: (cpu.user + cpu.system) / micros, p50: histogram.quantile(0.5), p99: histogram.quantile(0.99) });
}

process.on("message", async (/** @type {any} */ message) => {
  if (message.kind === "setup") {
    await setup();
    process.send?.({ kind: "ready" });
  } else if (message.kind === "fill") {
    await fill(message);
    process.send?.({ kind: "filled" });
  } else if (message.kind === "run") await run(message);
  else if (message.kind === "stop") {
    for (const connection of connections) connection.close();
    process.exit(0);
  }
});
