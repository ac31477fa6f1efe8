/**
 * Joining, leaving and posting (PROTOCOL.md §8.17–8.19).
 * @module
 */
import { chatError } from "../errors.js";
import { joinRoom } from "../procedures/join.js";
import { leaveRoom } from "../procedures/leave.js";
import type { RoomMessage } from "../protocol/index.js";
import { found, requireRoom, requireUser } from "./guards.js";
import type { CommandBody } from "./types.js";

function requireSocket(id: string | null, command: string): string {
  if (id === null) throw chatError("noSocket", command);
  return id;
}

export const roomJoin: CommandBody<"roomJoin"> = async (rt, { userName, id, isLocalCall, args: [roomName] }) =>
  joinRoom(rt, requireUser(userName), requireSocket(id, "roomJoin"), roomName, isLocalCall);

export const roomLeave: CommandBody<"roomLeave"> = async (rt, { userName, id, isLocalCall, args: [roomName] }) =>
  leaveRoom(rt, requireUser(userName), requireSocket(id, "roomLeave"), roomName, isLocalCall);

export const roomMessage: CommandBody<"roomMessage"> = async (rt, info) => {
  const { userName, bypassPermissions } = info;
  const [roomName, input] = info.args;
  if (!bypassPermissions && userName === undefined) {
    await requireRoom(rt, roomName, userName);
    throw chatError("notJoined", roomName); // nobody is in the userlist on behalf of a user-less call
  }
  // Processed in place, as chat-service 1.0 does: after hooks see the message with its id and timestamp.
  const message = input as RoomMessage;
  delete (message as Partial<RoomMessage>).id;
  message.timestamp = Date.now();
  if (userName !== undefined) message.author = userName;
  // A member's message is checked and stored by one store call: the hottest command costs one round trip.
  const id =
    bypassPermissions || userName === undefined
      ? await rt.store.appendMessage(roomName, message)
      : await rt.store.appendMessageByMember(roomName, userName, message);
  if (id === false) throw chatError("notJoined", roomName);
  message.id = found(id, roomName);
  rt.delivery.toChannel(roomName, "roomMessage", [roomName, message]);
  return message.id;
};
