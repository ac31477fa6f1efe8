/**
 * Scripts for (user, room) locks: a key holding the holder's token, expiring after the TTL (PROTOCOL.md §7.5).
 * @module
 */
export const lockScripts = {
  /** ARGV: user, room, token, ttl. Returns 1 if taken (or already held by the token), 0 if another holds it. */
  acquireLock: /* lua */ `
return takeLock(ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])) and 1 or 0
`,

  /** ARGV: user, room, token. Returns 1 if the token still held the lock and released it. */
  releaseLock: /* lua */ `
local key = lockKey(ARGV[1], ARGV[2])
if redis.call("GET", key) ~= ARGV[3] then return 0 end
redis.call("DEL", key)
return 1
`,
} as const;
