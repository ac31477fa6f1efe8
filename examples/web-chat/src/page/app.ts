/**
 * The signed-in page: one client (`transport: "ws"`), the sidebar (rooms, direct messages, blocked users), the
 * shown room or conversation, and the wiring of notifications to views.
 *
 * Joined rooms are per socket on the server, so each tab joins for itself; `roomJoinedEcho` / `roomLeftEcho`
 * from the user's other tabs make this tab join or leave too, which keeps tabs in sync.
 * @module
 */
import { createClient, isChatClientError, type ChatClient } from "@chat/client";
import { createConnectionStatus } from "./connection-status.js";
import { createDirectBlacklist } from "./direct-blacklist.js";
import { createDirectMessages } from "./direct-messages.js";
import { h, replaceChildren } from "./dom.js";
import { attempt, createNotices } from "./notices.js";
import { createRoomList } from "./room-list.js";
import { createRoomView, type RoomView } from "./room-view.js";

/** The custom request and notification of the example server's room registry (src/server/room-registry.js). */
const listRoomsRequest = "listRooms";
const roomListChangedEvent = "roomListChanged";

type Shown = { kind: "room"; room: string } | { kind: "dm"; peer: string } | undefined;

export function startApp(root: HTMLElement, self: string, onSignOut: () => void): ChatClient {
  const client = createClient({ url: location.origin, transport: "ws", auth: { userName: self } });
  const notices = createNotices();
  const views = new Map<string, RoomView>(); // joined rooms
  const unread = new Map<string, number>();
  let rooms: string[] = [];
  let shown: Shown;

  const main = h("main", { class: "main" });
  const side = h("aside", { class: "side" });
  const roomList = createRoomList({ open: (room) => show({ kind: "room", room }), join, leave, create });
  const direct = createDirectMessages(client, self, notices, (peer) => show({ kind: "dm", peer }));
  const blacklist = createDirectBlacklist(client, notices);
  const signOut = h("button", { class: "small", testid: "sign-out", onclick: () => void client.close().then(onSignOut) }, "Sign out");
  replaceChildren(
    root,
    h("header", { class: "top" }, h("h1", {}, "chat"), h("span", { class: "who" }, "Signed in as ", h("strong", { testid: "self-name" }, self)), createConnectionStatus(client), signOut),
    notices.element,
    h("div", { class: "layout" }, h("nav", { class: "sidebar" }, roomList.element, direct.element, blacklist.element), main, side),
  );

  function renderList(): void {
    roomList.render({ rooms, joined: new Set(views.keys()), current: shown?.kind === "room" ? shown.room : undefined, unread });
  }

  function show(next: Shown): void {
    shown = next;
    if (next?.kind === "room") {
      const view = views.get(next.room);
      if (!view) return show(undefined);
      unread.delete(next.room);
      replaceChildren(main, view.main);
      replaceChildren(side, view.side);
      view.focus();
    } else if (next?.kind === "dm") {
      replaceChildren(main, direct.view(next.peer));
      replaceChildren(side);
    } else {
      replaceChildren(main, h("div", { class: "empty-view", testid: "empty-view" }, h("h2", {}, `Welcome, ${self}!`), h("p", {}, "Join a room on the left, or send someone a direct message.")));
      replaceChildren(side);
    }
    direct.setCurrent(next?.kind === "dm" ? next.peer : undefined);
    renderList();
  }

  async function refreshRooms(): Promise<void> {
    const reply = await client.request(listRoomsRequest).catch(() => undefined);
    if (reply && Array.isArray(reply[0])) rooms = reply[0].map(String);
    renderList();
  }

  /** Tracks a room this socket joined: a view, its history and members. */
  async function opened(room: string, focus: boolean): Promise<void> {
    if (!views.has(room)) {
      const view = createRoomView({ client, room, self, notices, deleteRoom: () => deleteRoom(room) });
      views.set(room, view);
      await attempt(notices, () => view.load());
    }
    if (focus) show({ kind: "room", room });
    else renderList();
  }

  function closed(room: string): void {
    views.delete(room);
    unread.delete(room);
    if (shown?.kind === "room" && shown.room === room) show(undefined);
    else renderList();
  }

  async function join(room: string): Promise<void> {
    if ((await attempt(notices, () => client.roomJoin(room))) !== undefined) await opened(room, true);
  }

  async function leave(room: string): Promise<void> {
    if ((await attempt(notices, () => client.roomLeave(room))) !== undefined) closed(room);
  }

  async function create(room: string, whitelistOnly: boolean): Promise<boolean> {
    if ((await attempt(notices, () => client.roomCreate(room, whitelistOnly))) === undefined) return false;
    await refreshRooms();
    await join(room);
    return true;
  }

  async function deleteRoom(room: string): Promise<void> {
    if ((await attempt(notices, () => client.roomDelete(room))) === undefined) return;
    closed(room);
    await refreshRooms();
  }

  client.on("roomMessage", (room, message) => {
    const view = views.get(room);
    if (!view) return;
    view.receive(message);
    if (!(shown?.kind === "room" && shown.room === room)) {
      unread.set(room, (unread.get(room) ?? 0) + 1);
      renderList();
    }
  });
  client.on("roomUserJoined", (room, name) => views.get(room)?.userJoined(name));
  client.on("roomUserLeft", (room, name) => views.get(room)?.userLeft(name));
  client.on("roomAccessListAdded", (room, list, names) => views.get(room)?.accessListChanged(list, names, true));
  client.on("roomAccessListRemoved", (room, list, names) => views.get(room)?.accessListChanged(list, names, false));
  client.on("roomModeChanged", (room, mode) => views.get(room)?.modeChanged(mode));
  client.on("roomAccessRemoved", (room) => {
    if (!views.has(room)) return;
    closed(room);
    notices.show(`You no longer have access to room “${room}”: the owner or an admin removed you, or the room was deleted.`, "error");
    void refreshRooms();
  });
  client.on("rejoinFailed", (room, error) => {
    closed(room);
    notices.show(`Could not rejoin room “${room}” after reconnecting${isChatClientError(error, "notAllowed") ? ": you are not allowed in any more" : ""}.`, "error");
  });
  // Another tab of this user joined a room: join here too.
  client.on("roomJoinedEcho", (room) => {
    if (views.has(room)) return;
    void attempt(notices, () => client.roomJoin(room)).then(async (joined) => {
      if (joined !== undefined) await opened(room, false);
    });
  });
  // Another tab left a room — or was closed, which also sends roomLeftEcho: only a socket that still exists left
  // on purpose.
  client.on("roomLeftEcho", async (room, id) => {
    if (!views.has(room)) return;
    const sockets = await client.listOwnSockets().catch(() => undefined);
    if (sockets && id in sockets && !sockets[id]!.includes(room)) void leave(room);
  });
  client.on("notification", (event) => {
    if (event === roomListChangedEvent) void refreshRooms();
  });
  client.on("login", (_userName, _authData, { reconnected }) => {
    void refreshRooms();
    void blacklist.load();
    // The SDK re-joined and caught up the messages; members and lists may have changed meanwhile.
    if (reconnected) for (const view of views.values()) void attempt(notices, () => view.load());
  });
  client.on("loginRejected", (error) => notices.error(error));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && client.state === "online") void refreshRooms();
  });

  show(undefined);
  return client;
}
