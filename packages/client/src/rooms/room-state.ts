/**
 * What the client knows about one room it is joined to, and the commands the room logic may run.
 * @module
 */
import type { CommandArgs, CommandResult, RoomMessage } from "@chat/core/protocol";

/** The commands the delivery logic runs itself, on the current connection, bypassing the offline queue. */
export type RoomCommand = "roomJoin" | "roomHistoryInfo" | "roomHistoryGet";

/** Runs a {@link RoomCommand} on the current connection; rejects with `notConnected` when there is none. */
export type RoomCall = <C extends RoomCommand>(command: C, ...args: CommandArgs<C>) => Promise<CommandResult<C>>;

/** A catch-up in progress; a room's live messages are held while it has one. */
export type Run = object;

/** One tracked room. */
export interface TrackedRoom {
  readonly name: string;
  /** A join succeeded; `false` while the application's first `roomJoin` is in flight. */
  confirmed: boolean;
  /** The id of the last message delivered to the application; `undefined` until the first one. */
  last: number | undefined;
  /**
   * `lastMessageId` read right after the join: where catch-up starts if the connection drops before the first
   * live message arrives. Not used otherwise, because a message stored just before that read may still be on
   * its way as a live notification.
   */
  baseline: number | undefined;
  /** Live messages that arrived ahead of their turn, by id. */
  readonly held: Map<number, RoomMessage>;
  /** The catch-up (or rejoin) in progress. */
  run: Run | undefined;
}

/** A room not seen before. */
export function newRoom(name: string, confirmed: boolean): TrackedRoom {
  return { name, confirmed, last: undefined, baseline: undefined, held: new Map(), run: undefined };
}

/** Whether a notification's message has what ordering needs: a positive integer id. */
export function isRoomMessage(value: unknown): value is RoomMessage {
  if (typeof value !== "object" || value === null) return false;
  const id = (value as { id?: unknown }).id;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0;
}

/** The smallest held id above `id`, or `Infinity`. */
export function nextHeldAbove(room: TrackedRoom, id: number): number {
  let next = Infinity;
  for (const held of room.held.keys()) if (held > id && held < next) next = held;
  return next;
}
