/**
 * `describeChatBehaviour`: the whole client-visible behaviour of the service, end to end through a transport.
 * @module
 */
import { describeDirectAndHooks } from "./direct-and-hooks.js";
import type { ChatHarness } from "./harness.js";
import { describeHistoryReplies } from "./history-replies.js";
import { describeHostileInput } from "./hostile-input.js";
import { describeLogin } from "./login.js";
import { describeMembership } from "./membership.js";
import { describeRoomAdministration } from "./room-administration.js";

export * from "./harness.js";
export * from "./cluster-harness.js";
export * from "./request-spy.js";

/** Runs every chat-behaviour suite against a harness (a transport with its real clients). */
export function describeChatBehaviour(harness: ChatHarness): void {
  describeLogin(harness);
  describeMembership(harness);
  describeRoomAdministration(harness);
  describeDirectAndHooks(harness);
  describeHostileInput(harness);
  describeHistoryReplies(harness);
}
