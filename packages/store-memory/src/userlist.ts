/**
 * Userlist bookkeeping: a user enters or leaves a room's userlist only here, so the room's seen timestamp is
 * updated every time, as the store contract requires.
 * @module
 */
import type { RoomRecord } from "./state.js";

/** Adds the user to the userlist. @returns whether it was not there before. */
export function enterUserlist(room: RoomRecord, userName: string): boolean {
  if (room.lists.userlist.has(userName)) return false;
  room.lists.userlist.add(userName);
  room.seen.set(userName, Date.now());
  return true;
}

/** Removes the user from the userlist (a missing room counts as a userlist without the user). @returns whether it was there. */
export function leaveUserlist(room: RoomRecord | undefined, userName: string): boolean {
  if (!room?.lists.userlist.delete(userName)) return false;
  room.seen.set(userName, Date.now());
  return true;
}
