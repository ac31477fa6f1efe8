/**
 * Room history. Messages are stored encoded by the codec (binary values survive) without their id, which
 * follows from the position (PROTOCOL.md §15.2).
 * @module
 */
import type { HistoryStoreMethods, RoomMessage } from "@chat/core";
import { decodeList, encodeValue } from "./codec.js";
import { asArray, asNumber, asRoomAccess, asString, flag } from "./replies.js";
import type { ScriptReply, ScriptRunner } from "./scripts.js";

/** A page, `{ id of the first entry, entries newest first joined by commas }`, as messages with their ids. */
function numbered(reply: ScriptReply, what: string): RoomMessage[] {
  const [first, entries] = asArray(reply, what);
  const firstId = asNumber(first ?? null, what);
  // The store wrote these entries itself (appendMessage), so they decode to what was appended. Each decoded entry
  // is a fresh object, so the id is set on it rather than on a copy; stored entries have no id of their own, so it
  // comes last, as in the broadcast message.
  const messages = decodeList(`[${asString(entries ?? null, what)}]`) as RoomMessage[];
  for (let k = 0; k < messages.length; k++) messages[k]!.id = firstId - k;
  return messages;
}

/** The history methods of a Redis store. */
export function historyMethods(scripts: ScriptRunner): HistoryStoreMethods {
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
      const reply = await scripts.run("getRecentMessages", [roomName, Math.max(0, Math.floor(limit))]);
      return reply === null ? null : numbered(reply, "getRecentMessages");
    },

    async getMessagesAfter(roomName, afterId, limit) {
      const reply = await scripts.run("getMessagesAfter", [roomName, Math.floor(afterId), Math.floor(limit)]);
      return reply === null ? null : numbered(reply, "getMessagesAfter");
    },

    async getRoomAccessAndMessagesAfter(roomName, userName, afterId, limit) {
      const reply = await scripts.run("getRoomAccessAndMessagesAfter", [
        roomName,
        flag(userName !== null),
        userName ?? "",
        Math.floor(afterId),
        Math.floor(limit),
      ]);
      if (reply === null) return null;
      const [access, window] = asArray(reply, "getRoomAccessAndMessagesAfter");
      return { access: asRoomAccess(access ?? null), messages: numbered(window ?? null, "getRoomAccessAndMessagesAfter") };
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
