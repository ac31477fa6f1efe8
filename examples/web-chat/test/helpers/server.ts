/**
 * Runs the example exactly as `pnpm start` does: `node server.js` in a child process, on a free port of
 * 127.0.0.1, with the page built by the test script's `tsup`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const exampleDir = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningServer {
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  stop(): Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  if (!existsSync(`${exampleDir}/dist/public/app.js`)) throw new Error("dist/public is missing: run `pnpm test` (which runs tsup first) or `pnpm build`");
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    cwd: exampleDir,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", REDIS_URL: "", REDIS_CLUSTER_NODES: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const match = /web chat on http:\/\/localhost:(\d+)\//.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`server.js exited with ${code} before listening`)));
  });
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
