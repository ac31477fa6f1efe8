/**
 * Users: existence and direct-messaging state (lists and whitelist mode).
 * @module
 */
import type { UserStoreMethods } from "@chat/core";
import { asArray, asNumber, asStrings, flag } from "./replies.js";
import type { ScriptRunner } from "./scripts.js";


/** The user methods of a Redis store. */
export function userMethods(scripts: ScriptRunner): UserStoreMethods {
  return {
    async addUser(userName, init) {
      const reply = await scripts.run("addUser", [userName, flag(init.whitelistOnly), JSON.stringify(init.whitelist), JSON.stringify(init.blacklist)]);
      return reply === 1;
    },

    async ensureUser(userName) {
      await scripts.run("ensureUser", [userName]);
    },

    async hasUser(userName) {
      return (await scripts.run("hasUser", [userName])) === 1;
    },

    async removeUser(userName) {
      const reply = await scripts.run("removeUser", [userName]);
      if (reply === "ok" || reply === "noUser" || reply === "online") return reply;
      throw new Error(`@chat/store-redis: unexpected reply for removeUser: ${JSON.stringify(reply)}`);
    },

    async addToDirectList(userName, listName, names, limit) {
      const reply = await scripts.run("addToList", ["user", userName, listName, limit === undefined ? "" : String(limit), ...names]);
      if (reply === "ok" || reply === "noUser" || reply === "limitExceeded") return reply;
      throw new Error(`@chat/store-redis: unexpected reply for addToDirectList: ${JSON.stringify(reply)}`);
    },

    async removeFromDirectList(userName, listName, names) {
      return (await scripts.run("removeFromList", ["user", userName, listName, ...names])) === 1;
    },

    async getDirectList(userName, listName) {
      const reply = await scripts.run("getList", ["user", userName, listName]);
      return reply === null ? null : asStrings(reply, "getDirectList");
    },

    async directListHas(userName, listName, name) {
      const reply = await scripts.run("listHas", ["user", userName, listName, name]);
      return reply === null ? null : reply === 1;
    },

    async getDirectWhitelistMode(userName) {
      const reply = await scripts.run("getDirectWhitelistMode", [userName]);
      return reply === null ? null : reply === "1";
    },

    async setDirectWhitelistMode(userName, mode) {
      return (await scripts.run("setDirectWhitelistMode", [userName, flag(mode)])) === 1;
    },

    async getDirectAccess(recipient, sender) {
      const reply = await scripts.run("getDirectAccess", [recipient, flag(sender !== null), sender ?? ""]);
      if (reply === null) return null;
      const [whitelistOnly, inWhitelist, inBlacklist, nconnected] = asArray(reply, "getDirectAccess");
      return {
        whitelistOnly: whitelistOnly === "1",
        senderInWhitelist: inWhitelist === 1,
        senderInBlacklist: inBlacklist === 1,
        nconnected: asNumber(nconnected ?? null, "nconnected"),
      };
    },
  };
}
