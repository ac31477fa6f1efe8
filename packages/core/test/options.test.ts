import { describe, expect, it } from "vitest";
import { resolveOptions, type Store } from "../src/index.js";

const store = {} as Store;

describe("resolveOptions", () => {
  it("applies 1.0's defaults", () => {
    expect(resolveOptions({ store })).toMatchObject({
      historyMaxGetMessages: 100,
      historyMaxSize: 10000,
      directListSizeLimit: 1000,
      roomListSizeLimit: 10000,
      closeTimeout: 15000,
      heartbeatRate: 10000,
      heartbeatTimeout: 30000,
      busAckTimeout: 5000,
      enableDirectMessages: false,
    });
  });

  it("uses 0 as given instead of as 'default'", () => {
    expect(resolveOptions({ store, directListSizeLimit: 0, historyMaxSize: 0 })).toMatchObject({ directListSizeLimit: 0, historyMaxSize: 0 });
  });

  it("refuses invalid numbers, unknown keys and 1.0's adapter strings with clear errors", () => {
    expect(() => resolveOptions({ store, historyMaxSize: -1 })).toThrow("option `historyMaxSize` must be an integer ≥ 0, got -1");
    expect(() => resolveOptions({ store, heartbeatRate: 0 })).toThrow("heartbeatRate");
    expect(() => resolveOptions({ store, closeTimeout: 1.5 })).toThrow("closeTimeout");
    expect(() => resolveOptions({ store, enableDirectMesages: true } as never)).toThrow("unknown option `enableDirectMesages`");
    expect(() => resolveOptions({ store, state: "redis" } as never)).toThrow("memoryStore()");
  });
});
