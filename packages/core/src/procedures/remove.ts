/**
 * REMOVE (PROTOCOL.md §7.4): a user loses access to a room; every one of its sockets leaves it, on every
 * instance, and all of the user's sockets are told with `roomAccessRemoved`.
 * @module
 */
import { callHookIgnoringErrors } from "../hooks.js";
import { hasAccessInState, toSets } from "../permissions.js";
import { echoChannel, type Runtime } from "../runtime.js";
import type { UserRoomRemoval } from "../store.js";

export async function removeUserFromRoom(rt: Runtime, userName: string, roomName: string): Promise<void> {
  // A removal must happen even when a long join holds the lock: access control matters more than ordering.
  await rt.locks.withLock(
    userName,
    roomName,
    async () => {
      let removal: UserRoomRemoval;
      try {
        removal = await rt.store.removeUserFromRoom(userName, roomName);
      } catch (error) {
        rt.emit("storeConsistencyFailure", error, { userName, roomName, opType: "roomUserlist" });
        return;
      }
      const { sockets } = removal;
      if (sockets.length === 0) return;
      // A transport that fails to drop a socket from the channel must not stop the removal: the store already
      // took the access away, and the user must still be told (as LEAVE does, §7.2).
      await Promise.all(
        sockets.map((id) =>
          rt.delivery.leaveChannel(id, roomName).catch((error: unknown) => {
            rt.emit("transportConsistencyFailure", error, { userName, roomName, id, opType: "transportChannel" });
          }),
        ),
      );
      await Promise.all(sockets.map((id) => callHookIgnoringErrors(rt.hooks.onLeave, rt.service, { id, roomName, njoined: 0 })));
      // A room being deleted is hidden already: then nobody is told who left (its members are all removed).
      const settings = await rt.store.getRoomAccess(roomName, null).catch(() => null);
      rt.delivery.toChannel(echoChannel(userName), "roomAccessRemoved", [roomName]);
      if (settings?.enableUserlistUpdates) rt.delivery.toChannel(roomName, "roomUserLeft", [roomName, userName]);
    },
    true,
  );
}

/**
 * Re-checks every user in a room's userlist after a list or mode change, and removes those who lost access.
 * This covers what chat-service 1.0 missed: losing admin status, and never removing the owner.
 */
export async function removeUsersWithoutAccess(rt: Runtime, roomName: string): Promise<void> {
  const state = await rt.store.getRoomState(roomName);
  if (!state) return;
  const lists = toSets(state);
  const losers = state.userlist.filter((name) => !hasAccessInState(name, state, lists));
  await Promise.all(losers.map((name) => removeUserFromRoom(rt, name, roomName)));
}
