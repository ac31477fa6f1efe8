import { memoryBus } from "@chat/core";
import { describeBus, describeStore } from "@chat/conformance";
import { memoryStore } from "../src/index.js";

describeStore("memoryStore", () => memoryStore());

// One in-process bus is "connected" to itself: every service of the cluster holds the same object.
describeBus("memoryBus", async (count) => {
  const bus = memoryBus();
  return { buses: Array.from({ length: count }, () => bus), close: () => bus.close() };
});
