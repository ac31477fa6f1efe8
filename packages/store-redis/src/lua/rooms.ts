/**
 * Scripts for rooms: creation, hiding, removal, settings, access lists, seen timestamps.
 * @module
 */
export const roomScripts = {
  /** ARGV: room, hasOwner ("1"/"0"), owner, whitelistOnly, enableAccessListsUpdates, enableUserlistUpdates,
   *  historyMaxSize, adminlist JSON, whitelist JSON, blacklist JSON. Returns 1, or 0 if the name is taken. */
  addRoom: /* lua */ `
local r = ARGV[1]
-- A hidden room still holds its name: it is being torn down, and a new room must not inherit its leftovers.
if redis.call("EXISTS", roomKey(r)) == 1 then return 0 end
redis.call("HSET", roomKey(r), "state", "visible", "whitelistOnly", ARGV[4], "enableAccessListsUpdates", ARGV[5],
  "enableUserlistUpdates", ARGV[6], "historyMaxSize", ARGV[7], "lastMessageId", 0)
if ARGV[2] == "1" then redis.call("HSET", roomKey(r), "owner", ARGV[3]) end
local lists = { adminlist = ARGV[8], whitelist = ARGV[9], blacklist = ARGV[10] }
for list, encoded in pairs(lists) do
  for _, name in ipairs(cjson.decode(encoded)) do redis.call("SADD", roomListKey(list, r), name) end
end
return 1
`,

  /** ARGV: room. Returns the userlist, or nil if there was no visible room. */
  hideRoom: /* lua */ `
local r = ARGV[1]
if not visible(r) then return false end
redis.call("HSET", roomKey(r), "state", "hidden")
return redis.call("SMEMBERS", roomListKey("userlist", r))
`,

  /** ARGV: room. */
  removeRoom: /* lua */ `
local r = ARGV[1]
redis.call("DEL", roomKey(r), seenKey(r), historyKey(r), roomListKey("adminlist", r), roomListKey("whitelist", r),
  roomListKey("blacklist", r), roomListKey("userlist", r))
return 1
`,

  /** ARGV: room. Returns nil, or { settings hash (flat), adminlist, whitelist, blacklist, userlist }. */
  getRoomState: /* lua */ `
local r = ARGV[1]
if not visible(r) then return false end
return { redis.call("HGETALL", roomKey(r)), redis.call("SMEMBERS", roomListKey("adminlist", r)),
  redis.call("SMEMBERS", roomListKey("whitelist", r)), redis.call("SMEMBERS", roomListKey("blacklist", r)),
  redis.call("SMEMBERS", roomListKey("userlist", r)) }
`,

  /** ARGV: room, hasUser ("1"/"0"), user. Returns nil, or { settings hash (flat), inAdmin, inWhite, inBlack, inUser }. */
  getRoomAccess: /* lua */ `
local r = ARGV[1]
if not visible(r) then return false end
return roomAccess(r, ARGV[2] == "1", ARGV[3])
`,

  /** ARGV: room, then field/value pairs; "no owner" is the field "-owner" (any value). Returns 0 if there is no room. */
  updateRoom: /* lua */ `
local r = ARGV[1]
if not visible(r) then return 0 end
for k = 2, #ARGV, 2 do
  local field, value = ARGV[k], ARGV[k + 1]
  if field == "-owner" then
    redis.call("HDEL", roomKey(r), "owner")
  else
    redis.call("HSET", roomKey(r), field, value)
  end
  if field == "historyMaxSize" then
    local capacity = tonumber(value)
    if capacity > 0 then redis.call("LTRIM", historyKey(r), 0, int(capacity - 1)) else redis.call("DEL", historyKey(r)) end
  end
end
return 1
`,

  /** ARGV: room, user. Returns nil, or { joined, timestamp or false }. */
  getUserSeen: /* lua */ `
local r, u = ARGV[1], ARGV[2]
if not visible(r) then return false end
return { redis.call("SISMEMBER", roomListKey("userlist", r), u), redis.call("HGET", seenKey(r), u) }
`,
} as const;
