/**
 * JOIN (PROTOCOL.md §7.1): a socket joins a room, under the user/room lock.
 * @module
 */
import { chatError } from "../errors.js";
import { callHook } from "../hooks.js";
import { echoChannel, type Runtime } from "../runtime.js";

export async function joinRoom(rt: Runtime, userName: string, socketId: string, roomName: string, isLocalCall: boolean): Promise<number> {
  const socket = rt.sockets.get(socketId);
  if (!socket || socket.state !== "online") throw chatError("invalidSocket", socketId);

  // Joining is what a connecting client does first, so the lock, the room and access checks and the store's join
  // are one store call (one Redis round trip instead of three); its outcomes come in PROTOCOL.md §7.1's order.
  const lockAndJoin = async (token: string, ttl: number) => {
    const joined = await rt.store.lockAndJoinSocket(userName, socketId, roomName, token, ttl);
    return joined.kind === "locked" ? undefined : joined;
  };
  return rt.locks.withLockTakenBy(userName, roomName, lockAndJoin, async (joined) => {
    if (joined.kind === "noRoom") throw chatError("noRoom", roomName);
    if (joined.kind === "notAllowed") throw chatError("notAllowed");
    if (joined.kind === "noSocket") throw chatError("invalidSocket", socketId);
    const { njoined, changed, enableUserlistUpdates, nconnected } = joined;

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
      if (njoined === 1 && enableUserlistUpdates) {
        rt.delivery.toChannel(roomName, "roomUserJoined", [roomName, userName]);
      }
      // A client's own join is echoed to its user's other sockets only: with none, there is nobody to tell (and on
      // Redis, no publication to make).
      if (isLocalCall || nconnected > 1) {
        rt.delivery.toChannel(echoChannel(userName), "roomJoinedEcho", [roomName, socketId, njoined], isLocalCall ? null : socketId);
      }
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
