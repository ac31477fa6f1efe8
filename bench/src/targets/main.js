// @ts-check
/**
 * A target server process: `node main.js '<json options>'`. Prints `{"port":…}` once it listens, answers the
 * bench's `usage` messages (IPC) with its CPU time and RSS, and exits on `stop`. The bench pins it to a CPU.
 */
export {};

const options = JSON.parse(process.argv[2] ?? "{}");
const rooms = /** @type {string[]} */ (options.rooms ?? []);

const target =
  options.kind === "bare-socketio"
    ? await (await import("./bare-socketio.js")).start(options)
    : options.kind === "bare-ws"
      ? await (await import("./bare-ws.js")).start(options)
      : await (await import("./chat.js")).start(options);
// Only @chat needs its rooms created first; the bare servers make them on the first join.
if ("addRooms" in target && typeof target.addRooms === "function") await target.addRooms(rooms);

process.on("message", async (/** @type {{ kind: string, gc?: boolean }} */ message) => {
  if (message.kind === "usage") {
    // RSS is read after a full collection (the bench starts targets with --expose-gc): garbage is not memory per
    // connection.
    if (message.gc) globalThis.gc?.();
    const { user, system } = process.cpuUsage();
    process.send?.({ kind: "usage", cpuMicros: user + system, rss: process.memoryUsage().rss });
  } else if (message.kind === "stop") {
    await target.close();
    process.exit(0);
  }
});
process.send?.({ kind: "listening", port: target.port });
