import type { RoomMessage } from "@chat/core";
import { describe, expect, it } from "vitest";
import { HistoryCache, nothingKnown, type PageEntries } from "../src/history-cache.js";

/** Messages with ids `newest` … `oldest`, newest first. */
function messages(newest: number, oldest: number, text = "m"): RoomMessage[] {
  const list: RoomMessage[] = [];
  for (let id = newest; id >= oldest; id--) list.push({ textMessage: `${text}${id}`, author: "a", timestamp: id, id });
  return list;
}

/** A page of ids newest … oldest of which the script sent `above` and `below`. */
function page(newest: number, oldest: number, above: RoomMessage[], below: RoomMessage[] = [], incarnation = "i1"): PageEntries {
  return { incarnation, newest, count: Math.max(0, newest - oldest + 1), above, below };
}

const ids = (list: RoomMessage[] | undefined) => list?.map((message) => message.id);

describe("HistoryCache", () => {
  it("knows nothing at first, then the range of the page it kept", () => {
    const cache = new HistoryCache(100);
    expect(cache.known("r")).toEqual(nothingKnown);
    expect(ids(cache.assemble("r", page(10, 1, messages(10, 1)), cache.epoch))).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(cache.known("r")).toEqual(["i1", 10, 1]);
  });

  it("fills a page's known ids from what it holds, and widens to the ids sent above and below", () => {
    const cache = new HistoryCache(100);
    cache.assemble("r", page(8, 4, messages(8, 4)), cache.epoch);
    const assembled = cache.assemble("r", page(10, 1, messages(10, 9), messages(3, 1)), cache.epoch);
    expect(ids(assembled)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(assembled?.[5]).toEqual({ textMessage: "m5", author: "a", timestamp: 5, id: 5 });
    expect(cache.known("r")).toEqual(["i1", 10, 1]);
  });

  it("returns copies: a caller changing its messages changes nothing for the next reader", () => {
    const cache = new HistoryCache(100);
    const first = cache.assemble("r", page(2, 1, messages(2, 1)), cache.epoch)!;
    first[0]!.textMessage = "changed";
    const second = cache.assemble("r", page(2, 1, []), cache.epoch)!;
    expect(second[0]!.textMessage).toBe("m2");
    expect(second[0]).not.toBe(first[0]);
  });

  it("answers undefined when a left-out entry is not held, or belongs to another incarnation", () => {
    const cache = new HistoryCache(100);
    expect(cache.assemble("r", page(3, 1, []), cache.epoch)).toBeUndefined();
    cache.assemble("r", page(3, 1, messages(3, 1)), cache.epoch);
    expect(cache.assemble("r", page(3, 1, [], [], "i2"), cache.epoch)).toBeUndefined();
    expect(cache.assemble("r", page(5, 1, messages(5, 5)), cache.epoch)).toBeUndefined();
  });

  it("replaces a room's entries with a page of another incarnation, or one that does not touch them", () => {
    const cache = new HistoryCache(100);
    cache.assemble("r", page(3, 1, messages(3, 1)), cache.epoch);
    cache.assemble("r", page(2, 1, messages(2, 1, "new"), [], "i2"), cache.epoch);
    expect(cache.known("r")).toEqual(["i2", 2, 1]);
    cache.assemble("r", page(9, 8, messages(9, 8, "new"), [], "i2"), cache.epoch);
    expect(cache.known("r")).toEqual(["i2", 9, 8]);
  });

  it("keeps nothing from a read that started before a clear", () => {
    const cache = new HistoryCache(100);
    const epoch = cache.epoch;
    cache.clear();
    expect(ids(cache.assemble("r", page(2, 1, messages(2, 1)), epoch))).toEqual([2, 1]);
    expect(cache.known("r")).toEqual(nothingKnown);
  });

  it("forgets everything at a clear", () => {
    const cache = new HistoryCache(100);
    cache.assemble("r", page(2, 1, messages(2, 1)), cache.epoch);
    cache.clear();
    expect(cache.known("r")).toEqual(nothingKnown);
  });

  it("drops the rooms read longest ago to stay within its capacity, and never keeps a page larger than it", () => {
    const cache = new HistoryCache(5);
    cache.assemble("a", page(2, 1, messages(2, 1)), cache.epoch);
    cache.assemble("b", page(2, 1, messages(2, 1)), cache.epoch);
    cache.assemble("a", page(2, 1, []), cache.epoch);
    cache.assemble("c", page(2, 1, messages(2, 1)), cache.epoch);
    expect(cache.known("b")).toEqual(nothingKnown);
    expect(cache.known("a")).toEqual(["i1", 2, 1]);
    expect(cache.known("c")).toEqual(["i1", 2, 1]);
    cache.assemble("d", page(6, 1, messages(6, 1)), cache.epoch);
    expect(cache.known("d")).toEqual(nothingKnown);
    expect(cache.known("c")).toEqual(["i1", 2, 1]);
  });

  it("keeps nothing with a capacity of 0", () => {
    const cache = new HistoryCache(0);
    expect(ids(cache.assemble("r", page(1, 1, messages(1, 1)), cache.epoch))).toEqual([1]);
    expect(cache.known("r")).toEqual(nothingKnown);
  });

  it("assembles an empty page", () => {
    const cache = new HistoryCache(10);
    expect(cache.assemble("r", page(4, 5, []), cache.epoch)).toEqual([]);
    expect(cache.known("r")).toEqual(nothingKnown);
  });
});
