import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";

const here = fileURLToPath(new URL("..", import.meta.url));
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null) continue;
    child.kill("SIGTERM");
    await once(child, "exit");
  }
});

function run(script: string, env: Record<string, string>, args: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [script, ...args], { cwd: here, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return child;
}

/** Resolves with the first stdout line matching `pattern`. */
function lineMatching(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const match = line.match(pattern);
      if (match) resolve(match);
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code} before printing ${pattern}`)));
  });
}

it("the server serves the client of the quickstart, and Hello! comes back as message 1", async () => {
  const server = run("server.js", { PORT: "0" });
  const [, port] = await lineMatching(server, /listening on ws:\/\/localhost:(\d+)\//);

  const client = run("client.js", { PORT: port! }, ["alice"]);
  const ack = lineMatching(client, /^ack: (.*)$/);
  const [, message] = await lineMatching(client, /^roomMessage: (.*)$/);
  expect(JSON.parse((await ack)[1]!)).toEqual([null, 1]);
  const [room, received] = JSON.parse(message!);
  expect(room).toBe("default");
  expect(received).toEqual({ textMessage: "Hello!", author: "alice", timestamp: expect.any(Number), id: 1 });
  const [code] = await once(client, "exit");
  expect(code).toBe(0);
});
