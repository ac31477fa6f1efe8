import { describe, expect, it } from "vitest";
import { decodeList, decodeValue, encodeValue } from "../src/codec.js";

const roundTrip = (value: unknown): unknown => decodeValue(encodeValue(value));

describe("codec", () => {
  it("round-trips plain JSON data unchanged", () => {
    const value = { text: "héllo 🙂", n: 1.5, negative: -3, flag: false, none: null, list: [1, "two", [3], { four: 4 }] };
    expect(roundTrip(value)).toEqual(value);
    for (const scalar of ["", "text", 0, 42, true, null]) expect(roundTrip(scalar)).toEqual(scalar);
  });

  it("brings Buffers back as Buffers, with every byte and at any depth", () => {
    const bytes = Buffer.from([0, 1, 127, 128, 254, 255]);
    const decoded = roundTrip({ a: [bytes, { b: Buffer.alloc(0) }] }) as { a: [Buffer, { b: Buffer }] };
    expect(Buffer.isBuffer(decoded.a[0])).toBe(true);
    expect([...decoded.a[0]]).toEqual([...bytes]);
    expect(Buffer.isBuffer(decoded.a[1].b)).toBe(true);
    expect(decoded.a[1].b).toHaveLength(0);
  });

  it("encodes Uint8Array, other typed arrays, views and ArrayBuffers as their bytes, read back as Buffers", () => {
    const backing = new Uint8Array([9, 8, 7, 6, 5]);
    const cases: [unknown, number[]][] = [
      [new Uint8Array([1, 2, 3]), [1, 2, 3]],
      [backing.subarray(1, 3), [8, 7]], // a view encodes its own bytes, not its whole buffer
      [new Uint16Array([0x0102]), [...new Uint8Array(new Uint16Array([0x0102]).buffer)]],
      [new DataView(backing.buffer, 2, 2), [7, 6]],
      [backing.buffer, [9, 8, 7, 6, 5]],
    ];
    for (const [value, expected] of cases) {
      const decoded = roundTrip(value);
      expect(Buffer.isBuffer(decoded)).toBe(true);
      expect([...(decoded as Buffer)]).toEqual(expected);
    }
  });

  it("keeps client objects that look like tags or like JSON-encoded Buffers as data", () => {
    const value = {
      $bin: "AAEC", // would be a binary tag if it were not escaped
      $$double: 1,
      nested: [{ $bin: "x" }, { type: "Buffer", data: [1, 2] }],
      "a$": "dollar not in front",
    };
    expect(encodeValue(value)).not.toContain('{"$bin":"AAEC"');
    expect(roundTrip(value)).toEqual(value);
  });

  it("takes the plain-JSON path only when nothing needs tagging, and round-trips both ways alike", () => {
    // No binary and no $-key: the text is exactly JSON's.
    const plain = { textMessage: 'costs "$5"', nested: [{ a: 1 }, "$not-a-key"], when: new Date(0) };
    expect(encodeValue(plain)).toBe(JSON.stringify(plain));
    expect(roundTrip(plain)).toEqual(JSON.parse(JSON.stringify(plain)));
    // A $-key deep inside arrays still takes the escaping path.
    const deep = { list: [[{ $deep: [Buffer.from([1])] }]] };
    expect(encodeValue(deep)).not.toBe(JSON.stringify(deep));
    expect(roundTrip(deep)).toEqual(deep);
  });

  it("keeps a __proto__ key as data without touching the prototype", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<string, unknown>;
    const decoded = roundTrip(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.hasOwn(decoded, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("encodes what JSON drops or converts as JSON does", () => {
    const date = new Date("2026-01-02T03:04:05.000Z");
    expect(roundTrip({ date, skip: undefined, fn: () => 1, symbol: Symbol("s"), keep: 1 })).toEqual({
      date: "2026-01-02T03:04:05.000Z",
      keep: 1,
    });
  });

  it("decodes texts joined as a JSON array as each would decode alone, plain and tagged mixed", () => {
    const values = [
      { textMessage: "plain", n: 1 },
      { binary: Buffer.from([0, 255]), $bin: "looks like a tag", $$x: [1] },
      { quote: 'a "$ in a string', nested: { list: [null, true] } },
    ];
    const texts = values.map(encodeValue);
    const joined = `[${texts.join(",")}]`;
    expect(decodeList(joined)).toEqual(texts.map(decodeValue));
    expect(decodeList(joined)).toEqual(values);
    expect(decodeList("[]")).toEqual([]);
    expect(() => decodeList(texts[0]!)).toThrow(/not a JSON array/);
  });

  it("throws on text that is not JSON", () => {
    expect(() => decodeValue("not json")).toThrow();
    expect(() => decodeValue("")).toThrow();
  });
});
