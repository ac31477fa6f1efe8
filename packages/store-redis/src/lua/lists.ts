/**
 * Scripts for the access lists of rooms and the direct lists of users: one set of scripts for both, with the
 * owner's kind ("room" or "user") deciding which existence check applies and which keys hold the lists.
 * @module
 */

/** Lua shared by the list scripts: ARGV[1] is the kind, ARGV[2] the owner's name, ARGV[3] the list name. */
const listPrelude = /* lua */ `
local kind, owner, list = ARGV[1], ARGV[2], ARGV[3]
local exists, key
if kind == "room" then
  exists, key = visible(owner), roomListKey(list, owner)
else
  exists, key = userExists(owner), userListKey(list, owner)
end
`;

export const listScripts = {
  /** ARGV: kind, owner, list, limit ("" for none), names... Returns "ok", "noRoom", "noUser" or "limitExceeded". */
  addToList:
    listPrelude +
    /* lua */ `
if not exists then return kind == "room" and "noRoom" or "noUser" end
-- An empty request succeeds and changes nothing, even on a list already over a since-lowered limit.
if #ARGV < 5 then return "ok" end
-- Only distinct names not yet present count towards the limit (PROTOCOL.md §0, fixed row 20).
local added, count = {}, 0
for k = 5, #ARGV do
  local name = ARGV[k]
  if not added[name] and redis.call("SISMEMBER", key, name) == 0 then
    added[name] = true
    count = count + 1
  end
end
if ARGV[4] ~= "" and redis.call("SCARD", key) + count > tonumber(ARGV[4]) then return "limitExceeded" end
for name in pairs(added) do redis.call("SADD", key, name) end
return "ok"
`,

  /** ARGV: kind, owner, list, names... Returns 0 if the owner does not exist. */
  removeFromList:
    listPrelude +
    /* lua */ `
if not exists then return 0 end
for k = 4, #ARGV do redis.call("SREM", key, ARGV[k]) end
return 1
`,

  /** ARGV: kind, owner, list. Returns nil if the owner does not exist, else the members. */
  getList:
    listPrelude +
    /* lua */ `
if not exists then return false end
return redis.call("SMEMBERS", key)
`,

  /** ARGV: kind, owner, list, name. Returns nil if the owner does not exist, else 0 or 1. */
  listHas:
    listPrelude +
    /* lua */ `
if not exists then return false end
return redis.call("SISMEMBER", key, ARGV[4])
`,
} as const;
