/**
 * A scrolling list of messages. Room messages are kept in id order and each id is shown once, whichever way it
 * arrived (recent history, an older page, live, or the SDK's catch-up after a reconnect). Direct messages have no
 * id and are appended.
 * @module
 */
import { h } from "./dom.js";
import { formatFullTimestamp, formatTimestamp, messageText } from "./format.js";

/** What a shown message needs: room messages have an id, direct messages none. */
export interface ShownMessage {
  author?: string;
  timestamp: number;
  id?: number;
  textMessage?: unknown;
}

export interface MessageList {
  readonly element: HTMLElement;
  /** Adds messages (any order); ids already shown are skipped. Returns how many were new. */
  add(messages: readonly ShownMessage[]): number;
  /** The smallest id shown, or undefined when none is. */
  oldestId(): number | undefined;
  /** How many messages are shown. */
  size(): number;
  scrollToEnd(): void;
}

/** @param self the signed-in user: their messages are marked as own */
export function createMessageList(self: string, testid = "messages"): MessageList {
  const list = h("ol", { class: "messages", testid });
  const element = h("div", { class: "message-scroller" }, list);
  const byId = new Map<number, HTMLElement>();
  const ids: number[] = []; // sorted ascending

  function render(message: ShownMessage): HTMLElement {
    const own = message.author === self;
    return h(
      "li",
      { class: own ? "message own" : "message", testid: "message", "data-id": typeof message.id === "number" ? message.id : undefined },
      h(
        "div",
        { class: "meta" },
        h("span", { class: "author", testid: "message-author" }, own ? `${self} (you)` : (message.author ?? "server")),
        h("time", { datetime: new Date(message.timestamp).toISOString(), title: formatFullTimestamp(message.timestamp) }, formatTimestamp(message.timestamp)),
      ),
      h("div", { class: "text", testid: "message-text" }, messageText(message)),
    );
  }

  function insert(message: ShownMessage): boolean {
    const id = message.id;
    if (typeof id !== "number") {
      list.append(render(message));
      return true;
    }
    if (byId.has(id)) return false;
    const item = render(message);
    // Index of the first shown id greater than this one (binary search).
    let low = 0;
    let high = ids.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (ids[middle]! < id) low = middle + 1;
      else high = middle;
    }
    const next = ids[low];
    list.insertBefore(item, next === undefined ? null : byId.get(next)!);
    ids.splice(low, 0, id);
    byId.set(id, item);
    return true;
  }

  return {
    element,
    add(messages) {
      // Near the bottom: follow new messages. Otherwise keep what the reader looks at in place.
      const atEnd = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
      const fromBottom = element.scrollHeight - element.scrollTop;
      let added = 0;
      for (const message of messages) if (insert(message)) added++;
      if (atEnd) element.scrollTop = element.scrollHeight;
      else element.scrollTop = element.scrollHeight - fromBottom;
      return added;
    },
    oldestId: () => ids[0],
    size: () => list.childElementCount,
    scrollToEnd() {
      element.scrollTop = element.scrollHeight;
    },
  };
}
