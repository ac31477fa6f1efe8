/**
 * The page's entry: the sign-in form, then the chat. DEMO LOGIN: the name typed here is sent as the `userName`
 * query of the connection and the example server trusts it (see its `onConnect`). `?user=alice` signs in
 * directly, so a reload (or a second tab with the same address) keeps the name.
 * @module
 */
import { startApp } from "./app.js";
import { h, replaceChildren } from "./dom.js";

const root = document.getElementById("app")!;

function signIn(name: string): void {
  const url = new URL(location.href);
  url.searchParams.set("user", name);
  history.replaceState(null, "", url);
  document.title = `${name} — chat`;
  startApp(root, name, signInForm);
}

function signInForm(): void {
  const url = new URL(location.href);
  url.searchParams.delete("user");
  history.replaceState(null, "", url);
  document.title = "chat";
  const name = h("input", { testid: "sign-in-name", placeholder: "your name", "aria-label": "Your name", autocomplete: "username", required: true, maxlength: 64 });
  replaceChildren(
    root,
    h(
      "form",
      {
        class: "sign-in",
        testid: "sign-in",
        onsubmit: (event: Event) => {
          event.preventDefault();
          const value = name.value.trim();
          if (value) signIn(value);
        },
      },
      h("h1", {}, "chat"),
      h("p", { class: "muted" }, "Demo sign-in: any name works, and nobody checks it."),
      name,
      h("button", { type: "submit", class: "primary", testid: "sign-in-submit" }, "Sign in"),
    ),
  );
  name.focus();
}

const preset = new URLSearchParams(location.search).get("user")?.trim();
if (preset) signIn(preset);
else signInForm();
