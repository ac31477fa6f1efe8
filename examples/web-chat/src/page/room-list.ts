/**
 * The sidebar's room list: every room the server knows (from its `listRooms` handler), the joined ones marked,
 * a join/leave button per room, and a form that creates a room.
 * @module
 */
import { h, replaceChildren } from "./dom.js";

export interface RoomListActions {
  open(room: string): void;
  join(room: string): Promise<void>;
  leave(room: string): Promise<void>;
  create(room: string, whitelistOnly: boolean): Promise<boolean>;
}

export interface RoomListState {
  rooms: readonly string[];
  joined: ReadonlySet<string>;
  current: string | undefined;
  unread: ReadonlyMap<string, number>;
}

export interface RoomList {
  readonly element: HTMLElement;
  render(state: RoomListState): void;
}

export function createRoomList(actions: RoomListActions): RoomList {
  const items = h("ul", { class: "room-list", testid: "room-list" });
  const name = h("input", { testid: "room-create-name", placeholder: "new room", "aria-label": "New room name", required: true, maxlength: 64 });
  const whitelistOnly = h("input", { type: "checkbox", testid: "room-create-whitelist" });
  const form = h(
    "form",
    {
      class: "room-create",
      testid: "room-create",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const room = name.value.trim();
        if (room && (await actions.create(room, whitelistOnly.checked))) {
          name.value = "";
          whitelistOnly.checked = false;
        }
      },
    },
    h("div", { class: "row" }, name, h("button", { type: "submit", testid: "room-create-submit" }, "Create")),
    h("label", { class: "check" }, whitelistOnly, " whitelist only"),
  );
  const element = h("section", { class: "panel rooms" }, h("h2", {}, "Rooms"), items, form);

  function row(room: string, state: RoomListState): HTMLElement {
    const joined = state.joined.has(room);
    const unread = state.unread.get(room) ?? 0;
    return h(
      "li",
      {
        class: ["room", joined && "joined", state.current === room && "current"].filter(Boolean).join(" "),
        testid: `room-${room}`,
        "data-joined": String(joined),
      },
      h(
        "button",
        { class: "link room-name", testid: `room-open-${room}`, title: joined ? "Open" : "Join and open", onclick: () => (joined ? actions.open(room) : void actions.join(room)) },
        h("span", { class: "marker", "aria-label": joined ? "joined" : "not joined" }, joined ? "●" : "○"),
        ` ${room}`,
        unread > 0 && h("span", { class: "badge", testid: `room-unread-${room}` }, String(unread)),
      ),
      joined
        ? h("button", { class: "small", testid: `room-leave-${room}`, onclick: () => void actions.leave(room) }, "Leave")
        : h("button", { class: "small primary", testid: `room-join-${room}`, onclick: () => void actions.join(room) }, "Join"),
    );
  }

  return {
    element,
    render(state) {
      const names = [...new Set([...state.rooms, ...state.joined])].sort((a, b) => a.localeCompare(b));
      replaceChildren(items, ...names.map((room) => row(room, state)));
      if (names.length === 0) items.append(h("li", { class: "empty" }, "No rooms yet: create one."));
    },
  };
}
