/**
 * Direct messages: one conversation per peer (received `directMessage`s, your own sends, and sends from your
 * other tabs via `directMessageEcho`), the sidebar list of conversations, and the panel of one conversation.
 * @module
 */
import type { ChatClient, DirectMessage } from "@chat/client";
import { createComposeForm } from "./compose-form.js";
import { h, replaceChildren } from "./dom.js";
import { createMessageList, type MessageList, type ShownMessage } from "./message-list.js";
import { attempt, type Notices } from "./notices.js";

// `DirectMessage` is `Omit<ProcessedMessage, "id">`, and Omit over an index signature drops the named fields:
// the server always sets author and timestamp, so view it as what it is.
const shown = (message: DirectMessage): ShownMessage => message as unknown as ShownMessage;

export interface DirectMessages {
  /** The sidebar section: conversations and a form to start one. */
  readonly element: HTMLElement;
  /** The conversation with `peer`, created on first use. */
  view(peer: string): HTMLElement;
  /** Which conversation is shown (for unread marks), or undefined. */
  setCurrent(peer: string | undefined): void;
}

interface Conversation {
  peer: string;
  main: HTMLElement;
  messages: MessageList;
  unread: number;
}

export function createDirectMessages(client: ChatClient, self: string, notices: Notices, open: (peer: string) => void): DirectMessages {
  const conversations = new Map<string, Conversation>();
  let current: string | undefined;
  const items = h("ul", { class: "dm-list", testid: "dm-list" });
  const peerInput = h("input", { testid: "dm-peer-input", placeholder: "user name", "aria-label": "Send a direct message to" });
  const element = h(
    "section",
    { class: "panel" },
    h("h2", {}, "Direct messages"),
    items,
    h(
      "form",
      {
        class: "row",
        onsubmit: (event: Event) => {
          event.preventDefault();
          const peer = peerInput.value.trim();
          if (!peer) return;
          if (peer === self) return notices.show("You cannot send direct messages to yourself.", "error");
          peerInput.value = "";
          open(peer);
        },
      },
      peerInput,
      h("button", { type: "submit", class: "small", testid: "dm-open" }, "Message"),
    ),
  );

  function renderList(): void {
    const peers = [...conversations.keys()].sort((a, b) => a.localeCompare(b));
    replaceChildren(
      items,
      ...peers.map((peer) => {
        const { unread } = conversations.get(peer)!;
        return h(
          "li",
          { class: peer === current ? "current" : undefined },
          h("button", { class: "link", testid: `dm-peer-${peer}`, onclick: () => open(peer) }, `@ ${peer}`, unread > 0 && h("span", { class: "badge" }, String(unread))),
        );
      }),
    );
  }

  function conversation(peer: string): Conversation {
    let found = conversations.get(peer);
    if (found) return found;
    const messages = createMessageList(self, "dm-messages");
    const compose = createComposeForm({
      testid: "dm",
      placeholder: `Message ${peer}`,
      label: "Direct message",
      send: async (text) => {
        const sent = await attempt(notices, () => client.directMessage(peer, { textMessage: text }));
        if (sent) messages.add([shown(sent)]);
        return sent !== undefined;
      },
    });
    const main = h(
      "section",
      { class: "dm-view", testid: "dm-view", "data-peer": peer },
      h("header", { class: "view-title" }, h("h2", { testid: "dm-title" }, `@ ${peer}`), h("span", { class: "muted" }, "Direct messages are delivered to online users and are not stored.")),
      messages.element,
      compose,
    );
    found = { peer, main, messages, unread: 0 };
    conversations.set(peer, found);
    renderList();
    return found;
  }

  function add(peer: string, message: ShownMessage): void {
    const target = conversation(peer);
    target.messages.add([message]);
    if (peer !== current) target.unread++;
    renderList();
  }

  client.on("directMessage", (message) => add(String(message.author), shown(message)));
  // Sent from another tab of the same user.
  client.on("directMessageEcho", (toUser, message) => add(toUser, shown(message)));

  return {
    element,
    view: (peer) => conversation(peer).main,
    setCurrent(peer) {
      current = peer;
      if (peer) conversation(peer).unread = 0;
      renderList();
    },
  };
}
