/**
 * Scripts for users: existence and direct-messaging state.
 * @module
 */
export const userScripts = {
  /** ARGV: user, whitelistOnly, whitelist JSON, blacklist JSON. Returns 1, or 0 if the user exists. */
  addUser: /* lua */ `
local u = ARGV[1]
if userExists(u) then return 0 end
redis.call("HSET", userKey(u), "whitelistOnly", ARGV[2])
for _, name in ipairs(cjson.decode(ARGV[3])) do redis.call("SADD", userListKey("whitelist", u), name) end
for _, name in ipairs(cjson.decode(ARGV[4])) do redis.call("SADD", userListKey("blacklist", u), name) end
return 1
`,

  /** ARGV: user. Returns "ok", "noUser" or "online". */
  removeUser: /* lua */ `
local u = ARGV[1]
if not userExists(u) then return "noUser" end
if redis.call("HLEN", userSocketsKey(u)) > 0 then return "online" end
redis.call("DEL", userKey(u), userListKey("whitelist", u), userListKey("blacklist", u))
return "ok"
`,

  /** ARGV: user, mode ("1"/"0"). Returns 0 if there is no user. */
  setDirectWhitelistMode: /* lua */ `
local u = ARGV[1]
if not userExists(u) then return 0 end
redis.call("HSET", userKey(u), "whitelistOnly", ARGV[2])
return 1
`,

  /** ARGV: recipient, hasSender ("1"/"0"), sender. Returns nil, or { whitelistOnly, inWhitelist, inBlacklist, nconnected }. */
  getDirectAccess: /* lua */ `
local u, sender = ARGV[1], ARGV[3]
if not userExists(u) then return false end
local function has(list)
  if ARGV[2] ~= "1" then return 0 end
  return redis.call("SISMEMBER", userListKey(list, u), sender)
end
return { redis.call("HGET", userKey(u), "whitelistOnly"), has("whitelist"), has("blacklist"), redis.call("HLEN", userSocketsKey(u)) }
`,
} as const;
