import { setTimeout as delay } from "node:timers/promises";

/** Options of {@link pollUntil}. */
export interface PollOptions {
  /** Give up after this long. */
  timeoutMs: number;
  /** Pause between attempts: short, since each attempt is a cheap local round trip. */
  intervalMs: number;
  /** Builds the timeout error's message, so it can show what was last observed. */
  describeTimeout: () => string;
}

/**
 * Calls `attempt` until it returns something other than `undefined`, and resolves that. An attempt that throws
 * ends the polling with its error, so attempts can stop early on a state that will never become ready.
 */
export async function pollUntil<T>(attempt: () => Promise<T | undefined>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() >= deadline) throw new Error(options.describeTimeout());
    await delay(options.intervalMs);
  }
}
