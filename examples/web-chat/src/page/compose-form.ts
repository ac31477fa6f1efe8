/**
 * The message box under a conversation: an input and a Send button. Empty text is not sent; the input is cleared
 * once the server accepted the message, and keeps the text when it did not (the notice says why).
 * @module
 */
import { h } from "./dom.js";

/** What a compose form needs to know. */
export interface ComposeFormOptions {
  /** Prefix of the `data-testid`s: `<prefix>-input`, `<prefix>-send`. */
  testid: string;
  placeholder: string;
  label: string;
  /** Sends the text; resolves `true` when the server accepted it. */
  send(text: string): Promise<boolean>;
}

export function createComposeForm({ testid, placeholder, label, send }: ComposeFormOptions): HTMLFormElement {
  const input = h("input", { testid: `${testid}-input`, placeholder, "aria-label": label, autocomplete: "off", maxlength: 2000 });
  return h(
    "form",
    {
      class: "compose",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const text = input.value;
        if (text.trim() === "") return;
        // Cleared only if nothing new was typed meanwhile.
        if ((await send(text)) && input.value === text) input.value = "";
      },
    },
    input,
    h("button", { type: "submit", class: "primary", testid: `${testid}-send` }, "Send"),
  );
}
