import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";

const options = { initialDelay: 500, maxDelay: 10_000, factor: 2 };

describe("backoffDelay", () => {
  it("draws from [0, min(maxDelay, initialDelay · factor^attempt))", () => {
    expect(backoffDelay(0, options, () => 0)).toBe(0);
    expect(backoffDelay(0, options, () => 0.999)).toBe(499);
    expect(backoffDelay(3, options, () => 0.5)).toBe(2000);
    expect(backoffDelay(30, options, () => 0.999)).toBe(9990);
  });
});
