/**
 * One catch-up pass over a room's history: deliver every message from `last + 1` up to the room's
 * `lastMessageId` at the start of the pass, from held live messages where the client has them and from
 * `roomHistoryGet` pages otherwise, and report ids the history no longer has as gaps.
 *
 * Messages stored after the `roomHistoryInfo` read arrive as live notifications (the client is in the room's
 * channel before it reads), so one pass up to that id leaves nothing behind.
 * @module
 */
import type { RoomMessage } from "@chat/core/protocol";
import { isRoomMessage, nextHeldAbove, type RoomCall, type TrackedRoom } from "./room-state.js";

/** What a pass needs from the tracker. */
export interface CatchUpContext {
  call: RoomCall;
  /** Hands a message to the application and advances `last`. */
  deliver(room: TrackedRoom, message: RoomMessage): void;
  /** Reports ids `from..to` as lost and advances `last` to `to`. */
  gap(room: TrackedRoom, from: number, to: number): void;
  /** Whether this pass still owns the room: false once the room was left or the connection replaced. */
  current(): boolean;
  /** The room's ids went back to `lastMessageId` (below `last`): reports it and restarts `last` at 0. */
  restarted(room: TrackedRoom, lastMessageId: number): void;
}

/**
 * Runs one pass. With no `last` yet (a rejoin before any message arrived and without a baseline) it only records
 * the baseline: the first live message will start the stream, as after a first join.
 */
export async function catchUpOnce(room: TrackedRoom, context: CatchUpContext): Promise<void> {
  const info = await context.call("roomHistoryInfo", room.name);
  if (!context.current()) return;
  if (room.last === undefined) {
    room.baseline ??= info.lastMessageId;
    return;
  }
  const target = info.lastMessageId;
  if (target < room.last) {
    // Ids only grow, unless the server lost the room's state (a restart on a memory store): the ids the client
    // saw name other messages now. Say so, and deliver the new sequence from its start.
    context.restarted(room, target);
  }
  // The history ring holds ids target-historySize+1 .. target, contiguous (PROTOCOL.md §15.2).
  const oldest = target - info.historySize + 1;
  while (room.last < target) {
    const next = room.last + 1;
    const held = room.held.get(next);
    if (held) {
      context.deliver(room, held);
      if (!context.current()) return;
      continue;
    }
    // Fetch only up to the next held message: the client already has that one.
    const end = Math.min(target, nextHeldAbove(room, next) - 1);
    if (info.historyMaxGetMessages === 0) {
      context.gap(room, next, end);
      continue;
    }
    if (next < oldest) {
      context.gap(room, next, Math.min(end, oldest - 1));
      continue;
    }
    const from = room.last;
    const limit = Math.min(info.historyMaxGetMessages, end - from);
    const page = await context.call("roomHistoryGet", room.name, from, limit);
    if (!context.current()) return;
    deliverPage(room, context, page, from + limit);
    if (!context.current()) return;
  }
}

/**
 * Delivers a page (newest first, as the server sends it) in id order. Ids of the window `last+1..windowEnd`
 * missing from it were rotated out meanwhile: they are gaps.
 */
function deliverPage(room: TrackedRoom, context: CatchUpContext, page: readonly RoomMessage[], windowEnd: number): void {
  const ordered = page.filter(isRoomMessage).sort((a, b) => a.id - b.id);
  for (const message of ordered) {
    const last = room.last!;
    if (message.id <= last || message.id > windowEnd) continue;
    if (message.id > last + 1) context.gap(room, last + 1, message.id - 1);
    context.deliver(room, message);
    if (!context.current()) return;
  }
  if (room.last! < windowEnd) context.gap(room, room.last! + 1, windowEnd);
}
