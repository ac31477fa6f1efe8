/**
 * Short-lived notices at the top of the page: errors in human words, and things that happened to you (lost access
 * to a room). Each stays 8 seconds or until closed.
 * @module
 */
import { h } from "./dom.js";
import { friendlyError } from "./errors.js";

export type NoticeKind = "error" | "info";

export interface Notices {
  readonly element: HTMLElement;
  show(text: string, kind?: NoticeKind): void;
  /** Shows a failed action's error. */
  error(error: unknown): void;
}

export function createNotices(): Notices {
  const element = h("div", { class: "notices", role: "status", "aria-live": "polite" });
  function show(text: string, kind: NoticeKind = "info"): void {
    const notice = h(
      "div",
      { class: `notice ${kind}`, testid: "notice", "data-kind": kind },
      h("span", {}, text),
      h("button", { class: "link", "aria-label": "Dismiss", onclick: () => notice.remove() }, "×"),
    );
    element.append(notice);
    setTimeout(() => notice.remove(), 8000);
  }
  return { element, show, error: (error) => show(friendlyError(error), "error") };
}

/** Runs an action, showing its failure as a notice; resolves to undefined when it failed. */
export async function attempt<T>(notices: Notices, action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    notices.error(error);
    return undefined;
  }
}
