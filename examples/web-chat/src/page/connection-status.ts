/**
 * The connection badge, driven by the client's `state` event.
 * @module
 */
import type { ChatClient, ClientState } from "@chat/client";
import { h } from "./dom.js";

const labels: Record<ClientState, string> = {
  idle: "Not connected",
  connecting: "Connecting…",
  online: "Online",
  reconnecting: "Reconnecting…",
  rejected: "Sign-in refused",
  closed: "Disconnected",
};

export function createConnectionStatus(client: ChatClient): HTMLElement {
  const element = h("span", { class: "status", testid: "connection-status" });
  const show = (state: ClientState): void => {
    element.dataset.state = state;
    element.textContent = labels[state];
    element.title = state === "reconnecting" ? "Messages sent meanwhile will appear once the connection is back." : "";
  };
  show(client.state);
  client.on("state", show);
  return element;
}
