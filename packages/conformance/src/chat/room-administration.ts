import type { ChatHarness } from "./harness.js";

export function describeRoomAdministration(_harness: ChatHarness): void {}
