/**
 * Scripts for sockets: registration, joins and leaves, removal, and instances. Each keeps the invariant of the
 * store contract in one step: a user is in a room's userlist exactly while one of its sockets is joined to it.
 * @module
 */
export const socketScripts = {
  /** ARGV: user, socket, instance. Returns the user's socket count afterwards. */
  addSocket: /* lua */ `
local u, s, i, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
-- Socket ids are unique, so a known id owned by another user is a stale record: remove it, not share it.
local previous = redis.call("HGET", socketKey(s), "user")
if previous and previous ~= u then removeSocket(previous, s, now) end
-- Registering a known socket again moves it to the given instance.
unregister(u, s)
redis.call("HSET", userSocketsKey(u), s, i)
redis.call("HSET", socketKey(s), "user", u, "instance", i)
redis.call("HSET", instanceSocketsKey(i), s, u)
return redis.call("HLEN", userSocketsKey(u))
`,

  /** ARGV: user, socket, now. Returns { existed, nconnected, room1, njoined1, ... }. */
  removeSocket: /* lua */ `
return removeSocket(ARGV[1], ARGV[2], ARGV[3])
`,

  /** ARGV: user. Returns { socket1, { rooms }, socket2, { rooms }, ... }. */
  getUserSocketsRooms: /* lua */ `
local u = ARGV[1]
local result = {}
for _, s in ipairs(redis.call("HKEYS", userSocketsKey(u))) do
  table.insert(result, s)
  table.insert(result, redis.call("SMEMBERS", socketRoomsKey(u, s)))
end
return result
`,

  /** ARGV: user, socket, room, now. Returns { "noRoom" }, { "noSocket" } or { "joined", njoined, changed }. */
  joinSocket: /* lua */ `
local u, s, r, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if not visible(r) then return { "noRoom" } end
-- The socket may have disconnected since the caller looked: joining it would leave a ghost in the room.
if redis.call("HEXISTS", userSocketsKey(u), s) == 0 then return { "noSocket" } end
local changed = redis.call("SADD", socketRoomsKey(u, s), r)
redis.call("SADD", roomSocketsKey(u, r), s)
-- Unconditional, so that an association surviving a deleted room of the same name still restores the invariant.
enterUserlist(r, u, now)
return { "joined", redis.call("SCARD", roomSocketsKey(u, r)), changed }
`,

  /** ARGV: user, socket, room, now. Returns { njoined, changed, leftUserlist }. */
  leaveSocket: /* lua */ `
local u, s, r, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local changed = dissociate(u, s, r)
local njoined = redis.call("SCARD", roomSocketsKey(u, r))
local left = changed and njoined == 0 and leaveUserlist(r, u, now)
return { njoined, changed and 1 or 0, left and 1 or 0 }
`,

  /** ARGV: user, room, now. Works on hidden rooms. Returns { wasInUserlist, { sockets } }. */
  removeUserFromRoom: /* lua */ `
local u, r, now = ARGV[1], ARGV[2], ARGV[3]
local sockets = redis.call("SMEMBERS", roomSocketsKey(u, r))
for _, s in ipairs(sockets) do dissociate(u, s, r) end
local was = leaveUserlist(r, u, now)
return { was and 1 or 0, sockets }
`,

  /** ARGV: user, instance, live socket ids... Store level only: userlists are left alone. Returns the dropped ids. */
  pruneUserSockets: /* lua */ `
local u, i = ARGV[1], ARGV[2]
local live = {}
for k = 3, #ARGV do live[ARGV[k]] = true end
local sockets = redis.call("HGETALL", userSocketsKey(u))
local dropped = {}
for k = 1, #sockets, 2 do
  if sockets[k + 1] == i and not live[sockets[k]] then table.insert(dropped, sockets[k]) end
end
for _, s in ipairs(dropped) do
  unregister(u, s)
  for _, r in ipairs(redis.call("SMEMBERS", socketRoomsKey(u, s))) do dissociate(u, s, r) end
end
return dropped
`,

  /** ARGV: instance. */
  removeInstance: /* lua */ `
redis.call("DEL", instanceSocketsKey(ARGV[1]))
redis.call("HDEL", heartbeatsKey, ARGV[1])
return 1
`,
} as const;
