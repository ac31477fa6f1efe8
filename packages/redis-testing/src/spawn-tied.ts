import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { killOnExit } from "./exit-cleanup.js";

let setprivWorks: boolean | undefined;

/**
 * Spawns `command` so that it dies with this process, however this process ends.
 *
 * {@link killOnExit} covers every ending that runs JavaScript. For the rest (SIGKILL, an OOM abort, a worker
 * SIGKILLed by Vitest after a blocked event loop) Linux can deliver a signal to a child when its parent dies:
 * `setpriv --pdeathsig KILL` (util-linux) sets that and then execs the command, so the child keeps its pid.
 * Where setpriv is missing (macOS), the command is spawned directly and killOnExit alone applies.
 */
export function spawnTied(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = canTie()
    ? spawn("setpriv", ["--pdeathsig", "KILL", command, ...args], options)
    : spawn(command, args, options);
  killOnExit(child);
  return child;
}

function canTie(): boolean {
  setprivWorks ??=
    process.platform === "linux" &&
    spawnSync("setpriv", ["--pdeathsig", "KILL", "true"], { stdio: "ignore" }).status === 0;
  return setprivWorks;
}
