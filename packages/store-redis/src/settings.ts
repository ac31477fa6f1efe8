/**
 * Settings the store and the bus share: the package name in errors, the prefix rule, the reconnection delays.
 * @module
 */

/** The name every error of this package starts with. */
export const packageName = "@chat/store-redis";

/**
 * The `prefix` option of the store and the bus: it becomes the hash tag `{<prefix>}`, so it must be non-empty
 * and free of braces. @throws Error naming the package and the option (`name`, as the caller words it) otherwise.
 */
export function validPrefix(value: unknown, name: "prefix" | "redisBus prefix"): string {
  if (value === undefined) return "chat";
  if (typeof value === "string" && value.length > 0 && !/[{}]/.test(value)) return value;
  throw new Error(`${packageName}: ${name} must be a non-empty string without { or }, got ${JSON.stringify(value)}`);
}

/**
 * Reconnection delays of a single-Redis connection the package opens: 50, 100, 200… ms, at most 1 s apart
 * (ioredis's own default grows to 5 s), so that service resumes within about a second of Redis coming back —
 * and a bus subscriber, which misses what is published while it is away, is away briefly.
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(50 * 2 ** (attempt - 1), 1000);
}
