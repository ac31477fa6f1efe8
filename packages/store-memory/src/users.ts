/**
 * Users: existence and direct-messaging state (lists and whitelist mode).
 * @module
 */
import type { UserStoreMethods } from "@chat/core";
import { addBounded, removeAll } from "./lists.js";
import type { MemoryState, UserRecord } from "./state.js";


/** Creates the user with empty direct-messaging state unless it exists. */
export function ensureUser(state: MemoryState, userName: string): void {
  if (!state.users.has(userName)) state.users.set(userName, emptyUser());
}

function emptyUser(): UserRecord {
  return { whitelistOnly: false, lists: { whitelist: new Set(), blacklist: new Set() } };
}

/** The user methods of a memory store. */
export function userMethods(state: MemoryState): UserStoreMethods {
  const socketCount = (userName: string): number => state.connections.get(userName)?.sockets.size ?? 0;

  return {
    async addUser(userName, init) {
      if (state.users.has(userName)) return false;
      state.users.set(userName, {
        whitelistOnly: init.whitelistOnly,
        lists: { whitelist: new Set(init.whitelist), blacklist: new Set(init.blacklist) },
      });
      return true;
    },

    async ensureUser(userName) {
      ensureUser(state, userName);
    },

    async hasUser(userName) {
      return state.users.has(userName);
    },

    async removeUser(userName) {
      if (!state.users.has(userName)) return "noUser";
      if (socketCount(userName) > 0) return "online";
      state.users.delete(userName);
      return "ok";
    },

    async addToDirectList(userName, listName, names, limit) {
      const user = state.users.get(userName);
      if (!user) return "noUser";
      return addBounded(user.lists[listName], names, limit) ? "ok" : "limitExceeded";
    },

    async removeFromDirectList(userName, listName, names) {
      const user = state.users.get(userName);
      if (!user) return false;
      removeAll(user.lists[listName], names);
      return true;
    },

    async getDirectList(userName, listName) {
      const user = state.users.get(userName);
      return user ? [...user.lists[listName]] : null;
    },

    async directListHas(userName, listName, name) {
      const user = state.users.get(userName);
      return user ? user.lists[listName].has(name) : null;
    },

    async getDirectWhitelistMode(userName) {
      return state.users.get(userName)?.whitelistOnly ?? null;
    },

    async setDirectWhitelistMode(userName, mode) {
      const user = state.users.get(userName);
      if (!user) return false;
      user.whitelistOnly = mode;
      return true;
    },

    async getDirectAccess(recipient, sender) {
      const user = state.users.get(recipient);
      if (!user) return null;
      return {
        whitelistOnly: user.whitelistOnly,
        senderInWhitelist: sender !== null && user.lists.whitelist.has(sender),
        senderInBlacklist: sender !== null && user.lists.blacklist.has(sender),
        nconnected: socketCount(recipient),
      };
    },
  };
}
