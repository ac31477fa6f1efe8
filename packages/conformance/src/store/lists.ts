/**
 * Room and direct lists: set semantics, the limit rule, empty requests (PROTOCOL.md §0 fixed row 20).
 * The same rules apply to both kinds of lists, so one set of tests runs against each.
 * @module
 */
import { describe, expect, it } from "vitest";
import type { DirectListName, ListAddResult, RoomListName } from "@chat/core";
import { sorted } from "../helpers.js";
import type { StoreContext } from "./context.js";

/** One list of one owner (a room or a user), seen through the store's generic list operations. */
interface ListUnderTest {
  add(names: readonly string[], limit?: number): Promise<ListAddResult>;
  remove(names: readonly string[]): Promise<boolean>;
  get(): Promise<string[] | null>;
  has(name: string): Promise<boolean | null>;
}

type ListFactory = (t: StoreContext) => Promise<ListUnderTest>;

const roomList =
  (listName: RoomListName): ListFactory =>
  async (t) => {
    const roomName = await t.room();
    return {
      add: (names, limit) => t.store.addToRoomList(roomName, listName, names, limit),
      remove: (names) => t.store.removeFromRoomList(roomName, listName, names),
      get: () => t.store.getRoomList(roomName, listName),
      has: (name) => t.store.roomListHas(roomName, listName, name),
    };
  };

const directList =
  (listName: DirectListName): ListFactory =>
  async (t) => {
    const userName = await t.user();
    return {
      add: (names, limit) => t.store.addToDirectList(userName, listName, names, limit),
      remove: (names) => t.store.removeFromDirectList(userName, listName, names),
      get: () => t.store.getDirectList(userName, listName),
      has: (name) => t.store.directListHas(userName, listName, name),
    };
  };

function listTests(t: StoreContext, title: string, makeList: ListFactory): void {
  describe(title, () => {
    it("adds names, reads them back and answers membership", async () => {
      const list = await makeList(t);
      const [a, b] = [t.name("a"), t.name("b")];
      expect(await list.get()).toEqual([]);
      expect(await list.add([a, b])).toBe("ok");
      expect(sorted((await list.get())!)).toEqual(sorted([a, b]));
      expect(await list.has(a)).toBe(true);
      expect(await list.has(t.name("c"))).toBe(false);
    });

    it("is a set: duplicates in a request and names already present are stored once", async () => {
      const list = await makeList(t);
      const [a, b] = [t.name("a"), t.name("b")];
      expect(await list.add([a, a, b])).toBe("ok");
      expect(await list.add([b, a])).toBe("ok");
      expect(sorted((await list.get())!)).toEqual(sorted([a, b]));
    });

    it("removes names and ignores absent ones", async () => {
      const list = await makeList(t);
      const [a, b, c] = [t.name("a"), t.name("b"), t.name("c")];
      await list.add([a, b]);
      expect(await list.remove([a, c])).toBe(true);
      expect(await list.get()).toEqual([b]);
      expect(await list.has(a)).toBe(false);
    });

    it("treats an empty request as a successful no-op, whatever the limit", async () => {
      const list = await makeList(t);
      const [a, b] = [t.name("a"), t.name("b")];
      await list.add([a, b]);
      expect(await list.add([])).toBe("ok");
      expect(await list.add([], 0)).toBe("ok");
      expect(await list.remove([])).toBe(true);
      expect(sorted((await list.get())!)).toEqual(sorted([a, b]));
    });

    it("allows additions up to the limit: current size plus new names", async () => {
      const list = await makeList(t);
      const names = ["a", "b", "c", "d"].map(t.name);
      expect(await list.add(names.slice(0, 2), 4)).toBe("ok");
      expect(await list.add(names.slice(2), 4)).toBe("ok");
      expect(await list.get()).toHaveLength(4);
    });

    it("refuses an addition beyond the limit and adds none of its names", async () => {
      const list = await makeList(t);
      const [a, b, c] = [t.name("a"), t.name("b"), t.name("c")];
      await list.add([a]);
      expect(await list.add([b, c], 2)).toBe("limitExceeded");
      expect(await list.get()).toEqual([a]);
      expect(await list.add([b], 0)).toBe("limitExceeded");
      expect(await list.has(b)).toBe(false);
    });

    it("counts only distinct names not yet present against the limit", async () => {
      const list = await makeList(t);
      const [a, b, c, d] = ["a", "b", "c", "d"].map(t.name);
      await list.add([a, b]);
      expect(await list.add([a, b, a], 2)).toBe("ok");
      expect(await list.add([c, c, a], 3)).toBe("ok");
      expect(await list.add([d, d], 3)).toBe("limitExceeded");
      expect(sorted((await list.get())!)).toEqual(sorted([a, b, c]));
    });

    it("applies the rule literally when the list is already over the limit", async () => {
      const list = await makeList(t);
      const [a, b] = [t.name("a"), t.name("b")];
      await list.add([a, b]);
      expect(await list.add([a], 1)).toBe("limitExceeded");
      expect(await list.add([a])).toBe("ok");
    });

    it("has no limit when none is given", async () => {
      const list = await makeList(t);
      const names = Array.from({ length: 100 }, () => t.name("n"));
      expect(await list.add(names)).toBe("ok");
      expect(await list.get()).toHaveLength(100);
    });

    it("stores names the name rule would refuse (list entries are not validated)", async () => {
      const list = await makeList(t);
      const base = t.name("odd");
      const names = [`${base}:x`, `{${base}}`, `${base} é🙂`, `${base}\n`, `${base}*?[`];
      expect(await list.add(names)).toBe("ok");
      expect(sorted((await list.get())!)).toEqual(sorted(names));
      for (const name of names) expect(await list.has(name)).toBe(true);
      expect(await list.has(base)).toBe(false);
    });

    it("neither retains nor mutates the arrays passed in, and returns arrays that are the caller's", async () => {
      const list = await makeList(t);
      const a = t.name("a");
      const names = [a, a];
      await list.add(names);
      expect(names).toEqual([a, a]);
      names.push(t.name("late"));
      (await list.get())!.push(t.name("mine"));
      expect(await list.get()).toEqual([a]);
    });
  });
}

/** Registers the list tests for every room list and every direct list. */
export function listSuites(t: StoreContext): void {
  describe("lists", () => {
    for (const listName of ["adminlist", "whitelist", "blacklist"] as const) listTests(t, `room ${listName}`, roomList(listName));
    for (const listName of ["whitelist", "blacklist"] as const) listTests(t, `direct ${listName}`, directList(listName));

    it("room lists are independent of each other", async () => {
      const roomName = await t.room();
      const name = t.name("u");
      await t.store.addToRoomList(roomName, "blacklist", [name]);
      expect(await t.store.roomListHas(roomName, "whitelist", name)).toBe(false);
      expect(await t.store.roomListHas(roomName, "adminlist", name)).toBe(false);
      expect(await t.store.roomListHas(roomName, "blacklist", name)).toBe(true);
    });

    it("a room's userlist is readable as a list", async () => {
      const roomName = await t.room();
      const userName = await t.user();
      expect(await t.store.roomListHas(roomName, "userlist", userName)).toBe(false);
      await t.store.joinSocket(userName, await t.socket(userName), roomName);
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([userName]);
      expect(await t.store.roomListHas(roomName, "userlist", userName)).toBe(true);
    });
  });
}
