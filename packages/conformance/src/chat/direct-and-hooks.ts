import type { ChatHarness } from "./harness.js";

export function describeDirectAndHooks(_harness: ChatHarness): void {}
