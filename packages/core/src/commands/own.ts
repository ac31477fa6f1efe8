/**
 * Commands about the user's own sockets (PROTOCOL.md §8.8, 8.25).
 * @module
 */
import { echoChannel } from "../runtime.js";
import type { CommandBody } from "./types.js";

export const listOwnSockets: CommandBody<"listOwnSockets"> = async (rt, { userName }) =>
  userName === undefined ? {} : rt.store.getUserSocketsRooms(userName);

export const systemMessage: CommandBody<"systemMessage"> = async (rt, { userName, id, args: [data] }) => {
  if (userName !== undefined) rt.delivery.toChannel(echoChannel(userName), "systemMessage", [data], id);
  return null;
};
