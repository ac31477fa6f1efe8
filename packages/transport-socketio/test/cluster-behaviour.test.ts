/**
 * The whole chat behaviour suite with every test's users spread over three instances of one cluster (memory
 * store and bus in this process): a cluster must behave exactly as one instance.
 */
import { describeChatBehaviour } from "@chat/conformance";
import { afterEach } from "vitest";
import { socketIoHarness } from "./chat/socket-io-harness.js";

const { harness, closeAll } = socketIoHarness({ instances: 3 });
afterEach(closeAll);

describeChatBehaviour(harness);
