/**
 * A user's socket-room associations, kept in both directions (socket → rooms, room → sockets) so that every
 * lookup the store offers is direct, as in the Redis layout of PROTOCOL.md Appendix A.
 * @module
 */
import type { MemoryState, UserConnections } from "./state.js";

/** The user's connections, created on demand. */
export function connectionsOf(state: MemoryState, userName: string): UserConnections {
  let connections = state.connections.get(userName);
  if (!connections) {
    connections = { sockets: new Map(), socketRooms: new Map(), roomSockets: new Map() };
    state.connections.set(userName, connections);
  }
  return connections;
}

/** Forgets a user's connections once nothing is left in them, so that departed users leave no trace. */
export function forgetIfEmpty(state: MemoryState, userName: string): void {
  const connections = state.connections.get(userName);
  if (connections && connections.sockets.size === 0 && connections.socketRooms.size === 0) {
    state.connections.delete(userName);
  }
}

/** How many of the user's sockets are joined to the room. */
export function joinedCount(connections: UserConnections | undefined, roomName: string): number {
  return connections?.roomSockets.get(roomName)?.size ?? 0;
}

/** Associates a socket with a room. @returns whether it was not associated before. */
export function associate(connections: UserConnections, socketId: string, roomName: string): boolean {
  let rooms = connections.socketRooms.get(socketId);
  if (!rooms) connections.socketRooms.set(socketId, (rooms = new Set()));
  if (rooms.has(roomName)) return false;
  rooms.add(roomName);
  let sockets = connections.roomSockets.get(roomName);
  if (!sockets) connections.roomSockets.set(roomName, (sockets = new Set()));
  sockets.add(socketId);
  return true;
}

/** Removes a socket's association with a room, and emptied sets with it. @returns whether there was one. */
export function dissociate(connections: UserConnections, socketId: string, roomName: string): boolean {
  const rooms = connections.socketRooms.get(socketId);
  if (!rooms?.delete(roomName)) return false;
  if (rooms.size === 0) connections.socketRooms.delete(socketId);
  const sockets = connections.roomSockets.get(roomName);
  sockets?.delete(socketId);
  if (sockets?.size === 0) connections.roomSockets.delete(roomName);
  return true;
}

/** The rooms a socket is joined to, as a new array (callers dissociate while iterating). */
export function roomsOf(connections: UserConnections | undefined, socketId: string): string[] {
  return [...(connections?.socketRooms.get(socketId) ?? [])];
}
