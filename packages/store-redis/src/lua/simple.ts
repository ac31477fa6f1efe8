/**
 * One-command scripts. They could be plain commands, but as scripts they share the prelude's key layout, so the
 * layout is written down once.
 * @module
 */
export const simpleScripts = {
  /** ARGV: room. */
  hasRoom: `return visible(ARGV[1]) and 1 or 0`,
  /** ARGV: user. */
  hasUser: `return redis.call("EXISTS", userKey(ARGV[1]))`,
  /** ARGV: user. Tolerates concurrent creation: HSETNX creates the user or leaves it as it is. */
  ensureUser: `return redis.call("HSETNX", userKey(ARGV[1]), "whitelistOnly", "0")`,
  /** ARGV: user. Returns nil if there is no user. */
  getDirectWhitelistMode: `return redis.call("HGET", userKey(ARGV[1]), "whitelistOnly")`,
  /** ARGV: socket. Returns { user, instance } (both nil if unknown). */
  getSocket: `return redis.call("HMGET", socketKey(ARGV[1]), "user", "instance")`,
  /** ARGV: user. Flat socket → instance pairs. */
  getUserSockets: `return redis.call("HGETALL", userSocketsKey(ARGV[1]))`,
  /** ARGV: user, room. */
  getUserRoomSockets: `return redis.call("SMEMBERS", roomSocketsKey(ARGV[1], ARGV[2]))`,
  /** ARGV: instance. Flat socket → user pairs. */
  getInstanceSockets: `return redis.call("HGETALL", instanceSocketsKey(ARGV[1]))`,
  /** ARGV: instance, timestamp. */
  setInstanceHeartbeat: `return redis.call("HSET", heartbeatsKey, ARGV[1], ARGV[2])`,
  /** ARGV: instance. */
  getInstanceHeartbeat: `return redis.call("HGET", heartbeatsKey, ARGV[1])`,
  /** Flat instance → heartbeat pairs. */
  listInstances: `return redis.call("HGETALL", heartbeatsKey)`,
} as const;
