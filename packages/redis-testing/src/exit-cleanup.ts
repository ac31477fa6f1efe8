import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

const liveChildren = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let installed = false;

/**
 * Kills `child` with SIGKILL if it is still running when this process ends: a finished test file, a forgotten
 * stop(), an uncaught exception, or a SIGTERM / SIGINT / SIGHUP. Only synchronous work runs in an "exit"
 * listener, and kill() is synchronous, so this works there.
 */
export function killOnExit(child: ChildProcess): void {
  install();
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  child.once("error", () => liveChildren.delete(child));
}

/** Removes `dir` when this process ends, unless {@link forgetTempDir} is called first. */
export function removeOnExit(dir: string): void {
  install();
  tempDirs.add(dir);
}

/** The caller removed `dir` itself. */
export function forgetTempDir(dir: string): void {
  tempDirs.delete(dir);
}

function cleanUp(): void {
  for (const child of liveChildren) {
    try {
      child.kill("SIGKILL");
    } catch {
      // Already gone. A cleanup listener must not throw.
    }
  }
  liveChildren.clear();
  for (const dir of tempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A SIGKILLed server may still be writing into it; a leftover temp dir is harmless.
    }
  }
  tempDirs.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", cleanUp);
  // A signal's default action ends the process WITHOUT "exit", and that is how Vitest 4 stops its fork workers
  // (SIGTERM, then SIGKILL after 500 ms). So clean up on those signals too, then re-raise: alone, we restore
  // the default death-by-signal; next to other listeners, they decide how the process ends.
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
    const onSignal = (): void => {
      cleanUp();
      process.off(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
