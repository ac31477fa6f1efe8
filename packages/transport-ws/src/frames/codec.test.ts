import { describe, expect, it } from "vitest";
import { CloseCode, FrameError, FrameType, decodeClientFrame, decodeServerFrame, encodeClientFrame, encodeNotification, encodeServerFrame } from "./index.js";

describe("frame codec", () => {
  it("encodes frames without binary values as JSON text", () => {
    expect(encodeClientFrame({ type: FrameType.request, id: 7, event: "roomJoin", args: ["r"] })).toBe('[1,7,"roomJoin",["r"]]');
    expect(encodeNotification("roomMessage", ["r", { textMessage: "hi", id: 1 }])).toBe('[4,"roomMessage",["r",{"textMessage":"hi","id":1}]]');
    expect(decodeClientFrame('[0,"systemMessage",[null]]')).toEqual({ type: FrameType.send, event: "systemMessage", args: [null] });
  });

  it("round-trips binary values at any depth, in both directions", () => {
    const message = { data: new Uint8Array([1, 2, 3]), nested: [{ blob: new Uint8Array(0) }, "text", null], raw: new Uint16Array([258]).buffer };
    const wire = encodeClientFrame({ type: FrameType.request, id: 1, event: "roomMessage", args: ["r", message] });
    expect(wire).toBeInstanceOf(Uint8Array);
    const decoded = decodeClientFrame(wire);
    expect(decoded).toEqual({
      type: FrameType.request,
      id: 1,
      event: "roomMessage",
      args: ["r", { data: new Uint8Array([1, 2, 3]), nested: [{ blob: new Uint8Array(0) }, "text", null], raw: new Uint8Array(new Uint16Array([258]).buffer) }],
    });
    const reply = decodeServerFrame(encodeServerFrame({ type: FrameType.reply, id: 1, results: [Buffer.from("xyz")] }), (bytes) => Buffer.from(bytes));
    expect(reply).toEqual({ type: FrameType.reply, id: 1, results: [Buffer.from("xyz")] });
  });

  it("never takes user JSON for binary placeholders", () => {
    const args = [{ $binary: 0, _placeholder: true, num: 0 }, null];
    const decoded = decodeClientFrame(encodeClientFrame({ type: FrameType.send, event: "e", args: [...args, new Uint8Array([9])] }));
    expect(decoded).toEqual({ type: FrameType.send, event: "e", args: [...args, new Uint8Array([9])] });
  });

  it.each([
    ["not JSON", "{"],
    ["not an array", '{"0":1}'],
    ["unknown type", '[9,"x",[]]'],
    ["server type from a client", '[4,"roomMessage",[]]'],
    ["negative id", '[1,-1,"roomJoin",[]]'],
    ["fractional id", '[1,1.5,"roomJoin",[]]'],
    ["event not a string", "[0,5,[]]"],
    ["args not an array", '[0,"e",{}]'],
    ["extra element", '[0,"e",[],1]'],
    ["truncated binary", new Uint8Array([0, 0, 0, 9, 1])],
    ["binary path into a value", binaryFrame([0, "e", ["taken"]], [[2, 0]], [new Uint8Array([1])])],
    ["binary path into __proto__", binaryFrame([0, "e", [JSON.parse('{"__proto__":null}')]], [[2, 0, "__proto__"]], [new Uint8Array([1])])],
    ["trailing bytes", concat(binaryFrame([0, "e", [null]], [[2, 0]], [new Uint8Array([1])]), new Uint8Array([0]))],
  ])("refuses %s with a FrameError", (_title, data) => {
    expect(() => decodeClientFrame(data)).toThrow(FrameError);
  });

  it("refuses values nested too deeply instead of overflowing the stack", () => {
    let deep: unknown = new Uint8Array([1]);
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(() => encodeNotification("e", [deep])).toThrow(FrameError);
  });

  it("declares its close codes in the application range", () => {
    expect(CloseCode.invalidFrame).toBeGreaterThanOrEqual(4000);
  });
});

function binaryFrame(frame: unknown[], paths: unknown[][], blobs: Uint8Array[]): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify([frame, paths]));
  const parts = [u32(header.length), header, ...blobs.flatMap((blob) => [u32(blob.length), blob])];
  return concat(...parts);
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
