/**
 * Lua shared by every script: the key layout and the userlist bookkeeping.
 *
 * Key layout. Every key starts with the store's hash tag `{<prefix>}:` (passed as `KEYS[1]`), so all of one
 * service's keys live in ONE Redis Cluster slot. That is what lets each store call be a single script touching
 * user, room, socket and instance keys together, atomically, on a Cluster as on one Redis (see the README).
 * The kind of a key comes before the name it belongs to (`room-userlist:<room>`), so names, whatever they
 * contain, can never make two kinds of key collide; keys made of two names length-prefix the first.
 *
 * Values: flags are "1"/"0"; no room owner is an absent `owner` field; seen timestamps and instance heartbeats
 * are ms numbers written by the calling instance's clock, as the memory store does.
 * @module
 */
export const prelude = /* lua */ `
local P = KEYS[1]
local function roomKey(r) return P .. "room:" .. r end
local function roomListKey(list, r) return P .. "room-" .. list .. ":" .. r end
local function seenKey(r) return P .. "room-seen:" .. r end
local function historyKey(r) return P .. "room-history:" .. r end
local function userKey(u) return P .. "user:" .. u end
local function userListKey(list, u) return P .. "user-" .. list .. ":" .. u end
local function userSocketsKey(u) return P .. "user-sockets:" .. u end
local function socketKey(s) return P .. "socket:" .. s end
local function socketRoomsKey(u, s) return P .. "socket-rooms:" .. #u .. ":" .. u .. ":" .. s end
local function roomSocketsKey(u, r) return P .. "room-sockets:" .. #u .. ":" .. u .. ":" .. r end
local function instanceSocketsKey(i) return P .. "instance-sockets:" .. i end
local heartbeatsKey = P .. "heartbeats"
local function lockKey(u, r) return P .. "lock:" .. #u .. ":" .. u .. ":" .. r end

-- Lua numbers are doubles; Redis would format big ones as 1e+15, which integer arguments reject.
local function int(x) return string.format("%d", x) end

local function visible(r) return redis.call("HGET", roomKey(r), "state") == "visible" end
local function userExists(u) return redis.call("EXISTS", userKey(u)) == 1 end

-- A visible room's settings and a user's standing: { settings hash, inAdminlist, inWhitelist, inBlacklist, inUserlist }.
local function roomAccess(r, hasUser, u)
  local function has(list)
    if not hasUser then return 0 end
    return redis.call("SISMEMBER", roomListKey(list, r), u)
  end
  return { redis.call("HGETALL", roomKey(r)), has("adminlist"), has("whitelist"), has("blacklist"), has("userlist") }
end

-- A room's incarnation: a token written at the first history read of a room, that a later room of the same name
-- never shares (removeRoom deletes the hash; TIME keeps tokens apart across a Redis that restarted empty). Ids
-- are unique within an incarnation, and a stored entry never changes, so callers may keep decoded entries by
-- (incarnation, id) and be told which ones not to send again.
local function incarnation(r)
  local token = redis.call("HGET", roomKey(r), "incarnation")
  if token then return token end
  local now = redis.call("TIME")
  token = now[1] .. "." .. now[2] .. "." .. redis.call("INCR", P .. "room-incarnations")
  redis.call("HSET", roomKey(r), "incarnation", token)
  return token
end

-- Known entries: ARGV[n], ARGV[n+1], ARGV[n+2] name the caller's decoded entries of room r, as an incarnation
-- ("" for none) and the ids newest … oldest it holds. Returns the room's incarnation and the known ids, an
-- empty range (0, 1) when the caller's entries belong to another incarnation.
local function knownEntries(r, n)
  local token = incarnation(r)
  if ARGV[n] ~= token then return token, 0, 1 end
  return token, tonumber(ARGV[n + 1]), tonumber(ARGV[n + 2])
end

-- Entries newest … oldest of a history whose newest entry has id \`last\`, joined by commas (none if newest <
-- oldest). Every entry is JSON text the store wrote, so in brackets the joined text is a JSON array: one bulk
-- reply instead of one per entry spares the client's RESP decoding and a string per entry. The brackets are the
-- client's to add: here, concatenating them would copy the whole text once more (about 12 µs of redis-server per
-- 100 entries, measured).
local function joinedEntries(r, last, newest, oldest)
  if newest < oldest then return "" end
  return table.concat(redis.call("LRANGE", historyKey(r), int(last - newest), int(last - oldest)), ",")
end

-- A history page, the ids newest … oldest (none if newest < oldest), less the entries the caller holds (ARGV
-- from n, see knownEntries): { incarnation, newest, count, the entries above the known ids, those below them }.
local function page(r, last, newest, oldest, n)
  local token, knownNewest, knownOldest = knownEntries(r, n)
  if newest < oldest then return { token, int(newest), 0, "", "" } end
  local above = joinedEntries(r, last, newest, math.max(oldest, knownNewest + 1))
  local below = joinedEntries(r, last, math.min(newest, knownOldest - 1), oldest)
  return { token, int(newest), int(newest - oldest + 1), above, below }
end

-- The §8.15 window of a visible room, read atomically: up to \`limit\` ids right after \`afterId\` (clamped to
-- 0 … lastMessageId), of which the stored ones are returned as a page (known entries from ARGV[n]).
local function messagesAfter(r, afterId, limit, n)
  local last = tonumber(redis.call("HGET", roomKey(r), "lastMessageId"))
  if limit <= 0 then return page(r, last, last, last + 1, n) end
  local size = redis.call("LLEN", historyKey(r))
  local id = math.min(math.max(afterId, 0), last)
  local newest = id + math.min(limit, last - id)
  local oldest = math.max(id + 1, last - size + 1)
  return page(r, last, newest, oldest, n)
end

-- Stores an encoded message as the room's newest; returns its id. The id is consumed even when nothing is kept,
-- so ids stay unique for the room's lifetime.
local function appendToHistory(r, encoded)
  local id = redis.call("HINCRBY", roomKey(r), "lastMessageId", 1)
  local capacity = tonumber(redis.call("HGET", roomKey(r), "historyMaxSize"))
  if capacity > 0 then
    redis.call("LPUSH", historyKey(r), encoded)
    redis.call("LTRIM", historyKey(r), 0, int(capacity - 1))
  end
  return id
end

-- A user enters or leaves a userlist only through these two, so the seen timestamp always follows.
local function enterUserlist(r, u, now)
  if redis.call("SADD", roomListKey("userlist", r), u) == 1 then
    redis.call("HSET", seenKey(r), u, now)
    return true
  end
  return false
end
-- A removed room has no userlist, which counts as a userlist without the user.
local function leaveUserlist(r, u, now)
  if redis.call("SREM", roomListKey("userlist", r), u) == 1 then
    redis.call("HSET", seenKey(r), u, now)
    return true
  end
  return false
end

-- Takes the (user, room) lock for a token unless another token holds it; the holding token renews it.
local function takeLock(u, r, token, ttl)
  local key = lockKey(u, r)
  local held = redis.call("GET", key)
  if held and held ~= token then return false end
  -- A TTL of 0 makes a lock that expires at once: taking it succeeds, and it holds nothing.
  if ttl > 0 then redis.call("SET", key, token, "PX", int(ttl)) else redis.call("DEL", key) end
  return true
end

-- Forgets a socket's registration: the user's record, the owner record and the instance-registry entry.
local function unregister(u, s)
  local instance = redis.call("HGET", userSocketsKey(u), s)
  if not instance then return false end
  redis.call("HDEL", userSocketsKey(u), s)
  redis.call("HDEL", instanceSocketsKey(instance), s)
  redis.call("DEL", socketKey(s))
  return true
end

-- Drops a socket's association with a room. Returns whether there was one.
local function dissociate(u, s, r)
  if redis.call("SREM", socketRoomsKey(u, s), r) == 0 then return false end
  redis.call("SREM", roomSocketsKey(u, r), s)
  return true
end

-- Removes a socket entirely: { existed, nconnected, room1, njoined1, enableUserlistUpdates1 (1 if the room is
-- visible and announces userlist changes), room2, ... }.
local function removeSocket(u, s, now)
  local existed = unregister(u, s)
  local result = { existed and 1 or 0, 0 }
  for _, r in ipairs(redis.call("SMEMBERS", socketRoomsKey(u, s))) do
    dissociate(u, s, r)
    local njoined = redis.call("SCARD", roomSocketsKey(u, r))
    -- Hidden rooms included: their userlist stays consistent until the room is removed.
    if njoined == 0 then leaveUserlist(r, u, now) end
    table.insert(result, r)
    table.insert(result, njoined)
    table.insert(result, (visible(r) and redis.call("HGET", roomKey(r), "enableUserlistUpdates") == "1") and 1 or 0)
  end
  result[2] = redis.call("HLEN", userSocketsKey(u))
  return result
end

-- Registers a socket for a user; returns the user's socket count.
local function addSocket(u, s, i, now)
  -- Socket ids are unique, so a known id owned by another user is a stale record: remove it, not share it.
  local previous = redis.call("HGET", socketKey(s), "user")
  if previous and previous ~= u then removeSocket(previous, s, now) end
  -- Registering a known socket again moves it to the given instance.
  unregister(u, s)
  redis.call("HSET", userSocketsKey(u), s, i)
  redis.call("HSET", socketKey(s), "user", u, "instance", i)
  redis.call("HSET", instanceSocketsKey(i), s, u)
  return redis.call("HLEN", userSocketsKey(u))
end

-- Joins a registered socket to a visible room: { "noRoom" }, { "noSocket" } or { "joined", njoined, changed }.
local function joinSocket(u, s, r, now)
  if not visible(r) then return { "noRoom" } end
  -- The socket may have disconnected since the caller looked: joining it would leave a ghost in the room.
  if redis.call("HEXISTS", userSocketsKey(u), s) == 0 then return { "noSocket" } end
  local changed = redis.call("SADD", socketRoomsKey(u, s), r)
  redis.call("SADD", roomSocketsKey(u, r), s)
  -- Unconditional, so that an association surviving a deleted room of the same name still restores the invariant.
  enterUserlist(r, u, now)
  return { "joined", redis.call("SCARD", roomSocketsKey(u, r)), changed }
end

-- Whether a user may join a visible room (PROTOCOL.md §6, core's hasAccess): the owner and admins always; then
-- not when blacklisted; then, in whitelist-only mode, only when whitelisted.
local function mayJoin(r, u)
  if redis.call("HGET", roomKey(r), "owner") == u then return true end
  if redis.call("SISMEMBER", roomListKey("adminlist", r), u) == 1 then return true end
  if redis.call("SISMEMBER", roomListKey("blacklist", r), u) == 1 then return false end
  return redis.call("HGET", roomKey(r), "whitelistOnly") ~= "1" or redis.call("SISMEMBER", roomListKey("whitelist", r), u) == 1
end
`;
