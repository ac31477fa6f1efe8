import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { pollUntil } from "../src/poll.js";
import { sendCommands } from "../src/resp.js";
import type { FixtureReport } from "./fixtures/report.js";

const vitestCli = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
const fixturesConfig = fileURLToPath(new URL("fixtures/vitest.config.ts", import.meta.url));
// Parent-death signals come from setpriv, which only Linux has.
const linux = process.platform === "linux";

/** Runs the fixture test files in a nested Vitest, as CI would run a test file that abandons its servers. */
async function runFixtures(reportDir: string): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST")));
  const files = linux ? [] : ["ends-without-stop"];
  const run = spawn(process.execPath, [vitestCli, "run", "--config", fixturesConfig, ...files], {
    env: { ...env, REDIS_TESTING_REPORT_DIR: reportDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  run.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  run.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise((resolve) => run.once("close", resolve));
  return output;
}

async function readReport(reportDir: string, name: string, output: string): Promise<FixtureReport> {
  const text = await readFile(join(reportDir, `${name}.json`), "utf8").catch(() => {
    throw new Error(`fixture ${name} did not report; nested vitest said:\n${output}`);
  });
  return JSON.parse(text) as FixtureReport;
}

/** Resolves once nothing accepts connections on `port`; the kill itself is asynchronous. */
async function refusesConnections(port: number): Promise<true> {
  return pollUntil(() => sendCommands(port, [["PING"]], 200).then(() => undefined, () => true as const), {
    timeoutMs: 5_000,
    intervalMs: 20,
    describeTimeout: () => `a redis-server still answers on port ${port}`,
  });
}

test("servers die with the test worker that started them, however it ends", async () => {
  const reportDir = await mkdtemp(join(tmpdir(), "chat-redis-fixtures-"));
  try {
    const output = await runFixtures(reportDir);

    // Vitest 4 ends a fork worker with SIGTERM, which skips "exit" listeners.
    const abandoned = await readReport(reportDir, "ends-without-stop", output);
    expect(await refusesConnections(abandoned.port)).toBe(true);
    expect(existsSync(abandoned.dir)).toBe(false);

    if (linux) {
      const killed = await readReport(reportDir, "worker-sigkilled", output);
      expect(await refusesConnections(killed.port)).toBe(true);
      await rm(killed.dir, { recursive: true, force: true }); // nothing ran to remove it
    }
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
});
