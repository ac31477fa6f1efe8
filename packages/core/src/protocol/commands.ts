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
  /** Adds users to one of the caller's own direct-messaging lists. */
  directAddToList: { args: [listName: DirectListName, userNames: string[]]; result: null };
  /** Reads one of the caller's own direct-messaging lists. */
  directGetAccessList: { args: [listName: DirectListName]; result: string[] };
  /** Whether the caller accepts direct messages from whitelisted users only. */
  directGetWhitelistMode: { args: []; result: boolean };
  /** Sends a direct message to an online user (needs `enableDirectMessages`); resolves to the message as delivered. */
  directMessage: { args: [toUser: string, message: MessageInput]; result: DirectMessage };
  /** Removes users from one of the caller's own direct-messaging lists. */
  directRemoveFromList: { args: [listName: DirectListName, userNames: string[]]; result: null };
  /** Switches the caller's whitelist-only mode for direct messages. */
  directSetWhitelistMode: { args: [mode: boolean]; result: null };
  /** The caller's connected sockets and the rooms each one has joined. */
  listOwnSockets: { args: []; result: SocketsInfo };
  /** Adds users to a room's admin-, white- or blacklist (owner or admins only). */
  roomAddToList: { args: [roomName: string, listName: EditableRoomListName, userNames: string[]]; result: null };
  /** Creates a room owned by the caller (needs `enableRoomsManagement`). */
  roomCreate: { args: [roomName: string, whitelistOnly: boolean]; result: null };
  /** Deletes a room; only its owner may (needs `enableRoomsManagement`). */
  roomDelete: { args: [roomName: string]; result: null };
  /** Reads one of a room's lists (the caller must be joined, or an admin for the access lists). */
  roomGetAccessList: { args: [roomName: string, listName: RoomListName]; result: string[] };
  /** The room owner's name, or `null` when it has none. */
  roomGetOwner: { args: [roomName: string]; result: string | null };
  /** Whether a room admits whitelisted users only. */
  roomGetWhitelistMode: { args: [roomName: string]; result: boolean };
  /** Up to `limit` stored messages of a room, starting after message `id` (newest first). */
  roomHistoryGet: { args: [roomName: string, id: number, limit: number]; result: RoomMessage[] };
  /** A room's history size, its limits and the id of its last message. */
  roomHistoryInfo: { args: [roomName: string]; result: HistoryInfo };
  /** Joins the calling socket to a room; resolves to how many of the user's sockets are now joined. */
  roomJoin: { args: [roomName: string]; result: number };
  /** Leaves a room with the calling socket; resolves to how many of the user's sockets stay joined. */
  roomLeave: { args: [roomName: string]; result: number };
  /** Stores and broadcasts a message to a joined room; resolves to the new message id. */
  roomMessage: { args: [roomName: string, message: MessageInput]; result: number };
  /** Which notifications (userlist, access lists) a room sends. */
  roomNotificationsInfo: { args: [roomName: string]; result: NotificationsInfo };
  /** The room's latest messages, at most `historyMaxGetMessages` of them. */
  roomRecentHistory: { args: [roomName: string]; result: RoomMessage[] };
  /** Removes users from a room's admin-, white- or blacklist (owner or admins only). */
  roomRemoveFromList: { args: [roomName: string, listName: EditableRoomListName, userNames: string[]]; result: null };
  /** Switches a room's whitelist-only mode (owner or admins only). */
  roomSetWhitelistMode: { args: [roomName: string, mode: boolean]; result: null };
  /** Whether a user is in a room now, and when that last changed. */
  roomUserSeen: { args: [roomName: string, userName: string]; result: UserSeenInfo };
  /** Sends arbitrary data to every other socket of the caller (echoed as `systemMessage`). */
  systemMessage: { args: [data: unknown]; result: null };
}

/** The name of one of the 24 commands. */
export type CommandName = keyof Commands;
/** The argument tuple of command `C`, as a client sends it (the ack callback excluded). */
export type CommandArgs<C extends CommandName> = Commands[C]["args"];
/** What command `C` resolves to: the second value of its socket.io ack. */
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
