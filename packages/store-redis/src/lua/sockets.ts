/**
 * Scripts for sockets: registration, joins and leaves, removal, and instances. Each keeps the invariant of the
 * store contract in one step: a user is in a room's userlist exactly while one of its sockets is joined to it.
 * @module
 */
export const socketScripts = {
  /** ARGV: user, socket, instance, now. Returns the user's socket count afterwards. */
  addSocket: /* lua */ `
return addSocket(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
`,

  /** ARGV: user, socket, instance, now. ensureUser and addSocket in one step. Returns the user's socket count. */
  connectSocket: /* lua */ `
local u = ARGV[1]
redis.call("HSETNX", userKey(u), "whitelistOnly", "0")
return addSocket(u, ARGV[2], ARGV[3], ARGV[4])
`,

  /** ARGV: user, socket, now. Returns { existed, nconnected, room1, njoined1, enableUserlistUpdates1, ... }. */
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
return joinSocket(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
`,

  /**
   * ARGV: user, socket, room, token, ttl, now. Takes the lock, then checks the room and the user's access and joins.
   * Returns { "locked" }, { "noRoom" }, { "notAllowed" }, { "noSocket" } or
   * { "joined", njoined, changed, enableUserlistUpdates, nconnected }; all but "locked" leave the lock held.
   */
  lockAndJoinSocket: /* lua */ `
local u, s, r = ARGV[1], ARGV[2], ARGV[3]
if not takeLock(u, r, ARGV[4], tonumber(ARGV[5])) then return { "locked" } end
if not visible(r) then return { "noRoom" } end
if not mayJoin(r, u) then return { "notAllowed" } end
local joined = joinSocket(u, s, r, ARGV[6])
if joined[1] == "joined" then
  table.insert(joined, redis.call("HGET", roomKey(r), "enableUserlistUpdates") == "1" and 1 or 0)
  table.insert(joined, redis.call("HLEN", userSocketsKey(u)))
end
return joined
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
