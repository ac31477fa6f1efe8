/**
 * joinSocket and leaveSocket: the counts they report, and the userlist and seen invariants they maintain.
 * @module
 */
import { describe, expect, it } from "vitest";
import { clockAfter, sorted } from "../helpers.js";
import type { StoreContext } from "./context.js";

/** Asserts that `getUserSeen` reports `joined` with a timestamp taken between `from` and `to`. @returns it. */
export async function expectSeen(t: StoreContext, roomName: string, userName: string, joined: boolean, from: number, to: number): Promise<number> {
  const seen = await t.store.getUserSeen(roomName, userName);
  expect(seen?.joined).toBe(joined);
  expect(seen?.timestamp).toBeGreaterThanOrEqual(from);
  expect(seen?.timestamp).toBeLessThanOrEqual(to);
  return seen!.timestamp!;
}

/** Registers the join and leave tests. */
export function joinTests(t: StoreContext): void {
  describe("joins and leaves", () => {
    it("joinSocket associates the socket and adds the user to the userlist on its first socket", async () => {
      const roomName = await t.room();
      const userName = await t.user();
      const [s1, s2] = [await t.socket(userName), await t.socket(userName)];
      expect(await t.store.getUserSeen(roomName, userName)).toEqual({ joined: false, timestamp: null });
      expect(await t.store.joinSocket(userName, s1, roomName)).toEqual({ kind: "joined", njoined: 1, changed: true });
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([userName]);
      expect((await t.store.getRoomAccess(roomName, userName))!.inUserlist).toBe(true);
      expect(await t.store.joinSocket(userName, s1, roomName)).toEqual({ kind: "joined", njoined: 1, changed: false });
      expect(await t.store.joinSocket(userName, s2, roomName)).toEqual({ kind: "joined", njoined: 2, changed: true });
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([userName]);
      expect(sorted(await t.store.getUserRoomSockets(userName, roomName))).toEqual(sorted([s1, s2]));
    });

    it("leaveSocket reports the remaining count and removes the user with its last socket", async () => {
      const roomName = await t.room();
      const userName = await t.user();
      const [s1, s2, s3] = [await t.socket(userName), await t.socket(userName), await t.socket(userName)];
      await t.store.joinSocket(userName, s1, roomName);
      await t.store.joinSocket(userName, s2, roomName);
      expect(await t.store.leaveSocket(userName, s1, roomName)).toEqual({ njoined: 1, changed: true, leftUserlist: false });
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([userName]);
      expect(await t.store.leaveSocket(userName, s1, roomName)).toEqual({ njoined: 1, changed: false, leftUserlist: false });
      expect(await t.store.leaveSocket(userName, s3, roomName)).toEqual({ njoined: 1, changed: false, leftUserlist: false });
      expect(await t.store.leaveSocket(userName, s2, roomName)).toEqual({ njoined: 0, changed: true, leftUserlist: true });
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([]);
      expect((await t.store.getRoomAccess(roomName, userName))!.inUserlist).toBe(false);
      expect(await t.store.leaveSocket(userName, s2, roomName)).toEqual({ njoined: 0, changed: false, leftUserlist: false });
      expect(await t.store.getUserSocketsRooms(userName)).toEqual({ [s1]: [], [s2]: [], [s3]: [] });
    });

    it("sets seen when the user enters and leaves the userlist, and only then", async () => {
      const roomName = await t.room();
      const userName = await t.user();
      const [s1, s2] = [await t.socket(userName), await t.socket(userName)];
      let before = Date.now();
      await t.store.joinSocket(userName, s1, roomName);
      const entered = await expectSeen(t, roomName, userName, true, before, Date.now());

      await clockAfter(entered);
      await t.store.joinSocket(userName, s2, roomName);
      await t.store.leaveSocket(userName, s1, roomName);
      expect(await t.store.getUserSeen(roomName, userName)).toEqual({ joined: true, timestamp: entered });

      before = await clockAfter(entered);
      await t.store.leaveSocket(userName, s2, roomName);
      const left = await expectSeen(t, roomName, userName, false, before, Date.now());
      expect(left).toBeGreaterThan(entered);
    });

    it("joinSocket refuses a socket that is not registered for the user, changing nothing", async () => {
      const roomName = await t.room();
      const [userName, other] = [await t.user(), await t.user()];
      const othersSocket = await t.socket(other);
      await t.socket(userName);
      const removed = await t.socket(userName);
      await t.store.removeSocket(userName, removed);
      expect(await t.store.joinSocket(userName, t.name("unknown"), roomName)).toEqual({ kind: "noSocket" });
      expect(await t.store.joinSocket(userName, othersSocket, roomName)).toEqual({ kind: "noSocket" });
      expect(await t.store.joinSocket(userName, removed, roomName)).toEqual({ kind: "noSocket" });
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([]);
      expect(await t.store.getUserRoomSockets(userName, roomName)).toEqual([]);
      expect(await t.store.getUserRoomSockets(other, roomName)).toEqual([]);
      expect(await t.store.getUserSeen(roomName, userName)).toEqual({ joined: false, timestamp: null });
    });

    it("joinSocket refuses a missing or hidden room", async () => {
      const userName = await t.user();
      const socketId = await t.socket(userName);
      expect(await t.store.joinSocket(userName, socketId, t.name("missing"))).toEqual({ kind: "noRoom" });
      const roomName = await t.room();
      await t.store.hideRoom(roomName);
      expect(await t.store.joinSocket(userName, socketId, roomName)).toEqual({ kind: "noRoom" });
      expect(await t.store.getUserRoomSockets(userName, roomName)).toEqual([]);
    });

    it("counts each user's sockets per room", async () => {
      const [a, b] = [await t.room(), await t.room()];
      const [u1, u2] = [await t.user(), await t.user()];
      const [s1, s2] = [await t.socket(u1), await t.socket(u1)];
      const s3 = await t.socket(u2);
      expect(await t.store.joinSocket(u1, s1, a)).toMatchObject({ njoined: 1 });
      expect(await t.store.joinSocket(u1, s2, a)).toMatchObject({ njoined: 2 });
      expect(await t.store.joinSocket(u1, s1, b)).toMatchObject({ njoined: 1, changed: true });
      expect(await t.store.joinSocket(u2, s3, a)).toEqual({ kind: "joined", njoined: 1, changed: true });
      expect(sorted((await t.store.getRoomList(a, "userlist"))!)).toEqual(sorted([u1, u2]));
      expect(await t.store.leaveSocket(u2, s3, a)).toEqual({ njoined: 0, changed: true, leftUserlist: true });
      expect(await t.store.leaveSocket(u1, s1, b)).toEqual({ njoined: 0, changed: true, leftUserlist: true });
      expect(await t.store.getRoomList(a, "userlist")).toEqual([u1]);
      expect(sorted(await t.store.getUserRoomSockets(u1, a))).toEqual(sorted([s1, s2]));
    });
  });
}
