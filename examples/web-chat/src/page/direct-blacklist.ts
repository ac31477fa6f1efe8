/**
 * The user's direct-message blacklist: people listed here cannot send you direct messages (they get "not
 * allowed"). Read with `directGetAccessList`, edited with `directAddToList` / `directRemoveFromList`.
 * @module
 */
import type { ChatClient } from "@chat/client";
import { h, replaceChildren } from "./dom.js";
import { attempt, type Notices } from "./notices.js";

export interface DirectBlacklist {
  readonly element: HTMLElement;
  load(): Promise<void>;
}

export function createDirectBlacklist(client: ChatClient, notices: Notices): DirectBlacklist {
  let names: string[] = [];
  const items = h("ul", { class: "names", testid: "dm-blacklist" });
  const input = h("input", { testid: "dm-block-input", placeholder: "user name", "aria-label": "Block direct messages from" });
  const element = h(
    "section",
    { class: "panel" },
    h("h2", {}, "Blocked users"),
    items,
    h(
      "form",
      {
        class: "row",
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const name = input.value.trim();
          if (!name) return;
          if ((await attempt(notices, () => client.directAddToList("blacklist", [name]))) !== undefined) {
            input.value = "";
            await load();
          }
        },
      },
      input,
      h("button", { type: "submit", class: "small", testid: "dm-block" }, "Block"),
    ),
  );

  function render(): void {
    replaceChildren(
      items,
      ...names.map((name) =>
        h(
          "li",
          {},
          name,
          h(
            "button",
            {
              class: "link",
              testid: `dm-unblock-${name}`,
              onclick: async () => {
                if ((await attempt(notices, () => client.directRemoveFromList("blacklist", [name]))) !== undefined) await load();
              },
            },
            "unblock",
          ),
        ),
      ),
    );
    if (names.length === 0) items.append(h("li", { class: "muted" }, "nobody"));
  }

  async function load(): Promise<void> {
    const list = await attempt(notices, () => client.directGetAccessList("blacklist"));
    if (list) names = [...list].sort((a, b) => a.localeCompare(b));
    render();
  }

  render();
  return { element, load };
}
