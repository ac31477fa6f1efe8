/**
 * Sockets: registration, joins and leaves, removal. Each is one script, so the userlist invariant holds under
 * concurrent calls from every instance.
 * @module
 */
import type { SocketRemoval, SocketStoreMethods } from "@chat/core";
import { asArray, asNumber, asRecord, asStrings } from "./replies.js";
import type { ScriptRunner } from "./scripts.js";


/** The socket methods of a Redis store. Userlist and seen timestamps use this instance's clock. */
export function socketMethods(scripts: ScriptRunner): SocketStoreMethods {
  return {
    async addSocket(userName, socketId, instanceUID) {
      return asNumber(await scripts.run("addSocket", [userName, socketId, instanceUID, Date.now()]), "addSocket");
    },

    async connectSocket(userName, socketId, instanceUID) {
      return asNumber(await scripts.run("connectSocket", [userName, socketId, instanceUID, Date.now()]), "connectSocket");
    },

    async removeSocket(userName, socketId) {
      const [existed, nconnected, ...rooms] = asArray(await scripts.run("removeSocket", [userName, socketId, Date.now()]), "removeSocket");
      const removal: SocketRemoval = { rooms: [], nconnected: asNumber(nconnected ?? null, "nconnected"), existed: existed === 1 };
      for (let k = 0; k + 2 < rooms.length; k += 3) {
        removal.rooms.push({ roomName: String(rooms[k]), njoined: asNumber(rooms[k + 1] ?? null, "njoined"), enableUserlistUpdates: rooms[k + 2] === 1 });
      }
      return removal;
    },

    async getSocket(socketId) {
      const [userName, instanceUID] = asArray(await scripts.run("getSocket", [socketId]), "getSocket");
      return typeof userName === "string" && typeof instanceUID === "string" ? { userName, instanceUID } : null;
    },

    async getUserSockets(userName) {
      return asRecord(await scripts.run("getUserSockets", [userName]), "getUserSockets");
    },

    async getUserSocketsRooms(userName) {
      const pairs = asArray(await scripts.run("getUserSocketsRooms", [userName]), "getUserSocketsRooms");
      const entries: [string, string[]][] = [];
      for (let k = 0; k + 1 < pairs.length; k += 2) entries.push([String(pairs[k]), asStrings(pairs[k + 1] ?? null, "socket rooms")]);
      return Object.fromEntries(entries);
    },

    async getUserRoomSockets(userName, roomName) {
      return asStrings(await scripts.run("getUserRoomSockets", [userName, roomName]), "getUserRoomSockets");
    },

    async joinSocket(userName, socketId, roomName) {
      const [kind, njoined, changed] = asArray(await scripts.run("joinSocket", [userName, socketId, roomName, Date.now()]), "joinSocket");
      if (kind === "noRoom" || kind === "noSocket") return { kind };
      return { kind: "joined", njoined: asNumber(njoined ?? null, "njoined"), changed: changed === 1 };
    },

    async lockAndJoinSocket(userName, socketId, roomName, token, ttl) {
      const reply = await scripts.run("lockAndJoinSocket", [userName, socketId, roomName, token, ttl, Date.now()]);
      const [kind, njoined, changed, enableUserlistUpdates, nconnected] = asArray(reply, "lockAndJoinSocket");
      if (kind === "locked" || kind === "noRoom" || kind === "notAllowed" || kind === "noSocket") return { kind };
      return {
        kind: "joined",
        njoined: asNumber(njoined ?? null, "njoined"),
        changed: changed === 1,
        enableUserlistUpdates: enableUserlistUpdates === 1,
        nconnected: asNumber(nconnected ?? null, "nconnected"),
      };
    },

    async leaveSocket(userName, socketId, roomName) {
      const [njoined, changed, left] = asArray(await scripts.run("leaveSocket", [userName, socketId, roomName, Date.now()]), "leaveSocket");
      return { njoined: asNumber(njoined ?? null, "njoined"), changed: changed === 1, leftUserlist: left === 1 };
    },

    async removeUserFromRoom(userName, roomName) {
      const [was, sockets] = asArray(await scripts.run("removeUserFromRoom", [userName, roomName, Date.now()]), "removeUserFromRoom");
      return { sockets: asStrings(sockets ?? null, "sockets"), wasInUserlist: was === 1 };
    },

    async pruneUserSockets(userName, instanceUID, liveSocketIds) {
      return asStrings(await scripts.run("pruneUserSockets", [userName, instanceUID, ...liveSocketIds]), "pruneUserSockets");
    },
  };
}
