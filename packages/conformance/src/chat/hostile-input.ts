import type { ChatHarness } from "./harness.js";

export function describeHostileInput(_harness: ChatHarness): void {}
