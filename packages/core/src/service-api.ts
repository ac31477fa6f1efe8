/**
 * The ServiceAPI (PROTOCOL.md §14.2) besides `execUserCommand`: users, rooms and their settings, server side.
 * Errors are raw `ChatServiceError`s.
 * @module
 */
import { chatError } from "./errors.js";
import { allowsDirectMessage, hasAccess } from "./permissions.js";
import { directListNames, isPlainObject, isValidName, roomListNames, type DirectListName, type RoomListName } from "./protocol/index.js";
import type { Runtime } from "./runtime.js";
import type { RoomInit, RoomSettings } from "./store.js";

/** Initial direct-messaging state of a user created with `addUser`. */
export interface UserStateInit {
  /**
   * Users whose direct messages are accepted in whitelist-only mode.
   * @default []
   */
  whitelist?: string[];
  /**
   * Users whose direct messages are refused.
   * @default []
   */
  blacklist?: string[];
  /**
   * Accept direct messages from whitelisted users only.
   * @default false
   */
  whitelistOnly?: boolean;
}

/** Initial state of a room created with `addRoom`. The userlist always starts empty. */
export interface RoomStateInit {
  /**
   * The owner: may delete the room and always has access.
   * @default no owner
   */
  owner?: string;
  /**
   * Admit whitelisted users (and the owner and admins) only.
   * @default false
   */
  whitelistOnly?: boolean;
  /**
   * Users admitted in whitelist-only mode.
   * @default []
   */
  whitelist?: string[];
  /**
   * Users who may never join.
   * @default []
   */
  blacklist?: string[];
  /**
   * Users who may edit the room's lists and mode.
   * @default []
   */
  adminlist?: string[];
  /** @default the service's `historyMaxSize` */
  historyMaxSize?: number;
  /** @default the service option */
  enableAccessListsUpdates?: boolean;
  /** @default the service option */
  enableUserlistUpdates?: boolean;
}

function stringList(value: unknown, state: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) throw chatError("badArgument", 1, state);
  return value as string[];
}

function validSize(value: unknown, position: number): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw chatError("badArgument", position, value);
  return value as number;
}

function optionalState(state: unknown): Record<string, unknown> {
  if (state === undefined || state === null) return {};
  if (!isPlainObject(state)) throw chatError("badArgument", 1, state);
  return state;
}

export async function addUser(rt: Runtime, userName: string, init?: UserStateInit): Promise<void> {
  if (!isValidName(userName)) throw chatError("invalidName", userName);
  const state = optionalState(init);
  const created = await rt.store.addUser(userName, {
    whitelist: stringList(state.whitelist, init),
    blacklist: stringList(state.blacklist, init),
    whitelistOnly: Boolean(state.whitelistOnly),
  });
  if (!created) throw chatError("userExists", userName);
}

export async function deleteUser(rt: Runtime, userName: string): Promise<void> {
  const result = await rt.store.removeUser(userName);
  if (result === "noUser") throw chatError("noUser", userName);
  if (result === "online") throw chatError("userOnline", userName);
}

export async function userHasInList(rt: Runtime, userName: string, listName: string, item: string): Promise<boolean> {
  if (!(await rt.store.hasUser(userName))) throw chatError("noUser", userName);
  if (!(directListNames as readonly string[]).includes(listName)) throw chatError("noList", listName);
  const has = await rt.store.directListHas(userName, listName as DirectListName, item);
  if (has === null) throw chatError("noUser", userName);
  return has;
}

export async function hasDirectAccess(rt: Runtime, recipient: string, sender: string): Promise<boolean> {
  if (recipient === sender) return false;
  const access = await rt.store.getDirectAccess(recipient, sender);
  return access !== null && allowsDirectMessage(access);
}

export async function addRoom(rt: Runtime, roomName: string, init?: RoomStateInit): Promise<void> {
  if (!isValidName(roomName)) throw chatError("invalidName", roomName);
  const state = optionalState(init);
  if (state.owner !== undefined && typeof state.owner !== "string") throw chatError("badArgument", 1, init);
  const room: RoomInit = {
    owner: (state.owner as string | undefined) ?? null,
    whitelistOnly: Boolean(state.whitelistOnly),
    whitelist: stringList(state.whitelist, init),
    blacklist: stringList(state.blacklist, init),
    adminlist: stringList(state.adminlist, init),
    historyMaxSize: state.historyMaxSize === undefined ? rt.options.historyMaxSize : validSize(state.historyMaxSize, 1),
    enableAccessListsUpdates: Boolean(state.enableAccessListsUpdates ?? rt.options.enableAccessListsUpdates),
    enableUserlistUpdates: Boolean(state.enableUserlistUpdates ?? rt.options.enableUserlistUpdates),
  };
  if (!(await rt.store.addRoom(roomName, room))) throw chatError("roomExists", roomName);
}

export async function roomHasInList(rt: Runtime, roomName: string, listName: string, item: string): Promise<boolean> {
  if (!(await rt.store.hasRoom(roomName))) throw chatError("noRoom", roomName);
  if (!(roomListNames as readonly string[]).includes(listName)) throw chatError("noList", listName);
  const has = await rt.store.roomListHas(roomName, listName as RoomListName, item);
  if (has === null) throw chatError("noRoom", roomName);
  return has;
}

/** `false` for an unknown room, as chat-service 1.0 answers (the store reports it as `null`). */
export async function hasRoomAccess(rt: Runtime, roomName: string, userName: string): Promise<boolean> {
  const access = await rt.store.getRoomAccess(roomName, userName);
  return access !== null && hasAccess(userName, access);
}

export async function updateRoomSettings(rt: Runtime, roomName: string, patch: Partial<RoomSettings>): Promise<void> {
  if (!(await rt.store.updateRoom(roomName, patch))) throw chatError("noRoom", roomName);
}

export async function changeRoomHistoryMaxSize(rt: Runtime, roomName: string, size: number): Promise<void> {
  await updateRoomSettings(rt, roomName, { historyMaxSize: validSize(size, 1) });
}
