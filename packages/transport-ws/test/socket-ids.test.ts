import { describe, expect, it } from "vitest";
import { newSocketId } from "../src/socket-ids.js";

describe("newSocketId", () => {
  it("gives 128-bit URL-safe ids, all different, across refills of its pool of random bytes", () => {
    const ids = Array.from({ length: 1000 }, () => newSocketId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
