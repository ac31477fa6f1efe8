import { describeChatBehaviour } from "@chat/conformance";
import { afterEach } from "vitest";
import { wsHarness } from "./chat/ws-harness.js";

const { harness, closeAll } = wsHarness();
afterEach(closeAll);

describeChatBehaviour(harness);
