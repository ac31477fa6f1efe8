/**
 * One joined room: its messages (the recent page, then live ones, then older pages on demand), a box to write,
 * the members, and the owner's controls. It lives as long as the room is joined, shown or not.
 * @module
 */
import type { ChatClient, RoomMessage } from "@chat/client";
import { createComposeForm } from "./compose-form.js";
import { h } from "./dom.js";
import { createMembersPanel } from "./members-panel.js";
import { createMessageList } from "./message-list.js";
import { attempt, type Notices } from "./notices.js";
import { createOwnerControls } from "./owner-controls.js";

export interface RoomView {
  readonly room: string;
  /** The messages and the box to write: the middle column. */
  readonly main: HTMLElement;
  /** Members and owner's controls: the right column. */
  readonly side: HTMLElement;
  /** Reads history, members and roles; again after a reconnect. */
  load(): Promise<void>;
  receive(message: RoomMessage): void;
  userJoined(name: string): void;
  userLeft(name: string): void;
  accessListChanged(list: string, names: readonly string[], added: boolean): void;
  modeChanged(whitelistOnly: boolean): void;
  focus(): void;
}

export interface RoomViewOptions {
  client: ChatClient;
  room: string;
  self: string;
  notices: Notices;
  deleteRoom: () => Promise<void>;
}

export function createRoomView({ client, room, self, notices, deleteRoom }: RoomViewOptions): RoomView {
  const messages = createMessageList(self);
  const members = createMembersPanel(self);
  const controls = createOwnerControls(client, room, self, notices, deleteRoom);
  controls.onRoles = (owner, admins) => members.setRoles(owner, admins);
  // Page size and the oldest id still in the history, from roomHistoryInfo.
  let pageSize = 50;
  let oldestAvailable = 1;

  const loadOlder = h("button", { class: "small load-older", testid: "load-older", hidden: true, onclick: () => void olderPage() }, "Load older messages");
  const beginning = h("p", { class: "muted beginning", testid: "history-start", hidden: true }, `This is the beginning of ${room}.`);
  const compose = createComposeForm({
    testid: "message",
    placeholder: `Message ${room}`,
    label: "Message",
    // The message itself comes back as a roomMessage notification, like everyone else's.
    send: async (text) => (await attempt(notices, () => client.roomMessage(room, { textMessage: text }))) !== undefined,
  });
  messages.element.prepend(h("div", { class: "history-top" }, beginning, loadOlder));
  const main = h("section", { class: "room-view", testid: "room-view", "data-room": room }, h("header", { class: "view-title" }, h("h2", { testid: "room-title" }, `# ${room}`)), messages.element, compose);
  const side = h("div", { class: "side-panels" }, members.element, controls.element);

  function updateOlder(): void {
    const oldest = messages.oldestId();
    const more = oldest !== undefined && oldest > oldestAvailable;
    loadOlder.hidden = !more;
    beginning.hidden = more;
  }

  async function olderPage(): Promise<void> {
    const oldest = messages.oldestId();
    if (oldest === undefined) return;
    // roomHistoryGet returns ids strictly greater than `after`, newest first: ask for the page ending at oldest - 1.
    const after = Math.max(oldestAvailable - 1, oldest - 1 - pageSize, 0);
    loadOlder.disabled = true;
    const page = await attempt(notices, () => client.roomHistoryGet(room, after, oldest - 1 - after));
    loadOlder.disabled = false;
    if (page) {
      messages.add(page);
      // Ids missing from the page were rotated out: nothing older is left.
      if (page.length === 0) oldestAvailable = oldest;
    }
    updateOlder();
  }

  return {
    room,
    main,
    side,
    async load() {
      const [info, recent, userlist] = await Promise.all([client.roomHistoryInfo(room), client.roomRecentHistory(room), client.roomGetAccessList(room, "userlist")]);
      pageSize = Math.max(1, info.historyMaxGetMessages);
      oldestAvailable = Math.max(1, info.lastMessageId - info.historySize + 1);
      messages.add(recent);
      messages.scrollToEnd();
      members.set(userlist);
      updateOlder();
      await controls.load();
    },
    receive(message) {
      messages.add([message]);
      updateOlder();
    },
    userJoined: (name) => members.joined(name),
    userLeft: (name) => members.left(name),
    accessListChanged: (list, names, added) => controls.listChanged(list, names, added),
    modeChanged: (whitelistOnly) => controls.modeChanged(whitelistOnly),
    focus: () => compose.querySelector("input")?.focus(),
  };
}
