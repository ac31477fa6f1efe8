/**
 * JOIN (PROTOCOL.md §7.1): a socket joins a room, under the user/room lock.
 * @module
 */
import { chatError } from "../errors.js";
import { callHook } from "../hooks.js";
import { hasAccess } from "../permissions.js";
import { echoChannel, type Runtime } from "../runtime.js";

export async function joinRoom(rt: Runtime, userName: string, socketId: string, roomName: string, isLocalCall: boolean): Promise<number> {
  // A missing room is reported by the access read under the lock: a separate existence check first would be one
  // more store round trip on every join, the call a connecting client makes first.
  const socket = rt.sockets.get(socketId);
  if (!socket || socket.state !== "online") throw chatError("invalidSocket", socketId);

  return rt.locks.withLock(userName, roomName, async () => {
    const access = await rt.store.getRoomAccess(roomName, userName);
    if (!access) throw chatError("noRoom", roomName);
    if (!hasAccess(userName, access)) throw chatError("notAllowed");

    const joined = await rt.store.joinSocket(userName, socketId, roomName);
    if (joined.kind === "noRoom") throw chatError("noRoom", roomName);
    if (joined.kind === "noSocket") throw chatError("invalidSocket", socketId);
    const { njoined, changed } = joined;

    try {
      // The socket may have disconnected while the store was updated: then the join is undone below.
      if (!socket.transport.joinChannel(socketId, roomName)) throw chatError("invalidSocket", socketId);
      if (changed && rt.hooks.onJoin) await callHook(rt.hooks.onJoin, rt.service, { id: socketId, roomName, njoined });
    } catch (error) {
      await rollBack(rt, userName, socketId, roomName, changed);
      throw error;
    }

    await followRoomMessages(rt, roomName);
    if (changed) {
      if (njoined === 1 && access.enableUserlistUpdates) {
        rt.delivery.toChannel(roomName, "roomUserJoined", [roomName, userName]);
      }
      rt.delivery.toChannel(echoChannel(userName), "roomJoinedEcho", [roomName, socketId, njoined], isLocalCall ? null : socketId);
    }
    return njoined;
  });
}

/**
 * In a cluster, makes this instance deliver the room's messages in id order from now on (see RoomMessageOrder),
 * starting after the last id stored before this join. Best effort: without it, ordering starts at the next
 * message that arrives.
 */
async function followRoomMessages(rt: Runtime, roomName: string): Promise<void> {
  const order = rt.delivery.roomOrder;
  if (!order || order.isTracked(roomName)) return;
  try {
    const info = await rt.store.getHistoryInfo(roomName);
    if (info) order.start(roomName, info.lastMessageId);
  } catch {
    // The store failed right after the join succeeded: ordering starts lazily instead.
  }
}

/** Undoes a join completely: the store association and the channel membership (chat-service 1.0 left the latter). */
async function rollBack(rt: Runtime, userName: string, socketId: string, roomName: string, changed: boolean): Promise<void> {
  rt.sockets.get(socketId)?.transport.leaveChannel(socketId, roomName);
  if (!changed) return;
  try {
    await rt.store.leaveSocket(userName, socketId, roomName);
  } catch (error) {
    rt.emit("storeConsistencyFailure", error, { userName, roomName, opType: "userRooms" });
  }
}
