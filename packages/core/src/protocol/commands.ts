/**
 * The 24 client commands: argument tuples, result types and the runtime argument specification.
 * Both the server's command table and the client's typed methods are keyed by {@link Commands}.
 * @module
 */
import type {
  DirectListName,
  DirectMessage,
  EditableRoomListName,
  HistoryInfo,
  MessageInput,
  NotificationsInfo,
  RoomListName,
  RoomMessage,
  SocketsInfo,
  UserSeenInfo,
} from "./messages.js";

/** Command name → `{ args, result }`. Argument names document positions; results are the ack's second value. */
export interface Commands {
  directAddToList: { args: [listName: DirectListName, userNames: string[]]; result: null };
  directGetAccessList: { args: [listName: DirectListName]; result: string[] };
  directGetWhitelistMode: { args: []; result: boolean };
  directMessage: { args: [toUser: string, message: MessageInput]; result: DirectMessage };
  directRemoveFromList: { args: [listName: DirectListName, userNames: string[]]; result: null };
  directSetWhitelistMode: { args: [mode: boolean]; result: null };
  listOwnSockets: { args: []; result: SocketsInfo };
  roomAddToList: { args: [roomName: string, listName: EditableRoomListName, userNames: string[]]; result: null };
  roomCreate: { args: [roomName: string, whitelistOnly: boolean]; result: null };
  roomDelete: { args: [roomName: string]; result: null };
  roomGetAccessList: { args: [roomName: string, listName: RoomListName]; result: string[] };
  roomGetOwner: { args: [roomName: string]; result: string | null };
  roomGetWhitelistMode: { args: [roomName: string]; result: boolean };
  roomHistoryGet: { args: [roomName: string, id: number, limit: number]; result: RoomMessage[] };
  roomHistoryInfo: { args: [roomName: string]; result: HistoryInfo };
  roomJoin: { args: [roomName: string]; result: number };
  roomLeave: { args: [roomName: string]; result: number };
  roomMessage: { args: [roomName: string, message: MessageInput]; result: number };
  roomNotificationsInfo: { args: [roomName: string]; result: NotificationsInfo };
  roomRecentHistory: { args: [roomName: string]; result: RoomMessage[] };
  roomRemoveFromList: { args: [roomName: string, listName: EditableRoomListName, userNames: string[]]; result: null };
  roomSetWhitelistMode: { args: [roomName: string, mode: boolean]; result: null };
  roomUserSeen: { args: [roomName: string, userName: string]; result: UserSeenInfo };
  systemMessage: { args: [data: unknown]; result: null };
}

export type CommandName = keyof Commands;
export type CommandArgs<C extends CommandName> = Commands[C]["args"];
export type CommandResult<C extends CommandName> = Commands[C]["result"];

/**
 * Runtime argument kinds.
 * - `string`: any string, the empty one included.
 * - `stringArray`: an array of strings, possibly empty.
 * - `boolean`: exactly `true` or `false`.
 * - `id`: a non-negative safe integer (chat-service 1.0 let fractions through; we refuse them).
 * - `limit`: a safe integer ≥ 1.
 * - `message`: a room or direct message; `{ textMessage: string }` unless a checker hook allows any plain object.
 * - `any`: anything.
 */
export type ArgumentKind = "string" | "stringArray" | "boolean" | "id" | "limit" | "message" | "any";

/** Command name → the kind of each validated position. The tuple length is the command's arity. */
export const commandArguments = {
  directAddToList: ["string", "stringArray"],
  directGetAccessList: ["string"],
  directGetWhitelistMode: [],
  directMessage: ["string", "message"],
  directRemoveFromList: ["string", "stringArray"],
  directSetWhitelistMode: ["boolean"],
  listOwnSockets: [],
  roomAddToList: ["string", "string", "stringArray"],
  roomCreate: ["string", "boolean"],
  roomDelete: ["string"],
  roomGetAccessList: ["string", "string"],
  roomGetOwner: ["string"],
  roomGetWhitelistMode: ["string"],
  roomHistoryGet: ["string", "id", "limit"],
  roomHistoryInfo: ["string"],
  roomJoin: ["string"],
  roomLeave: ["string"],
  roomMessage: ["string", "message"],
  roomNotificationsInfo: ["string"],
  roomRecentHistory: ["string"],
  roomRemoveFromList: ["string", "string", "stringArray"],
  roomSetWhitelistMode: ["string", "boolean"],
  roomUserSeen: ["string", "string"],
  systemMessage: ["any"],
} as const satisfies { readonly [C in CommandName]: readonly ArgumentKind[] & { length: CommandArgs<C>["length"] } };

/** All command names, in alphabetical order. */
export const commandNames = Object.keys(commandArguments) as CommandName[];

/** Whether `name` is one of the 24 commands (own properties only: `"toString"` is not a command). */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === "string" && Object.prototype.hasOwnProperty.call(commandArguments, name);
}
