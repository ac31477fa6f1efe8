import { describe, expect, it } from "vitest";
import { resolveOptions, type Store } from "../src/index.js";

const store = {} as Store;

describe("heartbeat options", () => {
  it("accepts a heartbeatTimeout above heartbeatRate", () => {
    expect(resolveOptions({ store, heartbeatRate: 50, heartbeatTimeout: 200 })).toMatchObject({ heartbeatRate: 50, heartbeatTimeout: 200 });
    expect(resolveOptions({ store, heartbeatRate: 1000 })).toMatchObject({ heartbeatRate: 1000, heartbeatTimeout: 30000 });
  });

  it("refuses a heartbeatTimeout a live instance could reach between two beats", () => {
    // Dead-instance detection would clean up live instances' sockets.
    expect(() => resolveOptions({ store, heartbeatRate: 200, heartbeatTimeout: 200 })).toThrow(
      "@chat/core: option `heartbeatTimeout` (200) must be greater than `heartbeatRate` (200)",
    );
    expect(() => resolveOptions({ store, heartbeatTimeout: 5000 })).toThrow("must be greater than `heartbeatRate` (10000)");
  });
});
