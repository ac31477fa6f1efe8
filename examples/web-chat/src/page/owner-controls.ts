/**
 * The owner's and admins' controls of a room: whitelist mode, and the adminlist, whitelist and blacklist with
 * add and remove; the owner may also delete the room. Shown only to the owner and admins (the server checks
 * again: PROTOCOL.md §6.2). Lists follow `roomAccessListAdded` / `roomAccessListRemoved` / `roomModeChanged`.
 * @module
 */
import type { ChatClient } from "@chat/client";
import { h, replaceChildren } from "./dom.js";
import { attempt, type Notices } from "./notices.js";

export type EditableList = "adminlist" | "whitelist" | "blacklist";
const lists: readonly EditableList[] = ["adminlist", "whitelist", "blacklist"];
const titles: Record<EditableList, string> = { adminlist: "Admins", whitelist: "Whitelist", blacklist: "Blacklist" };
const hints: Record<EditableList, string> = {
  adminlist: "may change lists and the mode (only the owner edits this list)",
  whitelist: "may join in whitelist mode",
  blacklist: "may not join; members added here are removed",
};

export interface OwnerControls {
  readonly element: HTMLElement;
  /** Reads everything again from the server (after a (re)join). */
  load(): Promise<void>;
  listChanged(list: string, names: readonly string[], added: boolean): void;
  modeChanged(whitelistOnly: boolean): void;
  /** Called with the owner and admins whenever they may have changed. */
  onRoles?: (owner: string | null, admins: readonly string[]) => void;
}

export function createOwnerControls(client: ChatClient, room: string, self: string, notices: Notices, deleteRoom: () => Promise<void>): OwnerControls {
  let owner: string | null = null;
  const names: Record<EditableList, Set<string>> = { adminlist: new Set(), whitelist: new Set(), blacklist: new Set() };
  const mode = h("input", {
    type: "checkbox",
    testid: "whitelist-mode",
    onchange: async () => {
      const wanted = mode.checked;
      if ((await attempt(notices, () => client.roomSetWhitelistMode(room, wanted))) === undefined) mode.checked = !wanted;
    },
  });
  const sections = new Map<EditableList, HTMLElement>();
  const body = h("div", { class: "controls-body" });
  const element = h("section", { class: "panel owner-controls", testid: "owner-controls", hidden: true }, h("h2", {}, "Room settings"), body);

  const isAdmin = (): boolean => owner === self || names.adminlist.has(self);

  function listSection(list: EditableList): HTMLElement {
    const input = h("input", { testid: `list-input-${list}`, placeholder: "user name", "aria-label": `Add to ${list}` });
    const items = h("ul", { class: "names", testid: `list-${list}` });
    const section = h(
      "div",
      { class: "access-list" },
      h("h3", {}, titles[list], h("span", { class: "muted hint" }, ` — ${hints[list]}`)),
      items,
      h(
        "form",
        {
          class: "row",
          onsubmit: async (event: Event) => {
            event.preventDefault();
            const entered = input.value.split(/[\s,]+/).filter(Boolean);
            if (entered.length === 0) return;
            if ((await attempt(notices, () => client.roomAddToList(room, list, entered))) !== undefined) input.value = "";
          },
        },
        input,
        h("button", { type: "submit", class: "small", testid: `list-add-${list}` }, "Add"),
      ),
    );
    sections.set(list, items);
    return section;
  }

  function renderList(list: EditableList): void {
    const items = sections.get(list);
    if (!items) return;
    const sorted = [...names[list]].sort((a, b) => a.localeCompare(b));
    replaceChildren(
      items,
      ...sorted.map((name) =>
        h(
          "li",
          { testid: `list-item-${list}` },
          name,
          h(
            "button",
            { class: "link", testid: `list-remove-${list}-${name}`, "aria-label": `Remove ${name}`, onclick: () => void attempt(notices, () => client.roomRemoveFromList(room, list, [name])) },
            "remove",
          ),
        ),
      ),
    );
    if (sorted.length === 0) items.append(h("li", { class: "muted" }, "nobody"));
  }

  function render(): void {
    element.hidden = !isAdmin();
    controls.onRoles?.(owner, [...names.adminlist]);
    if (element.hidden) return;
    if (sections.size === 0) {
      replaceChildren(
        body,
        h("label", { class: "check" }, mode, " Whitelist only: only owner, admins and whitelisted users may join"),
        ...lists.map(listSection),
        owner === self &&
          h(
            "button",
            {
              class: "danger small",
              testid: "room-delete",
              onclick: () => {
                if (confirm(`Delete room ${room} and its history for everyone?`)) void deleteRoom();
              },
            },
            "Delete room",
          ),
      );
    }
    for (const list of lists) renderList(list);
  }

  async function load(): Promise<void> {
    const [roomOwner, admins] = await Promise.all([client.roomGetOwner(room), client.roomGetAccessList(room, "adminlist")]);
    owner = roomOwner || null; // the Redis store says "" for no owner
    names.adminlist = new Set(admins);
    if (isAdmin()) {
      const [whitelistOnly, whitelist, blacklist] = await Promise.all([
        client.roomGetWhitelistMode(room),
        client.roomGetAccessList(room, "whitelist"),
        client.roomGetAccessList(room, "blacklist"),
      ]);
      mode.checked = whitelistOnly;
      names.whitelist = new Set(whitelist);
      names.blacklist = new Set(blacklist);
    }
    render();
  }

  const controls: OwnerControls = {
    element,
    load,
    listChanged(list, changed, added) {
      if (!(lists as readonly string[]).includes(list)) return;
      const wasAdmin = isAdmin();
      for (const name of changed) {
        if (added) names[list as EditableList].add(name);
        else names[list as EditableList].delete(name);
      }
      // Becoming an admin: the other lists were not read yet.
      if (!wasAdmin && isAdmin()) void attempt(notices, load);
      else render();
    },
    modeChanged(whitelistOnly) {
      mode.checked = whitelistOnly;
    },
  };
  return controls;
}
