/**
 * Room history. Messages are stored encoded by the codec (binary values survive) without their id, which
 * follows from the position (PROTOCOL.md §15.2).
 * @module
 */
import type { HistoryStoreMethods, RoomMessage } from "@chat/core";
import { decodeList, encodeValue } from "./codec.js";
import { asArray, asNumber, asRoomAccess, asString, flag } from "./replies.js";
import { nothingKnown, type HistoryCache, type PageEntries } from "./history-cache.js";
import type { ScriptName, ScriptReply, ScriptRunner } from "./scripts.js";
import { packageName } from "./settings.js";

/** Entries joined by commas (`joinedEntries` in the Lua prelude), decoded. */
function decoded(joined: string): RoomMessage[] {
  // The store wrote these entries itself (appendMessage), so they decode to what was appended.
  return joined === "" ? [] : (decodeList(`[${joined}]`) as RoomMessage[]);
}

/**
 * Numbers consecutive entries down from `newest`. Each decoded entry is a fresh object, so the id is set on it
 * rather than on a copy; stored entries have no id of their own, so it comes last, as in the broadcast message.
 */
function numberedDown(messages: RoomMessage[], newest: number): RoomMessage[] {
  for (let k = 0; k < messages.length; k++) messages[k]!.id = newest - k;
  return messages;
}

/** A script's page, `{ incarnation, newest, count, entries above the known ones, entries below them }`, decoded. */
function pageEntries(reply: ScriptReply, what: string): PageEntries {
  const [incarnation, newestReply, countReply, aboveReply, belowReply] = asArray(reply, what);
  const newest = asNumber(newestReply ?? null, what);
  const count = asNumber(countReply ?? null, what);
  const below = decoded(asString(belowReply ?? null, what));
  return {
    incarnation: asString(incarnation ?? null, what),
    newest,
    count,
    above: numberedDown(decoded(asString(aboveReply ?? null, what)), newest),
    // The entries below end at the page's oldest id, newest - count + 1.
    below: numberedDown(below, newest - count + below.length),
  };
}

/** The history methods of a Redis store; `cache` keeps the entries it reads. */
export function historyMethods(scripts: ScriptRunner, cache: HistoryCache): HistoryStoreMethods {
  /**
   * Runs a script that reads a page of `roomName` (at `pageOf` in its reply), telling it the entries held, and
   * returns its reply and the page's messages; `null` if there is no room.
   */
  async function readPage(
    name: ScriptName,
    roomName: string,
    args: readonly (string | number)[],
    pageOf: (reply: ScriptReply) => ScriptReply = (reply) => reply,
  ): Promise<{ reply: ScriptReply; messages: RoomMessage[] } | null> {
    // The second read, knowing nothing, always has every entry sent.
    for (const known of [cache.known(roomName), nothingKnown]) {
      const epoch = cache.epoch;
      const reply = await scripts.run(name, [...args, ...known]);
      if (reply === null) return null;
      const messages = cache.assemble(roomName, pageEntries(pageOf(reply), name), epoch);
      if (messages) return { reply, messages };
    }
    throw new Error(`${packageName}: ${name} left out entries it was not told were held`);
  }

  return {
    async appendMessage(roomName, message) {
      const reply = await scripts.run("appendMessage", [roomName, encodeValue(message)]);
      return reply === null ? null : asNumber(reply, "appendMessage");
    },

    async appendMessageByMember(roomName, userName, message) {
      const reply = await scripts.run("appendMessageByMember", [roomName, userName, encodeValue(message)]);
      if (reply === null) return null;
      const id = asNumber(reply, "appendMessageByMember");
      return id === 0 ? false : id;
    },

    async getRecentMessages(roomName, limit) {
      const read = await readPage("getRecentMessages", roomName, [roomName, Math.max(0, Math.floor(limit))]);
      return read && read.messages;
    },

    async getMessagesAfter(roomName, afterId, limit) {
      const read = await readPage("getMessagesAfter", roomName, [roomName, Math.floor(afterId), Math.floor(limit)]);
      return read && read.messages;
    },

    async getRoomAccessAndMessagesAfter(roomName, userName, afterId, limit) {
      const args = [roomName, flag(userName !== null), userName ?? "", Math.floor(afterId), Math.floor(limit)];
      const read = await readPage("getRoomAccessAndMessagesAfter", roomName, args, (reply) => asArray(reply, "getRoomAccessAndMessagesAfter")[1] ?? null);
      if (read === null) return null;
      const [access] = asArray(read.reply, "getRoomAccessAndMessagesAfter");
      return { access: asRoomAccess(access ?? null), messages: read.messages };
    },

    async getHistoryInfo(roomName) {
      const reply = await scripts.run("getHistoryInfo", [roomName]);
      if (reply === null) return null;
      const [historySize, historyMaxSize, lastMessageId] = asArray(reply, "getHistoryInfo");
      return {
        historySize: asNumber(historySize ?? null, "historySize"),
        historyMaxSize: asNumber(historyMaxSize ?? null, "historyMaxSize"),
        lastMessageId: asNumber(lastMessageId ?? null, "lastMessageId"),
      };
    },
  };
}
