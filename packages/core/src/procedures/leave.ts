/**
 * LEAVE (PROTOCOL.md §7.2): a socket leaves a room, under the user/room lock.
 * @module
 */
import { chatError } from "../errors.js";
import { callHookIgnoringErrors } from "../hooks.js";
import { echoChannel, type Runtime } from "../runtime.js";

export async function leaveRoom(rt: Runtime, userName: string, socketId: string, roomName: string, isLocalCall: boolean): Promise<number> {
  if (!(await rt.store.hasRoom(roomName))) throw chatError("noRoom", roomName);

  return rt.locks.withLock(userName, roomName, async () => {
    const [settings, left] = await Promise.all([
      rt.store.getRoomAccess(roomName, null).catch(() => null),
      rt.store.leaveSocket(userName, socketId, roomName),
    ]);
    try {
      await rt.delivery.leaveChannel(socketId, roomName);
    } catch (error) {
      rt.emit("transportConsistencyFailure", error, { userName, roomName, id: socketId, opType: "transportChannel" });
    }
    if (left.changed) {
      rt.delivery.toChannel(echoChannel(userName), "roomLeftEcho", [roomName, socketId, left.njoined], isLocalCall ? null : socketId);
      // Only when the user's last socket left: the user is still in the room otherwise (a 1.0 quirk we fix).
      if (left.leftUserlist && settings?.enableUserlistUpdates) {
        rt.delivery.toChannel(roomName, "roomUserLeft", [roomName, userName]);
      }
      await callHookIgnoringErrors(rt.hooks.onLeave, rt.service, { id: socketId, roomName, njoined: left.njoined });
    }
    return left.njoined;
  });
}
