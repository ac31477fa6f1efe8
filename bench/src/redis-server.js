// @ts-check
/** A throwaway redis-server on a free port for the Redis targets (never the machine's own on 6379). */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { once } from "node:events";

async function freePort() {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  server.close();
  return port;
}

/** @param {number} cpu the CPU redis-server shares with the server under test (its cost is the store's) */
export async function startRedisServer(cpu) {
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const child = spawn("taskset", ["-c", String(cpu), "redis-server", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      if (String(chunk).includes("Ready to accept connections")) resolve(undefined);
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: /** @type {number} */ (child.pid),
    stop: async () => {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}
