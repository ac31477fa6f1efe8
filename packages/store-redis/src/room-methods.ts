/**
 * Rooms: creation, hiding and removal, settings, access lists and seen timestamps.
 * @module
 */
import type { RoomSettings, RoomStoreMethods } from "@chat/core";
import { asArray, asNumber, asRoomAccess, asRoomSettings, asStrings, flag } from "./replies.js";
import type { ScriptRunner } from "./scripts.js";


/** The settings patch as script arguments: field/value pairs, with "no owner" as the field `-owner`. */
function patchArguments(patch: Partial<RoomSettings>): string[] {
  const args: string[] = [];
  if (patch.owner !== undefined) args.push(...(patch.owner === null ? ["-owner", ""] : ["owner", patch.owner]));
  for (const field of ["whitelistOnly", "enableAccessListsUpdates", "enableUserlistUpdates"] as const) {
    const value = patch[field];
    if (value !== undefined) args.push(field, flag(value));
  }
  if (patch.historyMaxSize !== undefined) args.push("historyMaxSize", String(patch.historyMaxSize));
  return args;
}

/** The room methods of a Redis store. */
export function roomMethods(scripts: ScriptRunner): RoomStoreMethods {
  return {
    async addRoom(roomName, init) {
      const reply = await scripts.run("addRoom", [
        roomName,
        flag(init.owner !== null),
        init.owner ?? "",
        flag(init.whitelistOnly),
        flag(init.enableAccessListsUpdates),
        flag(init.enableUserlistUpdates),
        String(init.historyMaxSize),
        JSON.stringify(init.adminlist),
        JSON.stringify(init.whitelist),
        JSON.stringify(init.blacklist),
      ]);
      return reply === 1;
    },

    async hasRoom(roomName) {
      return (await scripts.run("hasRoom", [roomName])) === 1;
    },

    async hideRoom(roomName) {
      const reply = await scripts.run("hideRoom", [roomName]);
      return reply === null ? null : asStrings(reply, "hideRoom");
    },

    async removeRoom(roomName) {
      await scripts.run("removeRoom", [roomName]);
    },

    async getRoomState(roomName) {
      const reply = await scripts.run("getRoomState", [roomName]);
      if (reply === null) return null;
      const [settings, adminlist, whitelist, blacklist, userlist] = asArray(reply, "getRoomState");
      // Not a spread followed by more properties: see asRoomAccess.
      return Object.assign(asRoomSettings(settings ?? null), {
        adminlist: asStrings(adminlist ?? null, "adminlist"),
        whitelist: asStrings(whitelist ?? null, "whitelist"),
        blacklist: asStrings(blacklist ?? null, "blacklist"),
        userlist: asStrings(userlist ?? null, "userlist"),
      });
    },

    async getRoomAccess(roomName, userName) {
      const reply = await scripts.run("getRoomAccess", [roomName, flag(userName !== null), userName ?? ""]);
      return reply === null ? null : asRoomAccess(reply);
    },

    async updateRoom(roomName, patch) {
      return (await scripts.run("updateRoom", [roomName, ...patchArguments(patch)])) === 1;
    },

    async addToRoomList(roomName, listName, names, limit) {
      const reply = await scripts.run("addToList", ["room", roomName, listName, limit === undefined ? "" : String(limit), ...names]);
      if (reply === "ok" || reply === "noRoom" || reply === "limitExceeded") return reply;
      throw new Error(`@chat/store-redis: unexpected reply for addToRoomList: ${JSON.stringify(reply)}`);
    },

    async removeFromRoomList(roomName, listName, names) {
      return (await scripts.run("removeFromList", ["room", roomName, listName, ...names])) === 1;
    },

    async getRoomList(roomName, listName) {
      const reply = await scripts.run("getList", ["room", roomName, listName]);
      return reply === null ? null : asStrings(reply, "getRoomList");
    },

    async roomListHas(roomName, listName, name) {
      const reply = await scripts.run("listHas", ["room", roomName, listName, name]);
      return reply === null ? null : reply === 1;
    },

    async getUserSeen(roomName, userName) {
      const reply = await scripts.run("getUserSeen", [roomName, userName]);
      if (reply === null) return null;
      const [joined, timestamp] = asArray(reply, "getUserSeen");
      return { joined: joined === 1, timestamp: timestamp === null || timestamp === undefined ? null : asNumber(timestamp, "seen") };
    },
  };
}

