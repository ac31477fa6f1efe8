/**
 * Room reads (PROTOCOL.md §8.12–8.16, 8.20, 8.21, 8.24): joined users, the owner and admins may read.
 * @module
 */
import { chatError } from "../errors.js";
import { assertCanRead } from "../permissions.js";
import { roomListNames, type RoomListName } from "../protocol/index.js";
import { found, requireRoom } from "./guards.js";
import type { CommandBody } from "./types.js";

export const roomGetAccessList: CommandBody<"roomGetAccessList"> = async (rt, { userName, bypassPermissions, args: [roomName, listName] }) => {
  const access = await requireRoom(rt, roomName, userName);
  assertCanRead(userName, access, roomName, !!bypassPermissions);
  if (!(roomListNames as readonly string[]).includes(listName)) throw chatError("noList", listName);
  return found(await rt.store.getRoomList(roomName, listName as RoomListName), roomName);
};

export const roomGetOwner: CommandBody<"roomGetOwner"> = async (rt, { userName, bypassPermissions, args: [roomName] }) => {
  const access = await requireRoom(rt, roomName, userName);
  assertCanRead(userName, access, roomName, !!bypassPermissions);
  return access.owner;
};

export const roomGetWhitelistMode: CommandBody<"roomGetWhitelistMode"> = async (rt, { userName, bypassPermissions, args: [roomName] }) => {
  const access = await requireRoom(rt, roomName, userName);
  assertCanRead(userName, access, roomName, !!bypassPermissions);
  return access.whitelistOnly;
};

export const roomNotificationsInfo: CommandBody<"roomNotificationsInfo"> = async (rt, { userName, bypassPermissions, args: [roomName] }) => {
  const access = await requireRoom(rt, roomName, userName);
  assertCanRead(userName, access, roomName, !!bypassPermissions);
  return { enableUserlistUpdates: access.enableUserlistUpdates, enableAccessListsUpdates: access.enableAccessListsUpdates };
};

export const roomHistoryInfo: CommandBody<"roomHistoryInfo"> = async (rt, { userName, bypassPermissions, args: [roomName] }) => {
  const access = await requireRoom(rt, roomName, userName);
  assertCanRead(userName, access, roomName, !!bypassPermissions);
  const info = found(await rt.store.getHistoryInfo(roomName), roomName);
  return { ...info, historyMaxGetMessages: rt.options.historyMaxGetMessages };
};

export const roomRecentHistory: CommandBody<"roomRecentHistory"> = async (rt, { userName, bypassPermissions, args: [roomName] }) => {
  const access = await requireRoom(rt, roomName, userName);
  assertCanRead(userName, access, roomName, !!bypassPermissions);
  return found(await rt.store.getRecentMessages(roomName, rt.options.historyMaxGetMessages), roomName);
};

export const roomHistoryGet: CommandBody<"roomHistoryGet"> = async (rt, { userName, bypassPermissions, args: [roomName, id, limit] }) => {
  const cap = bypassPermissions ? limit : Math.min(limit, rt.options.historyMaxGetMessages);
  // One store call: the messages are read with the reader's standing and returned only once it allows reading.
  const read = found(await rt.store.getRoomAccessAndMessagesAfter(roomName, userName ?? null, id, Math.max(0, cap)), roomName);
  assertCanRead(userName, read.access, roomName, !!bypassPermissions);
  return read.messages;
};

export const roomUserSeen: CommandBody<"roomUserSeen"> = async (rt, { userName, bypassPermissions, args: [roomName, seenName] }) => {
  const access = await requireRoom(rt, roomName, userName);
  assertCanRead(userName, access, roomName, !!bypassPermissions);
  return found(await rt.store.getUserSeen(roomName, seenName), roomName);
};
