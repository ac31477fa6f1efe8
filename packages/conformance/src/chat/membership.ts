import type { ChatHarness } from "./harness.js";

export function describeMembership(_harness: ChatHarness): void {}
