/**
 * Scripts for room history: a Redis list of encoded messages, newest at the head. The entry at index k has the
 * id `lastMessageId - k` (ids are contiguous, PROTOCOL.md §15.2), so ids are not stored; readers get the newest
 * id of a page with its entries and number them. Readers keep the entries they decoded (`HistoryCache`) and name
 * them in each read, so that a page carries only the entries they lack.
 * @module
 */
export const historyScripts = {
  /** ARGV: room, encoded message. Returns the new id, or nil if there is no room. Id, push and trim in one step. */
  appendMessage: /* lua */ `
local r = ARGV[1]
if not visible(r) then return false end
return appendToHistory(r, ARGV[2])
`,

  /** ARGV: room, user, encoded message. Returns the new id, nil if there is no room, 0 if the user is not in the userlist. */
  appendMessageByMember: /* lua */ `
local r, u = ARGV[1], ARGV[2]
if not visible(r) then return false end
if redis.call("SISMEMBER", roomListKey("userlist", r), u) == 0 then return 0 end
return appendToHistory(r, ARGV[3])
`,

  /** ARGV: room, limit, then the caller's known entries (prelude: knownEntries). Returns nil, or a page (prelude). */
  getRecentMessages: /* lua */ `
local r, limit = ARGV[1], tonumber(ARGV[2])
if not visible(r) then return false end
local last = tonumber(redis.call("HGET", roomKey(r), "lastMessageId"))
local size = redis.call("LLEN", historyKey(r))
return page(r, last, last, last - math.max(0, math.min(limit, size)) + 1, 3)
`,

  /**
   * ARGV: room, afterId, limit, then the caller's known entries. The §8.15 window read atomically: up to
   * \`limit\` ids right after \`afterId\` (clamped to 0 … lastMessageId), of which the stored ones are returned.
   * Returns nil, or a page (prelude).
   */
  getMessagesAfter: /* lua */ `
local r = ARGV[1]
if not visible(r) then return false end
return messagesAfter(r, tonumber(ARGV[2]), tonumber(ARGV[3]), 4)
`,

  /**
   * ARGV: room, "1" if a user is given, user, afterId, limit, then the caller's known entries. Returns nil, or
   * { getRoomAccess's reply, getMessagesAfter's reply }.
   */
  getRoomAccessAndMessagesAfter: /* lua */ `
local r = ARGV[1]
if not visible(r) then return false end
return { roomAccess(r, ARGV[2] == "1", ARGV[3]), messagesAfter(r, tonumber(ARGV[4]), tonumber(ARGV[5]), 6) }
`,

  /** ARGV: room. Returns nil, or { historySize, historyMaxSize, lastMessageId }. */
  getHistoryInfo: /* lua */ `
local r = ARGV[1]
if not visible(r) then return false end
local settings = redis.call("HMGET", roomKey(r), "historyMaxSize", "lastMessageId")
return { redis.call("LLEN", historyKey(r)), settings[1], settings[2] }
`,
} as const;
