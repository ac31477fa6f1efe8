/**
 * The RecoveryAPI (PROTOCOL.md §14.3): repairs presence state after crashes or store failures.
 * @module
 */
import { chatError } from "./errors.js";
import { hasAccess } from "./permissions.js";
import { cleanUpSocket } from "./procedures/disconnect.js";
import { removeUserFromRoom } from "./procedures/remove.js";
import type { Runtime } from "./runtime.js";

/**
 * Drops the user's sockets recorded for this instance that are no longer connected, then removes the user from
 * every room (joined by any of its sockets — chat-service 1.0 checked only rooms joined by all of them) whose
 * userlist lacks it.
 */
export async function userStateSync(rt: Runtime, userName: string): Promise<void> {
  if (!(await rt.store.hasUser(userName))) throw chatError("noUser", userName);
  await rt.store.pruneUserSockets(userName, rt.instanceUID, rt.sockets.ofUser(userName));
  const socketsRooms = await rt.store.getUserSocketsRooms(userName);
  const rooms = new Set(Object.values(socketsRooms).flat());
  for (const roomName of rooms) {
    try {
      const listed = await rt.store.roomListHas(roomName, "userlist", userName);
      if (listed !== true) await removeUserFromRoom(rt, userName, roomName);
    } catch {
      // Per-room failures are ignored: the next sync retries.
    }
  }
}

/** Removes from a room's userlist every user with no socket joined to it, or without access. */
export async function roomStateSync(rt: Runtime, roomName: string): Promise<void> {
  const userlist = await rt.store.getRoomList(roomName, "userlist");
  if (!userlist) throw chatError("noRoom", roomName);
  for (const userName of userlist) {
    try {
      const sockets = await rt.store.getUserRoomSockets(userName, roomName);
      const access = await rt.store.getRoomAccess(roomName, userName);
      if (sockets.length === 0 || (access && !hasAccess(userName, access))) await removeUserFromRoom(rt, userName, roomName);
    } catch {
      // Per-user failures are ignored, as in chat-service 1.0.
    }
  }
}

/**
 * Cleans up every socket of an instance that died without `close()`, as disconnects would (without
 * `onDisconnect`), and forgets the instance. Used by the RecoveryAPI and by dead-instance detection.
 * A socket whose clean-up fails is reported with `storeConsistencyFailure` and skipped, as in chat-service 1.0.
 * @returns how many sockets the instance's registry held.
 */
export async function instanceRecovery(rt: Runtime, instanceUID: string): Promise<number> {
  const sockets = Object.entries(await rt.store.getInstanceSockets(instanceUID));
  for (const [socketId, userName] of sockets) {
    await cleanUpSocket(rt, userName, socketId);
  }
  if (instanceUID !== rt.instanceUID) await rt.store.removeInstance(instanceUID);
  return sockets.length;
}
