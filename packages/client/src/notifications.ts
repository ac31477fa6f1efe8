/**
 * Routes a server notification: room bookkeeping first (membership changes, ordered delivery of room messages),
 * then the application's listeners.
 * @module
 */
import type { Emitter } from "./emitter.js";
import { type ClientEvents, type ForwardedEvents, isForwardedEvent } from "./events.js";
import type { RoomTracker } from "./rooms/room-tracker.js";

/** What routing needs from the client. */
export interface RouteContext {
  events: Emitter<ClientEvents>;
  rooms: RoomTracker;
  /** This connection's socket id, once logged in. */
  socketId: string | undefined;
}

/** Handles one notification other than the login replies. */
export function routeNotification(event: string, args: unknown[], { events, rooms, socketId }: RouteContext): void {
  if (!isForwardedEvent(event)) {
    events.emit("notification", event, args);
    return;
  }
  const room = typeof args[0] === "string" ? args[0] : undefined;
  if (room !== undefined) {
    switch (event) {
      case "roomMessage":
        // Tracked rooms deliver through the tracker, in order and exactly once.
        if (rooms.live(room, args[1])) return;
        break;
      case "roomAccessRemoved":
        rooms.untrack(room);
        break;
      // Echoes about this very socket come from server-side joins and leaves (execUserCommand and the like).
      case "roomJoinedEcho":
        if (args[1] === socketId) rooms.joined(room);
        break;
      case "roomLeftEcho":
        if (args[1] === socketId) rooms.untrack(room);
        break;
    }
  }
  // The server's payloads are trusted to match ServerEvents, as the protocol promises.
  events.emit(event, ...(args as ForwardedEvents[typeof event]));
}
