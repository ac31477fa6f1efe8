// @ts-check
/**
 * A load-generator process for the fan-out scenario: `node fanout-worker.js '<json>'` with
 * `{ protocol, ports, rooms, members, userPrefix }`. It logs `members` raw connections into each of its rooms,
 * member i on instance `ports[i % ports.length]`; the first member of each room is its sender. On `step` messages (IPC) it sends paced, open-loop messages stamped
 * with the step and send time, and reports what its members received: count and latency histogram, plus its own
 * CPU time, so the bench can tell when the generator is the bottleneck.
 */
import { performance } from "node:perf_hooks";
import { connect } from "./raw-connection.js";
import { LatencyHistogram } from "./latency-histogram.js";

const config = JSON.parse(process.argv[2] ?? "{}");
const { protocol, members, userPrefix } = config;
const ports = /** @type {number[]} */ (config.ports);
const rooms = /** @type {string[]} */ (config.rooms);
const now = () => performance.timeOrigin + performance.now();
const MARK = Buffer.from('"textMessage":"');
const COLON = 0x3a;
const QUOTE = 0x22;

let currentStep = -1;
let histogram = new LatencyHistogram();

/** Counts a delivery of the current step; ignores stragglers of earlier steps. Reads the frame's bytes in place. */
function onNotification(/** @type {Buffer} */ payload) {
  const at = payload.indexOf(MARK);
  if (at < 0) return;
  const start = at + MARK.length;
  const colon = payload.indexOf(COLON, start);
  let step = 0;
  for (let i = start; i < colon; i++) step = step * 10 + payload[i] - 48;
  if (step !== currentStep) return;
  const sentAt = Number(payload.toString("latin1", colon + 1, payload.indexOf(QUOTE, colon)));
  histogram.add(now() - sentAt);
}

/** @type {{ room: string, sender: import("./raw-connection.js").RawConnection }[]} */
const senders = [];
/** @type {import("./raw-connection.js").RawConnection[]} */
const connections = [];

async function setup() {
  let next = 0;
  const jobs = rooms.flatMap((room) => Array.from({ length: members }, (_, member) => ({ room, member })));
  // Bounded concurrency: a burst of hundreds of handshakes is the connect scenario's business, not this one's.
  const lane = async () => {
    while (next < jobs.length) {
      const { room, member } = jobs[next++];
      const connection = await connect(protocol, ports[member % ports.length], `${userPrefix}-${room}-${member}`, onNotification);
      await connection.request("roomJoin", [room]);
      connections.push(connection);
      if (member === 0) senders.push({ room, sender: connection });
    }
  };
  await Promise.all(Array.from({ length: 20 }, lane));
}

/** @param {{ step: number, ratePerRoom: number, durationMs: number, graceMs: number }} step */
async function runStep({ step, ratePerRoom, durationMs, graceMs }) {
  currentStep = step;
  histogram = new LatencyHistogram();
  const cpuBefore = process.cpuUsage();
  const started = now();
  let sentPerRoom = 0;
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = now() - started;
      const due = Math.floor((Math.min(elapsed, durationMs) / 1000) * ratePerRoom);
      for (; sentPerRoom < due; sentPerRoom++) {
        for (const { room, sender } of senders) {
          const text = `["${room}",{"textMessage":"${step}:${now()}"}]`;
          sender.sendRaw(sender.encode("roomMessage", text, sender.nextAckId()));
        }
      }
      if (elapsed >= durationMs) {
        clearInterval(timer);
        resolve(undefined);
      }
    }, 2);
  });
  const cpuSend = process.cpuUsage(cpuBefore);
  await new Promise((resolve) => setTimeout(resolve, graceMs));
  const cpu = process.cpuUsage(cpuBefore);
  process.send?.({
    kind: "report",
    sent: sentPerRoom * senders.length,
    expected: sentPerRoom * senders.length * members,
    delivered: histogram.count,
    buckets: Array.from(histogram.buckets),
    cpuMicros: cpu.user + cpu.system,
    sendPhaseCpuMicros: cpuSend.user + cpuSend.system,
    sendPhaseMicros: durationMs * 1000,
  });
}

process.on("message", async (/** @type {any} */ message) => {
  if (message.kind === "setup") {
    await setup();
    process.send?.({ kind: "ready" });
  } else if (message.kind === "step") {
    await runStep(message);
  } else if (message.kind === "stop") {
    for (const connection of connections) connection.close();
    process.exit(0);
  }
});
