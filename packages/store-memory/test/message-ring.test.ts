import type { RoomMessage } from "@chat/core";
import { describe, expect, it } from "vitest";
import { MessageRing } from "../src/message-ring.js";

const message = (id: number): RoomMessage => ({ id, author: "a", timestamp: id, textMessage: `m${id}` });
const ids = (ring: MessageRing<RoomMessage>): number[] => Array.from({ length: ring.size }, (_, k) => ring.at(k).id);

function filled(capacity: number, count: number): MessageRing<RoomMessage> {
  const ring = new MessageRing<RoomMessage>(capacity);
  for (let id = 1; id <= count; id++) ring.push(message(id));
  return ring;
}

describe("MessageRing", () => {
  it("keeps the newest messages, oldest first, however often it wraps", () => {
    expect(ids(filled(3, 2))).toEqual([1, 2]);
    expect(ids(filled(3, 3))).toEqual([1, 2, 3]);
    expect(ids(filled(3, 4))).toEqual([2, 3, 4]);
    expect(ids(filled(3, 11))).toEqual([9, 10, 11]);
  });

  it("keeps nothing at capacity 0, and treats a capacity that is not a count as 0", () => {
    expect(filled(0, 5).size).toBe(0);
    expect(filled(Number.NaN, 5).size).toBe(0);
    expect(filled(-1, 5).size).toBe(0);
    expect(ids(filled(2.7, 5))).toEqual([4, 5]);
  });

  it("resizes down to the newest that fit, and up without losing any, from any point of the ring", () => {
    const ring = filled(4, 6);
    ring.resize(2);
    expect(ids(ring)).toEqual([5, 6]);
    ring.push(message(7));
    expect(ids(ring)).toEqual([6, 7]);
    ring.resize(5);
    for (let id = 8; id <= 11; id++) ring.push(message(id));
    expect(ids(ring)).toEqual([7, 8, 9, 10, 11]);
    ring.resize(0);
    expect(ring.size).toBe(0);
    ring.push(message(12));
    expect(ring.size).toBe(0);
  });
});
