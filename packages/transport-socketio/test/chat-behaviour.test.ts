import { describeChatBehaviour } from "@chat/conformance";
import { afterEach } from "vitest";
import { socketIoHarness } from "./chat/socket-io-harness.js";

const { harness, closeAll } = socketIoHarness();
afterEach(closeAll);

describeChatBehaviour(harness);
