/**
 * Room and direct-messaging permission predicates (PROTOCOL.md §6), evaluated on what the store read.
 * @module
 */
import { chatError } from "./errors.js";
import type { RoomAccess, RoomState, DirectAccess } from "./store.js";

/** Owner or listed admin. */
export function isAdmin(userName: string | undefined, access: RoomAccess): boolean {
  return userName !== undefined && (userName === access.owner || access.inAdminlist);
}

/**
 * May join: admins always; then the blacklist; then, in whitelist mode, the whitelist. Exported for stores, whose
 * `lockAndJoinSocket` applies this rule.
 */
export function hasAccess(userName: string | undefined, access: RoomAccess): boolean {
  if (isAdmin(userName, access)) return true;
  if (access.inBlacklist) return false;
  return !access.whitelistOnly || access.inWhitelist;
}

/**
 * {@link hasAccess} evaluated on a whole room state, for re-checking every joined user at once. The access record
 * is spelt out, not `{ ...state, inAdminlist, … }`: Node 20's V8 takes a slow path for properties added after a
 * spread (microseconds per user of the room).
 */
export function hasAccessInState(userName: string, state: RoomState, lists: RoomStateSets): boolean {
  const { owner, whitelistOnly, enableAccessListsUpdates, enableUserlistUpdates, historyMaxSize } = state;
  return hasAccess(userName, {
    owner,
    whitelistOnly,
    enableAccessListsUpdates,
    enableUserlistUpdates,
    historyMaxSize,
    inAdminlist: lists.adminlist.has(userName),
    inWhitelist: lists.whitelist.has(userName),
    inBlacklist: lists.blacklist.has(userName),
    inUserlist: lists.userlist.has(userName),
  });
}

/** A room state's lists as sets, for membership tests in loops. */
export interface RoomStateSets {
  adminlist: Set<string>;
  whitelist: Set<string>;
  blacklist: Set<string>;
  userlist: Set<string>;
}

export function toSets(state: RoomState): RoomStateSets {
  return {
    adminlist: new Set(state.adminlist),
    whitelist: new Set(state.whitelist),
    blacklist: new Set(state.blacklist),
    userlist: new Set(state.userlist),
  };
}

/** Room reads: joined users, the owner and admins (no join needed), or bypass. */
export function assertCanRead(userName: string | undefined, access: RoomAccess, roomName: string, bypass: boolean): void {
  if (!bypass && !access.inUserlist && !isAdmin(userName, access)) throw chatError("notJoined", roomName);
}

/**
 * Editing a room list (PROTOCOL.md §6.2 canEditList): never the userlist; the owner anything; admins any list but
 * the adminlist, and never naming the owner.
 */
export function assertCanEditList(
  userName: string | undefined,
  access: RoomAccess,
  listName: string,
  names: readonly string[],
  bypass: boolean,
): void {
  if (listName === "userlist") throw chatError("notAllowed");
  if (bypass) return;
  if (userName !== undefined && userName === access.owner) return;
  if (listName === "adminlist" || !access.inAdminlist) throw chatError("notAllowed");
  if (access.owner !== null && names.includes(access.owner)) throw chatError("notAllowed");
}

/** Whether `sender` may direct-message a recipient (the self case is checked by the caller). */
export function allowsDirectMessage(access: DirectAccess): boolean {
  if (access.senderInBlacklist) return false;
  return !access.whitelistOnly || access.senderInWhitelist;
}
