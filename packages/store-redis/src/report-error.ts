/**
 * The default `onError` of the store and the bus.
 * @module
 */

/** A repeated message is logged again only after this long. */
const repeatAfterMs = 30_000;
/** Bounds the memory of messages already logged. */
const rememberedMessages = 100;

/**
 * Creates an error reporter that logs with `console.warn`. While Redis is unreachable the same connection error
 * comes back at every reconnection attempt (on a Cluster failover, dozens a second), so each distinct message is
 * logged at most once every 30 s: the outage shows in the log without flooding it.
 */
export function throttledWarning(source: "redisStore" | "redisBus"): (error: Error) => void {
  const loggedAt = new Map<string, number>();
  return (error) => {
    const now = Date.now();
    const last = loggedAt.get(error.message);
    if (last !== undefined && now - last < repeatAfterMs) return;
    if (loggedAt.size >= rememberedMessages) loggedAt.clear();
    loggedAt.set(error.message, now);
    console.warn(`[@chat/store-redis] ${source}: ${error.message}`);
  };
}
