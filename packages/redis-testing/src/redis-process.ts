import type { ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { pollUntil } from "./poll.js";
import { infoField, sendCommands } from "./resp.js";
import { spawnTied } from "./spawn-tied.js";

/** How long a server may take to answer PING, AOF loading included. Generous for a loaded 2-core CI runner. */
const READY_TIMEOUT_MS = 15_000;
/** How long a SIGTERMed server may take to shut down before it is SIGKILLed. */
const STOP_TIMEOUT_MS = 10_000;

/** One run of redis-server: from spawn to exit. A restart is a new RedisProcess. */
export interface RedisProcess {
  readonly pid: number | undefined;
  /** Resolves once the process is gone (or failed to spawn). */
  readonly exited: Promise<void>;
  hasExited(): boolean;
  /** Sends `signal` (unless it has exited) and resolves once it is gone. SIGTERM escalates to SIGKILL after 10 s. */
  terminate(signal: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** The tail of the server's log, for error messages. */
  logTail(): string;
}

/**
 * Spawns redis-server with `args`, its stdout and stderr appended to `<dir>/redis.log`.
 *
 * Writing to a file rather than a pipe means no stream has to be drained, the log survives restarts for
 * post-mortems, and nothing but the child handle itself is left to unref.
 */
export function spawnRedisProcess(dir: string, args: readonly string[]): RedisProcess {
  const logPath = join(dir, "redis.log");
  const logFd = openSync(logPath, "a");
  let child: ChildProcess;
  try {
    child = spawnTied("redis-server", args, { stdio: ["ignore", logFd, logFd] });
  } finally {
    closeSync(logFd); // the child holds its own copy
  }
  // An idle server must not keep a test process alive: a forgotten stop() is cleaned up on exit instead.
  child.unref();

  let gone = false;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", (error) => {
      spawnError = error;
      resolve();
    });
  }).then(() => {
    gone = true;
  });

  const logTail = (): string => {
    if (spawnError) return `could not run redis-server (is it on PATH?): ${spawnError.message}`;
    try {
      return readFileSync(logPath, "utf8").slice(-4_000);
    } catch {
      return "(no log)";
    }
  };

  return {
    pid: child.pid,
    exited,
    hasExited: () => gone,
    logTail,
    async terminate(signal) {
      if (gone) return;
      child.ref(); // someone awaits this exit: the process must not end first
      child.kill(signal);
      if (signal === "SIGKILL") return exited;
      const abort = new AbortController();
      const timedOut = delay(STOP_TIMEOUT_MS, true, { signal: abort.signal }).catch(() => false);
      const slow = await Promise.race([exited.then(() => false), timedOut]);
      abort.abort();
      if (slow) child.kill("SIGKILL");
      return exited;
    },
  };
}

/** What {@link waitUntilReady} found. */
export type ReadyResult = "ready" | "port-taken";

/**
 * Polls `port` until THIS process answers `+PONG` (a server still loading its AOF answers `-LOADING`).
 *
 * The INFO `process_id` check matters: when another process grabs our port first, our server exits with
 * "Address already in use" while the other one would happily answer PING. That case, and an early exit for the
 * same reason, yield "port-taken" (the process is then gone) so the caller can retry. Anything else throws
 * with the server's log.
 */
export async function waitUntilReady(redis: RedisProcess, port: number): Promise<ReadyResult> {
  const result = await pollUntil<ReadyResult | "other-server">(
    async () => {
      if (redis.hasExited()) {
        const log = redis.logTail();
        if (log.includes("Address already in use")) return "port-taken";
        throw new Error(`redis-server on port ${port} exited before it was ready:\n${log}`);
      }
      try {
        const [pong, info] = await sendCommands(port, [["PING"], ["INFO", "server"]]);
        if (pong !== "PONG") return undefined;
        return infoField(info, "process_id") === String(redis.pid) ? "ready" : "other-server";
      } catch {
        return undefined; // not listening yet
      }
    },
    {
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 10,
      describeTimeout: () =>
        `redis-server on port ${port} did not answer PING within ${READY_TIMEOUT_MS} ms:\n${redis.logTail()}`,
    },
  ).catch(async (error: unknown) => {
    await redis.terminate("SIGKILL");
    throw error;
  });
  if (result === "other-server") {
    await redis.terminate("SIGKILL");
    return "port-taken";
  }
  return result;
}
