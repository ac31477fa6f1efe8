// @ts-check
/**
 * Child processes of the bench, each pinned to one CPU with `taskset` where the machine has several, and talked
 * to over Node's IPC channel (which `taskset`, exec'ing node in place, passes through).
 */
import { spawn, execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";

/** Whether processes can be pinned: `taskset` exists and there are at least two CPUs. */
export const canPin = (() => {
  if (availableParallelism() < 2) return false;
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/**
 * Starts `node script arg` pinned to `cpu` (when pinning is possible).
 * @param {string} script
 * @param {unknown} options passed as one JSON argument
 * @param {number} cpu
 * @param {string[]} [nodeFlags]
 */
export function spawnPinned(script, options, cpu, nodeFlags = []) {
  const node = [process.execPath, ...nodeFlags, script, JSON.stringify(options)];
  const [command, ...args] = canPin ? ["taskset", "-c", String(cpu), ...node] : node;
  const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return child;
}

/**
 * Resolves with the child's next IPC message of `kind`; rejects if the child exits first.
 * @param {import("node:child_process").ChildProcess} child
 * @param {string} kind
 * @returns {Promise<any>}
 */
export function nextMessage(child, kind) {
  return new Promise((resolve, reject) => {
    const onMessage = (/** @type {any} */ message) => {
      if (message?.kind !== kind) return;
      cleanup();
      resolve(message);
    };
    const onExit = (/** @type {number | null} */ code) => {
      cleanup();
      reject(new Error(`process exited (${code}) before sending ${kind}`));
    };
    const cleanup = () => {
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

/**
 * Sends `message` and waits for the answer of `kind`.
 * @param {import("node:child_process").ChildProcess} child
 * @param {object} message
 * @param {string} kind
 */
export function ask(child, message, kind) {
  const answer = nextMessage(child, kind);
  child.send(message);
  return answer;
}

/** Stops a child: asks it, then kills it if it lingers. @param {import("node:child_process").ChildProcess} child */
export async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.send({ kind: "stop" });
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
}
