/**
 * The whole chat behaviour suite with every test's users spread over three instances of one cluster (memory
 * store and bus in this process), all on the ws transport: a cluster must behave exactly as one instance.
 */
import { describeChatBehaviour } from "@chat/conformance";
import { afterEach } from "vitest";
import { wsHarness } from "./chat/ws-harness.js";

const { harness, closeAll } = wsHarness({ instances: 3 });
afterEach(closeAll);

describeChatBehaviour(harness);
