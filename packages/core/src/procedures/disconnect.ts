/**
 * DISCONNECT-CLEANUP (PROTOCOL.md §7.3): a socket is gone; its rooms, presence and the user's other sockets are
 * updated. Unlike chat-service 1.0, it holds the user's locks of the socket's rooms, so it never interleaves
 * with a join or leave of the same user and room.
 *
 * Channels need no clean-up: a transport forgets a disconnected socket's channels with the socket, and a dead
 * instance's sockets are gone with it (asking over the bus would only wait for an answer that never comes).
 * @module
 */
import { callHookIgnoringErrors } from "../hooks.js";
import { echoChannel, type Runtime } from "../runtime.js";
import type { DisconnectInfo } from "../hooks.js";

/** Cleans a socket's state. @returns what `onDisconnect` receives. */
export async function cleanUpSocket(rt: Runtime, userName: string, socketId: string): Promise<DisconnectInfo> {
  try {
    const rooms = (await rt.store.getUserSocketsRooms(userName))[socketId] ?? [];
    // A join that starts after this read fails: the store refuses to join a socket it no longer knows.
    return await rt.locks.withLocks(userName, rooms, async () => {
      const removal = await rt.store.removeSocket(userName, socketId);
      await Promise.all(
        removal.rooms.map(async ({ roomName, njoined, enableUserlistUpdates }) => {
          await callHookIgnoringErrors(rt.hooks.onLeave, rt.service, { id: socketId, roomName, njoined });
          // Echoes go to the user's other sockets: with none left, there is nobody to tell.
          if (removal.nconnected > 0) rt.delivery.toChannel(echoChannel(userName), "roomLeftEcho", [roomName, socketId, njoined], socketId);
          // The store read the room's setting with the removal: no further call (a round trip on Redis).
          if (njoined === 0 && enableUserlistUpdates) rt.delivery.toChannel(roomName, "roomUserLeft", [roomName, userName]);
        }),
      );
      if (removal.existed && removal.nconnected > 0) {
        rt.delivery.toChannel(echoChannel(userName), "socketDisconnectEcho", [socketId, removal.nconnected], socketId);
      }
      return {
        id: socketId,
        roomsRemoved: removal.rooms.map((room) => room.roomName),
        joinedSockets: removal.rooms.map((room) => room.njoined),
        nconnected: removal.nconnected,
      };
    });
  } catch (error) {
    rt.emit("storeConsistencyFailure", error, { userName, id: socketId, opType: "userSockets" });
    return { id: socketId };
  }
}
