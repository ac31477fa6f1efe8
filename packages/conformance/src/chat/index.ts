/**
 * `describeChatBehaviour`: the whole client-visible behaviour of the service, end to end through a transport.
 * @module
 */
import type { ChatHarness } from "./harness.js";
import { describeLogin } from "./login.js";

export * from "./harness.js";

/** Runs every chat-behaviour suite against a harness (a transport with its real clients). */
export function describeChatBehaviour(harness: ChatHarness): void {
  describeLogin(harness);
}
