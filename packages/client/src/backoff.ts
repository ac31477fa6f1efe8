/**
 * Reconnect delays: exponential backoff with full jitter, so that the clients of a restarted server do not all
 * come back in the same instant.
 * @module
 */
import type { ReconnectOptions } from "./options.js";

/**
 * The delay before reconnect attempt `attempt` (0 for the first): uniformly random in
 * `[0, min(maxDelay, initialDelay · factor^attempt))`.
 */
export function backoffDelay(attempt: number, options: Required<ReconnectOptions>, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelay, options.initialDelay * options.factor ** attempt);
  return Math.floor(random() * ceiling);
}
