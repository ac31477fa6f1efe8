/**
 * Atomicity: many concurrent calls must give the counts and flags that some serial order of them would give.
 * A store shared by several instances (Redis) fails these when a method is not one indivisible operation.
 * @module
 */
import { describe, expect, it } from "vitest";
import { sorted } from "../helpers.js";
import { roomInit, type StoreContext } from "./context.js";
import { message } from "./history.js";

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k);
const numeric = (values: number[]): number[] => [...values].sort((x, y) => x - y);

/** Registers the concurrency tests. */
export function concurrencyTests(t: StoreContext): void {
  describe("concurrency", () => {
    it("200 concurrent appendMessage calls get ids 1…200 once each, stored in id order", async () => {
      const roomName = await t.room({ historyMaxSize: 200 });
      const results = await Promise.all(range(1, 200).map((n) => t.store.appendMessage(roomName, message(n))));
      expect(numeric(results as number[])).toEqual(range(1, 200));
      const history = (await t.store.getRecentMessages(roomName, 200))!;
      expect(history.map((m) => m.id)).toEqual(range(1, 200).reverse());
      // Each message is stored under the id its own call returned.
      for (const [index, id] of results.entries()) {
        expect(history[200 - id!]).toEqual({ ...message(index + 1), id });
      }
      expect(await t.store.getHistoryInfo(roomName)).toEqual({ historySize: 200, historyMaxSize: 200, lastMessageId: 200 });
    });

    it("concurrent appends past the capacity keep exactly the newest", async () => {
      const roomName = await t.room({ historyMaxSize: 7 });
      await Promise.all(range(1, 50).map((n) => t.store.appendMessage(roomName, message(n))));
      expect(await t.store.getHistoryInfo(roomName)).toEqual({ historySize: 7, historyMaxSize: 7, lastMessageId: 50 });
      expect((await t.store.getRecentMessages(roomName, 10))!.map((m) => m.id)).toEqual(range(44, 50).reverse());
    });

    it("concurrent joins and leaves of many sockets keep counts and the userlist consistent", async () => {
      const roomName = await t.room();
      const userName = await t.user();
      const instance = t.name("instance");
      const sockets = await Promise.all(range(1, 20).map(() => t.socket(userName, instance)));

      const joins = await Promise.all(sockets.map((id) => t.store.joinSocket(userName, id, roomName)));
      expect(joins.every((join) => join.kind === "joined" && join.changed)).toBe(true);
      expect(numeric(joins.map((join) => (join.kind === "joined" ? join.njoined : -1)))).toEqual(range(1, 20));
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([userName]);

      const again = await Promise.all(sockets.map((id) => t.store.joinSocket(userName, id, roomName)));
      expect(again).toEqual(sockets.map(() => ({ kind: "joined", njoined: 20, changed: false })));

      const leaves = await Promise.all(sockets.map((id) => t.store.leaveSocket(userName, id, roomName)));
      expect(leaves.every((leave) => leave.changed)).toBe(true);
      expect(numeric(leaves.map((leave) => leave.njoined))).toEqual(range(0, 19));
      expect(leaves.filter((leave) => leave.leftUserlist)).toHaveLength(1);
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([]);
    });

    it("concurrent joins of one socket change the store once", async () => {
      const roomName = await t.room();
      const userName = await t.user();
      const socketId = await t.socket(userName);
      const joins = await Promise.all(range(1, 10).map(() => t.store.joinSocket(userName, socketId, roomName)));
      expect(joins.filter((join) => join.kind === "joined" && join.changed)).toHaveLength(1);
      expect(joins.every((join) => join.kind === "joined" && join.njoined === 1)).toBe(true);
    });

    it("concurrent removeSocket calls report each room's last socket exactly once", async () => {
      const roomName = await t.room();
      const userName = await t.user();
      const sockets = await Promise.all(range(1, 10).map(() => t.socket(userName)));
      for (const id of sockets) await t.store.joinSocket(userName, id, roomName);
      const removals = await Promise.all(sockets.map((id) => t.store.removeSocket(userName, id)));
      expect(numeric(removals.map((removal) => removal.rooms[0]!.njoined))).toEqual(range(0, 9));
      expect(numeric(removals.map((removal) => removal.nconnected))).toEqual(range(0, 9));
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([]);
    });

    it("concurrent addSocket calls count 1…n", async () => {
      const userName = await t.user();
      const counts = await Promise.all(range(1, 20).map(() => t.store.addSocket(userName, t.name("socket"), t.name("instance"))));
      expect(numeric(counts)).toEqual(range(1, 20));
    });

    it("concurrent acquireLock calls with different tokens: exactly one wins", async () => {
      const [userName, roomName] = [t.name("user"), t.name("room")];
      const results = await Promise.all(range(1, 20).map((n) => t.store.acquireLock(userName, roomName, `token-${n}`, 10_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("concurrent creations of one room or user: exactly one succeeds; ensureUser tolerates them", async () => {
      const [roomName, userName, ensured] = ["room", "user", "user"].map(t.name);
      const rooms = await Promise.all(range(1, 10).map((n) => t.store.addRoom(roomName, roomInit({ owner: `o${n}`, historyMaxSize: n }))));
      expect(rooms.filter(Boolean)).toHaveLength(1);
      const winner = rooms.indexOf(true) + 1;
      expect(await t.store.getRoomAccess(roomName, null)).toMatchObject({ owner: `o${winner}`, historyMaxSize: winner });
      const users = await Promise.all(range(1, 10).map(() => t.store.addUser(userName, { whitelist: [], blacklist: [], whitelistOnly: false })));
      expect(users.filter(Boolean)).toHaveLength(1);
      await Promise.all(range(1, 10).map(() => t.store.ensureUser(ensured)));
      expect(await t.store.hasUser(ensured)).toBe(true);
    });

    it("concurrent bounded additions never exceed the limit", async () => {
      const roomName = await t.room();
      const names = range(1, 12).map(() => t.name("n"));
      const results = await Promise.all(names.map((name) => t.store.addToRoomList(roomName, "whitelist", [name], 5)));
      expect(results.filter((result) => result === "ok")).toHaveLength(5);
      expect(results.filter((result) => result === "limitExceeded")).toHaveLength(7);
      const list = (await t.store.getRoomList(roomName, "whitelist"))!;
      expect(sorted(list)).toEqual(sorted(names.filter((_, k) => results[k] === "ok")));
    });
  });
}
