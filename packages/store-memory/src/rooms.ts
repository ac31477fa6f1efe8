/**
 * Rooms: creation, hiding and removal, settings, access lists and seen timestamps.
 * @module
 */
import type { RoomStoreMethods } from "@chat/core";
import { accessOf, copySettings } from "./access.js";
import { MessageRing } from "./message-ring.js";
import { addBounded, removeAll } from "./lists.js";
import { visibleRoom, type MemoryState } from "./state.js";

/** A patched value; `undefined` keeps the current one (`??` would not do: `owner: null` is a real value). */
function patched<T>(value: T | undefined, current: T): T {
  return value === undefined ? current : value;
}

/** The room methods of a memory store. */
export function roomMethods(state: MemoryState): RoomStoreMethods {
  return {
    async addRoom(roomName, init) {
      // A hidden room still holds its name: it is being torn down, and a new room must not inherit its leftovers.
      if (state.rooms.has(roomName)) return false;
      state.rooms.set(roomName, {
        settings: copySettings(init),
        lists: {
          adminlist: new Set(init.adminlist),
          whitelist: new Set(init.whitelist),
          blacklist: new Set(init.blacklist),
          userlist: new Set(),
        },
        seen: new Map(),
        history: new MessageRing(init.historyMaxSize),
        lastMessageId: 0,
        hidden: false,
      });
      return true;
    },

    async hasRoom(roomName) {
      return visibleRoom(state, roomName) !== undefined;
    },

    async hideRoom(roomName) {
      const room = visibleRoom(state, roomName);
      if (!room) return null;
      room.hidden = true;
      return [...room.lists.userlist];
    },

    async removeRoom(roomName) {
      // Socket associations stay: they belong to the users, whose clean-ups (leave, disconnect) remove them.
      state.rooms.delete(roomName);
    },

    async getRoomState(roomName) {
      const room = visibleRoom(state, roomName);
      if (!room) return null;
      const { adminlist, whitelist, blacklist, userlist } = room.lists;
      // Not a spread followed by more properties: see accessOf.
      return Object.assign(copySettings(room.settings), {
        adminlist: [...adminlist],
        whitelist: [...whitelist],
        blacklist: [...blacklist],
        userlist: [...userlist],
      });
    },

    async getRoomAccess(roomName, userName) {
      const room = visibleRoom(state, roomName);
      if (!room) return null;
      return accessOf(room, userName);
    },

    async updateRoom(roomName, patch) {
      const room = visibleRoom(state, roomName);
      if (!room) return false;
      const current = room.settings;
      room.settings = {
        owner: patched(patch.owner, current.owner),
        whitelistOnly: patched(patch.whitelistOnly, current.whitelistOnly),
        enableAccessListsUpdates: patched(patch.enableAccessListsUpdates, current.enableAccessListsUpdates),
        enableUserlistUpdates: patched(patch.enableUserlistUpdates, current.enableUserlistUpdates),
        historyMaxSize: patched(patch.historyMaxSize, current.historyMaxSize),
      };
      room.history.resize(room.settings.historyMaxSize);
      return true;
    },

    async addToRoomList(roomName, listName, names, limit) {
      const room = visibleRoom(state, roomName);
      if (!room) return "noRoom";
      return addBounded(room.lists[listName], names, limit) ? "ok" : "limitExceeded";
    },

    async removeFromRoomList(roomName, listName, names) {
      const room = visibleRoom(state, roomName);
      if (!room) return false;
      removeAll(room.lists[listName], names);
      return true;
    },

    async getRoomList(roomName, listName) {
      const room = visibleRoom(state, roomName);
      return room ? [...room.lists[listName]] : null;
    },

    async roomListHas(roomName, listName, name) {
      const room = visibleRoom(state, roomName);
      return room ? room.lists[listName].has(name) : null;
    },

    async getUserSeen(roomName, userName) {
      const room = visibleRoom(state, roomName);
      if (!room) return null;
      return { joined: room.lists.userlist.has(userName), timestamp: room.seen.get(userName) ?? null };
    },
  };
}
