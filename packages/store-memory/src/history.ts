/**
 * Room history: a ring of the newest `historyMaxSize` messages (`MessageRing`) with contiguous ids (PROTOCOL.md
 * §15.2), and the id-window read of §8.15.
 * @module
 */
import type { HistoryStoreMethods, ProcessedMessage, RoomMessage } from "@chat/core";
import { accessOf } from "./access.js";
import { visibleRoom, type MemoryState, type RoomRecord } from "./state.js";


/**
 * A copy of the top-level object only: it is all a caller may change without touching the history, and a deep
 * copy would turn nested `Buffer`s into plain `Uint8Array`s.
 */
function copy(message: RoomMessage): RoomMessage {
  return { ...message };
}

/** Stores `message` as the room's newest and returns its id. */
function append(room: RoomRecord, message: ProcessedMessage & { timestamp: number }): number {
  // The id is consumed even when nothing is kept, so ids stay unique for the room's lifetime.
  const id = ++room.lastMessageId;
  room.history.push({ ...message, id });
  return id;
}

/** PROTOCOL.md §8.15's window, with fractional values floored as §8.15 allows. */
function messagesAfter(room: RoomRecord, afterId: number, limit: number): RoomMessage[] {
  const wanted = Math.floor(limit);
  if (wanted <= 0) return [];
  const last = room.lastMessageId;
  const id = Math.min(Math.max(Math.floor(afterId), 0), last);
  const take = Math.min(wanted, last - id);
  // The window is ids id+1 … id+take; the stored ids are oldest … last. Read their overlap, newest first.
  const oldest = last - room.history.size + 1;
  const result: RoomMessage[] = [];
  for (let k = id + take; k >= Math.max(id + 1, oldest); k--) result.push(copy(room.history.at(k - oldest)));
  return result;
}

/** The history methods of a memory store. */
export function historyMethods(state: MemoryState): HistoryStoreMethods {
  return {
    async appendMessage(roomName, message) {
      const room = visibleRoom(state, roomName);
      return room ? append(room, message) : null;
    },

    async appendMessageByMember(roomName, userName, message) {
      const room = visibleRoom(state, roomName);
      if (!room) return null;
      return room.lists.userlist.has(userName) ? append(room, message) : false;
    },

    async getRecentMessages(roomName, limit) {
      const room = visibleRoom(state, roomName);
      if (!room) return null;
      const { history } = room;
      const result: RoomMessage[] = [];
      for (let k = history.size - 1; k >= Math.max(0, history.size - Math.floor(limit)); k--) result.push(copy(history.at(k)));
      return result;
    },

    async getMessagesAfter(roomName, afterId, limit) {
      const room = visibleRoom(state, roomName);
      return room ? messagesAfter(room, afterId, limit) : null;
    },

    async getRoomAccessAndMessagesAfter(roomName, userName, afterId, limit) {
      const room = visibleRoom(state, roomName);
      return room ? { access: accessOf(room, userName), messages: messagesAfter(room, afterId, limit) } : null;
    },

    async getHistoryInfo(roomName) {
      const room = visibleRoom(state, roomName);
      if (!room) return null;
      return {
        historySize: room.history.size,
        historyMaxSize: room.settings.historyMaxSize,
        lastMessageId: room.lastMessageId,
      };
    },
  };
}
