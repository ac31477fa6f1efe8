/**
 * Who is in a room now: the `userlist`, then live `roomUserJoined` / `roomUserLeft`. The owner and admins are
 * badged.
 * @module
 */
import { h, replaceChildren } from "./dom.js";

export interface MembersPanel {
  readonly element: HTMLElement;
  set(names: readonly string[]): void;
  joined(name: string): void;
  left(name: string): void;
  setRoles(owner: string | null, admins: readonly string[]): void;
}

export function createMembersPanel(self: string): MembersPanel {
  const members = new Set<string>();
  let owner: string | null = null;
  let admins = new Set<string>();
  const list = h("ul", { class: "members", testid: "members" });
  const count = h("span", { class: "count", testid: "member-count" });
  const element = h("section", { class: "panel" }, h("h2", {}, "Members ", count), list);

  function render(): void {
    count.textContent = `(${members.size})`;
    const names = [...members].sort((a, b) => a.localeCompare(b));
    replaceChildren(
      list,
      ...names.map((name) =>
        h(
          "li",
          { class: name === self ? "member self" : "member", testid: "member", "data-name": name },
          h("span", { class: "presence", "aria-hidden": "true" }, "●"),
          ` ${name}`,
          name === self && h("span", { class: "muted" }, " (you)"),
          name === owner ? h("span", { class: "role" }, "owner") : admins.has(name) && h("span", { class: "role" }, "admin"),
        ),
      ),
    );
  }

  render();
  return {
    element,
    set(names) {
      members.clear();
      for (const name of names) members.add(name);
      render();
    },
    joined(name) {
      members.add(name);
      render();
    },
    left(name) {
      members.delete(name);
      render();
    },
    setRoles(newOwner, newAdmins) {
      owner = newOwner;
      admins = new Set(newAdmins);
      render();
    },
  };
}
