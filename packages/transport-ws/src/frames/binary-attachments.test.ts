import { describe, expect, it } from "vitest";
import { FrameError, MAX_DEPTH, hasBinary } from "./index.js";

describe("hasBinary", () => {
  it("finds binary values after primitives, in arrays and in objects, at any depth", () => {
    expect(hasBinary(["a", 1, null, true, undefined, new Uint8Array([1])])).toBe(true);
    expect(hasBinary({ text: "x", count: 2, none: null, data: new ArrayBuffer(1) })).toBe(true);
    expect(hasBinary([2, 7, null, [{ textMessage: "hi", id: 1 }, { textMessage: "yo", file: { bytes: Buffer.from("z") } }]])).toBe(true);
    expect(hasBinary([2, 7, null, [{ textMessage: "hi", id: 1, author: "u", timestamp: 5 }]])).toBe(false);
  });

  it("looks only where JSON looks: own properties, not inherited ones nor inside objects with toJSON", () => {
    const inherited = Object.create({ bytes: new Uint8Array([1]) }) as Record<string, unknown>;
    inherited.text = "x";
    expect(hasBinary(inherited)).toBe(false);
    const serialised = { toJSON: () => "plain", bytes: new Uint8Array([1]) };
    expect(hasBinary([serialised])).toBe(false);
    expect(hasBinary(new Date(0))).toBe(false);
  });

  it("answers false for primitives and refuses objects nested deeper than MAX_DEPTH", () => {
    expect(hasBinary("text")).toBe(false);
    expect(hasBinary(null)).toBe(false);
    let deep: unknown = "leaf";
    for (let i = 0; i < MAX_DEPTH; i++) deep = { next: deep };
    expect(hasBinary(deep)).toBe(false);
    expect(() => hasBinary({ next: { next: deep } })).toThrow(FrameError);
  });
});
