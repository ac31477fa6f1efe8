/**
 * A time limit on waiting for Redis.
 * @module
 */

/**
 * Settles like `promise`, or rejects with an Error saying `what` timed out once `ms` have passed.
 *
 * ioredis's own `commandTimeout` does not cover a Cluster's offline queue, where a command waits for as long
 * as the whole cluster is unreachable, nor clients the caller configured; this bound holds for all of them.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} got no reply from Redis within ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
