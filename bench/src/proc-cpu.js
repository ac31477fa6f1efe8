// @ts-check
/** CPU time of another process from /proc (clock ticks, 100 per second on Linux): for redis-server. */
import { readFileSync } from "node:fs";

/** @param {number} pid @returns {number} microseconds of user + system time */
export function processCpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}
