// @ts-check
/**
 * A load-generator process for the connect scenario: `node connect-worker.js '<json>'` with
 * `{ protocol, ports, rooms, userPrefix }`. On `run` it opens `count` connections with at most `concurrency`
 * handshakes in flight, each logging in and joining a room, and reports how long that took. The connections stay
 * open (the server's memory per connection is measured with them) until `stop`.
 */
import { performance } from "node:perf_hooks";
import { connect } from "./raw-connection.js";

const config = JSON.parse(process.argv[2] ?? "{}");
const ports = /** @type {number[]} */ (config.ports);
const rooms = /** @type {string[]} */ (config.rooms);
/** @type {import("./raw-connection.js").RawConnection[]} */
const connections = [];
const ignore = () => {};

/** @param {{ count: number, concurrency: number, batch: number }} run */
async function run({ count, concurrency, batch }) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      const user = `${config.userPrefix}-${batch}-${index}`;
      const connection = await connect(config.protocol, ports[index % ports.length], user, ignore);
      await connection.request("roomJoin", [rooms[index % rooms.length]]);
      connections.push(connection);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const micros = (performance.now() - started) * 1000;
  const cpu = process.cpuUsage(cpuBefore);
  process.send?.({ kind: "done", micros, busy: (cpu.user + cpu.system) / micros });
}

process.on("message", async (/** @type {any} */ message) => {
  if (message.kind === "run") await run(message);
  else if (message.kind === "stop") {
    for (const connection of connections) connection.close();
    process.exit(0);
  }
});
