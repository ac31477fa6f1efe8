/**
 * Reads shared by command bodies: the room with the acting user's standing, the user's own name.
 * @module
 */
import { chatError } from "../errors.js";
import type { Runtime } from "../runtime.js";
import type { RoomAccess } from "../store.js";

/** The room and the user's standing in it, or `noRoom`. */
export async function requireRoom(rt: Runtime, roomName: string, userName: string | undefined): Promise<RoomAccess> {
  const access = await rt.store.getRoomAccess(roomName, userName ?? null);
  if (!access) throw chatError("noRoom", roomName);
  return access;
}

/** The acting user's name; user-less calls of user commands fail as an unknown user would. */
export function requireUser(userName: string | undefined): string {
  if (userName === undefined) throw chatError("noUser", String(userName));
  return userName;
}

/** `noRoom` when a store call found no room (`null` or `false`). */
export function found<T>(value: T | null | false, roomName: string): T {
  if (value === null || value === false) throw chatError("noRoom", roomName);
  return value;
}
