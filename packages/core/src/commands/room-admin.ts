/**
 * Room management: create, delete, access lists and mode (PROTOCOL.md §8.9–8.11, 8.22, 8.23).
 * @module
 */
import { chatError } from "../errors.js";
import { assertCanEditList, isAdmin } from "../permissions.js";
import { editableRoomListNames, isValidName, type EditableRoomListName } from "../protocol/index.js";
import { removeUserFromRoom, removeUsersWithoutAccess } from "../procedures/remove.js";
import { found, requireRoom } from "./guards.js";
import type { CommandBody } from "./types.js";

function requireEditableList(listName: string): EditableRoomListName {
  if (!(editableRoomListNames as readonly string[]).includes(listName)) throw chatError("noList", listName);
  return listName as EditableRoomListName;
}

export const roomCreate: CommandBody<"roomCreate"> = async (rt, { userName, bypassPermissions, args: [roomName, whitelistOnly] }) => {
  if (!rt.options.enableRoomsManagement && !bypassPermissions) throw chatError("notAllowed");
  if (!isValidName(roomName)) throw chatError("invalidName", roomName);
  const created = await rt.store.addRoom(roomName, {
    owner: userName ?? null,
    whitelistOnly,
    adminlist: [],
    whitelist: [],
    blacklist: [],
    enableAccessListsUpdates: rt.options.enableAccessListsUpdates,
    enableUserlistUpdates: rt.options.enableUserlistUpdates,
    historyMaxSize: rt.options.historyMaxSize,
  });
  if (!created) throw chatError("roomExists", roomName);
  return null;
};

export const roomDelete: CommandBody<"roomDelete"> = async (rt, { userName, bypassPermissions, args: [roomName] }) => {
  if (!rt.options.enableRoomsManagement && !bypassPermissions) throw chatError("notAllowed");
  const access = await requireRoom(rt, roomName, userName);
  if (!bypassPermissions && (userName === undefined || userName !== access.owner)) throw chatError("notAllowed");
  // Hidden first, so that no join, message or list change can slip in while members are removed.
  const userlist = found(await rt.store.hideRoom(roomName), roomName);
  await Promise.all(userlist.map((name) => removeUserFromRoom(rt, name, roomName)));
  await rt.store.removeRoom(roomName);
  return null;
};

export const roomAddToList: CommandBody<"roomAddToList"> = async (rt, { userName, bypassPermissions, args: [roomName, listName, names] }) => {
  const access = await requireRoom(rt, roomName, userName);
  assertCanEditList(userName, access, listName, names, !!bypassPermissions);
  const list = requireEditableList(listName);
  const result = await rt.store.addToRoomList(roomName, list, names, rt.options.roomListSizeLimit);
  if (result === "limitExceeded") throw chatError("listLimitExceeded", list);
  if (result !== "ok") throw chatError("noRoom", roomName);
  if (access.enableAccessListsUpdates) rt.delivery.toChannel(roomName, "roomAccessListAdded", [roomName, list, names]);
  // Only a blacklist addition can take access away.
  if (list === "blacklist" && names.length > 0) await removeUsersWithoutAccess(rt, roomName);
  return null;
};

export const roomRemoveFromList: CommandBody<"roomRemoveFromList"> = async (rt, { userName, bypassPermissions, args: [roomName, listName, names] }) => {
  const access = await requireRoom(rt, roomName, userName);
  assertCanEditList(userName, access, listName, names, !!bypassPermissions);
  const list = requireEditableList(listName);
  found(await rt.store.removeFromRoomList(roomName, list, names), roomName);
  if (access.enableAccessListsUpdates) rt.delivery.toChannel(roomName, "roomAccessListRemoved", [roomName, list, names]);
  // Losing admin status or a whitelist entry can take access away (chat-service 1.0 ignored the former).
  if (list !== "blacklist" && names.length > 0) await removeUsersWithoutAccess(rt, roomName);
  return null;
};

export const roomSetWhitelistMode: CommandBody<"roomSetWhitelistMode"> = async (rt, { userName, bypassPermissions, args: [roomName, mode] }) => {
  const access = await requireRoom(rt, roomName, userName);
  if (!bypassPermissions && !isAdmin(userName, access)) throw chatError("notAllowed");
  found(await rt.store.updateRoom(roomName, { whitelistOnly: mode }), roomName);
  if (access.enableAccessListsUpdates) rt.delivery.toChannel(roomName, "roomModeChanged", [roomName, mode]);
  if (mode) await removeUsersWithoutAccess(rt, roomName);
  return null;
};
