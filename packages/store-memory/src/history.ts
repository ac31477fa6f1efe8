/**
 * Room history: a ring of the newest `historyMaxSize` messages (`MessageRing`) with contiguous ids (PROTOCOL.md
 * §15.2), and the id-window read of §8.15.
 * @module
 */
import { HistoryPage, storedMessage, type HistoryStoreMethods, type ProcessedMessage, type RoomMessage, type StoredMessage } from "@chat/core";
import { accessOf } from "./access.js";
import type { MessageRing } from "./message-ring.js";
import { visibleRoom, type MemoryState, type RoomRecord } from "./state.js";

/** Stores `message` as the room's newest and returns its id. */
function append(room: RoomRecord, message: ProcessedMessage & { timestamp: number }): number {
  // The id is consumed even when nothing is kept, so ids stay unique for the room's lifetime.
  const id = ++room.lastMessageId;
  room.history.push(storedMessage({ ...message, id }));
  return id;
}

/** Copies of the stored messages at ring positions `newest` down to `oldest`, newest first, as a page. */
function page(history: MessageRing<StoredMessage>, newest: number, oldest: number): RoomMessage[] {
  const result = new HistoryPage();
  for (let k = newest; k >= oldest; k--) result.add(history.at(k));
  return result.finish();
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
  return page(room.history, id + take - oldest, Math.max(id + 1, oldest) - oldest);
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
      return page(history, history.size - 1, Math.max(0, history.size - Math.floor(limit)));
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
