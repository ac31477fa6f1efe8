/**
 * Direct messaging: a user's own access lists and mode, and `directMessage` (PROTOCOL.md §8.2–8.7).
 * @module
 */
import { chatError } from "../errors.js";
import { allowsDirectMessage } from "../permissions.js";
import { directListNames, type DirectListName, type DirectMessage } from "../protocol/index.js";
import { echoChannel } from "../runtime.js";
import { requireUser } from "./guards.js";
import type { CommandBody } from "./types.js";

function requireDirectList(listName: string): DirectListName {
  if (!(directListNames as readonly string[]).includes(listName)) throw chatError("noList", listName);
  return listName as DirectListName;
}

export const directAddToList: CommandBody<"directAddToList"> = async (rt, { userName, args: [listName, names] }) => {
  const list = requireDirectList(listName);
  const user = requireUser(userName);
  if (names.includes(user)) throw chatError("notAllowed");
  const result = await rt.store.addToDirectList(user, list, names, rt.options.directListSizeLimit);
  if (result === "limitExceeded") throw chatError("listLimitExceeded", list);
  if (result !== "ok") throw chatError("noUser", user);
  return null;
};

export const directRemoveFromList: CommandBody<"directRemoveFromList"> = async (rt, { userName, args: [listName, names] }) => {
  const list = requireDirectList(listName);
  const user = requireUser(userName);
  if (names.includes(user)) throw chatError("notAllowed");
  if (!(await rt.store.removeFromDirectList(user, list, names))) throw chatError("noUser", user);
  return null;
};

export const directGetAccessList: CommandBody<"directGetAccessList"> = async (rt, { userName, args: [listName] }) => {
  const list = requireDirectList(listName);
  const user = requireUser(userName);
  const names = await rt.store.getDirectList(user, list);
  if (!names) throw chatError("noUser", user);
  return names;
};

export const directGetWhitelistMode: CommandBody<"directGetWhitelistMode"> = async (rt, { userName }) => {
  const user = requireUser(userName);
  const mode = await rt.store.getDirectWhitelistMode(user);
  if (mode === null) throw chatError("noUser", user);
  return mode;
};

export const directSetWhitelistMode: CommandBody<"directSetWhitelistMode"> = async (rt, { userName, args: [mode] }) => {
  const user = requireUser(userName);
  if (!(await rt.store.setDirectWhitelistMode(user, mode))) throw chatError("noUser", user);
  return null;
};

export const directMessage: CommandBody<"directMessage"> = async (rt, info) => {
  const { userName, id } = info;
  const [toUser, input] = info.args;
  if (!rt.options.enableDirectMessages) throw chatError("notAllowed");
  // Processed in place, as chat-service 1.0 does: after hooks and the reply see the processed object.
  const message = input as DirectMessage & Record<string, unknown>;
  delete message.id;
  message.timestamp = Date.now();
  if (userName !== undefined) message.author = userName;

  const access = await rt.store.getDirectAccess(toUser, userName ?? null);
  if (!access) throw chatError("noUser", toUser);
  if (userName === toUser) throw chatError("notAllowed");
  if (!info.bypassPermissions && !allowsDirectMessage(access)) throw chatError("notAllowed");
  if (access.nconnected === 0) throw chatError("noUserOnline", toUser);

  rt.delivery.toChannel(echoChannel(toUser), "directMessage", [message]);
  if (userName !== undefined) rt.delivery.toChannel(echoChannel(userName), "directMessageEcho", [toUser, message], id);
  return message;
};
