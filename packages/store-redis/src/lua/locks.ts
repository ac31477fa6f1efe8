/**
 * Scripts for (user, room) locks: a key holding the holder's token, expiring after the TTL (PROTOCOL.md §7.5).
 * @module
 */
export const lockScripts = {
  /** ARGV: user, room, token, ttl. Returns 1 if taken (or already held by the token), 0 if another holds it. */
  acquireLock: /* lua */ `
local key, token, ttl = lockKey(ARGV[1], ARGV[2]), ARGV[3], tonumber(ARGV[4])
local held = redis.call("GET", key)
if held and held ~= token then return 0 end
-- A TTL of 0 makes a lock that expires at once: taking it succeeds, and it holds nothing.
if ttl > 0 then redis.call("SET", key, token, "PX", int(ttl)) else redis.call("DEL", key) end
return 1
`,

  /** ARGV: user, room, token. Returns 1 if the token still held the lock and released it. */
  releaseLock: /* lua */ `
local key = lockKey(ARGV[1], ARGV[2])
if redis.call("GET", key) ~= ARGV[3] then return 0 end
redis.call("DEL", key)
return 1
`,
} as const;
