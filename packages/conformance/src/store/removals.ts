/**
 * Removing sockets: removeSocket (disconnect), removeUserFromRoom (lost access) and pruneUserSockets (recovery).
 * @module
 */
import { describe, expect, it } from "vitest";
import { clockAfter, sorted } from "../helpers.js";
import type { StoreContext } from "./context.js";
import { expectSeen } from "./joins.js";

const byRoom = (rooms: { roomName: string; njoined: number; enableUserlistUpdates: boolean }[]) => [...rooms].sort((x, y) => (x.roomName < y.roomName ? -1 : 1));

/** Registers the removal tests. */
export function removalTests(t: StoreContext): void {
  describe("socket removal", () => {
    it("removeSocket drops the socket everywhere and reports its rooms with the counts left and their setting", async () => {
      const userName = await t.user();
      const [a, b] = sorted([await t.room({ enableUserlistUpdates: true }), await t.room()]);
      const [i1, i2] = [t.name("instance"), t.name("instance")];
      const [s1, s2] = [await t.socket(userName, i1), await t.socket(userName, i2)];
      await t.store.joinSocket(userName, s1, a);
      await t.store.joinSocket(userName, s1, b);
      await t.store.joinSocket(userName, s2, a);
      const joinedB = (await t.store.getUserSeen(b, userName))!.timestamp!;
      const before = await clockAfter(joinedB);

      const removal = await t.store.removeSocket(userName, s1);
      expect({ ...removal, rooms: byRoom(removal.rooms) }).toEqual({
        rooms: [
          { roomName: a, njoined: 1, enableUserlistUpdates: true },
          { roomName: b, njoined: 0, enableUserlistUpdates: false },
        ],
        nconnected: 1,
        existed: true,
      });
      expect(await t.store.getRoomList(a, "userlist")).toEqual([userName]);
      expect(await t.store.getRoomList(b, "userlist")).toEqual([]);
      await expectSeen(t, b, userName, false, before, Date.now());
      expect(await t.store.getSocket(s1)).toBeNull();
      expect(await t.store.getUserSockets(userName)).toEqual({ [s2]: i2 });
      expect(await t.store.getUserSocketsRooms(userName)).toEqual({ [s2]: [a] });
      expect(await t.store.getInstanceSockets(i1)).toEqual({});
      expect(await t.store.getUserRoomSockets(userName, a)).toEqual([s2]);
      expect(await t.store.getUserRoomSockets(userName, b)).toEqual([]);

      expect(await t.store.removeSocket(userName, s2)).toEqual({ rooms: [{ roomName: a, njoined: 0, enableUserlistUpdates: true }], nconnected: 0, existed: true });
      expect(await t.store.getRoomList(a, "userlist")).toEqual([]);
      expect(await t.store.getInstanceSockets(i2)).toEqual({});
      expect(await t.store.getUserSockets(userName)).toEqual({});
    });

    it("removeSocket of an unknown socket reports existed: false and the current count", async () => {
      const userName = await t.user();
      await t.socket(userName);
      expect(await t.store.removeSocket(userName, t.name("unknown"))).toEqual({ rooms: [], nconnected: 1, existed: false });
      const socketId = await t.socket(userName);
      await t.store.removeSocket(userName, socketId);
      expect(await t.store.removeSocket(userName, socketId)).toEqual({ rooms: [], nconnected: 1, existed: false });
    });

    it("removeSocket still cleans the associations with a hidden or deleted room, which announce nothing", async () => {
      const userName = await t.user();
      const [hidden, deleted] = [await t.room({ enableUserlistUpdates: true }), await t.room({ enableUserlistUpdates: true })];
      const socketId = await t.socket(userName);
      await t.store.joinSocket(userName, socketId, hidden);
      await t.store.joinSocket(userName, socketId, deleted);
      await t.store.hideRoom(hidden);
      await t.store.hideRoom(deleted);
      await t.store.removeRoom(deleted);
      const removal = await t.store.removeSocket(userName, socketId);
      expect(byRoom(removal.rooms)).toEqual(
        byRoom([
          { roomName: hidden, njoined: 0, enableUserlistUpdates: false },
          { roomName: deleted, njoined: 0, enableUserlistUpdates: false },
        ]),
      );
      expect(await t.store.getUserRoomSockets(userName, hidden)).toEqual([]);
      expect(await t.store.getUserRoomSockets(userName, deleted)).toEqual([]);
    });
  });

  describe("removeUserFromRoom", () => {
    it("removes every socket of the user from the room and the user from the userlist", async () => {
      const [userName, other] = [await t.user(), await t.user()];
      const [a, b] = [await t.room(), await t.room()];
      const [s1, s2] = [await t.socket(userName, t.name("instance")), await t.socket(userName, t.name("instance"))];
      const otherSocket = await t.socket(other);
      await t.store.joinSocket(userName, s1, a);
      await t.store.joinSocket(userName, s2, a);
      await t.store.joinSocket(userName, s1, b);
      await t.store.joinSocket(other, otherSocket, a);
      const entered = (await t.store.getUserSeen(a, userName))!.timestamp!;
      const before = await clockAfter(entered);

      const removal = await t.store.removeUserFromRoom(userName, a);
      expect({ ...removal, sockets: sorted(removal.sockets) }).toEqual({ sockets: sorted([s1, s2]), wasInUserlist: true });
      expect(await t.store.getRoomList(a, "userlist")).toEqual([other]);
      expect(await t.store.getUserRoomSockets(userName, a)).toEqual([]);
      expect(await t.store.getUserSocketsRooms(userName)).toEqual({ [s1]: [b], [s2]: [] });
      await expectSeen(t, a, userName, false, before, Date.now());
      // Only the associations go: the sockets stay registered, and other rooms and users are untouched.
      expect(Object.keys(await t.store.getUserSockets(userName)).sort()).toEqual(sorted([s1, s2]));
      expect(await t.store.getRoomList(b, "userlist")).toEqual([userName]);
      expect(await t.store.getUserRoomSockets(other, a)).toEqual([otherSocket]);

      expect(await t.store.removeUserFromRoom(userName, a)).toEqual({ sockets: [], wasInUserlist: false });
    });

    it("works on hidden rooms and reports nothing for missing ones", async () => {
      const userName = await t.user();
      const roomName = await t.room();
      const socketId = await t.socket(userName);
      await t.store.joinSocket(userName, socketId, roomName);
      await t.store.hideRoom(roomName);
      expect(await t.store.removeUserFromRoom(userName, roomName)).toEqual({ sockets: [socketId], wasInUserlist: true });
      expect(await t.store.getUserSocketsRooms(userName)).toEqual({ [socketId]: [] });
      expect(await t.store.removeUserFromRoom(userName, t.name("missing"))).toEqual({ sockets: [], wasInUserlist: false });
    });
  });

  describe("pruneUserSockets", () => {
    it("drops the user's dead sockets of one instance with their associations, leaving userlists alone", async () => {
      const [userName, other] = [await t.user(), await t.user()];
      const roomName = await t.room();
      const [instance, elsewhere] = [t.name("instance"), t.name("instance")];
      const dead = await t.socket(userName, instance);
      const live = await t.socket(userName, instance);
      const remote = await t.socket(userName, elsewhere);
      const othersDead = await t.socket(other, instance);
      await t.store.joinSocket(userName, dead, roomName);
      const seen = await t.store.getUserSeen(roomName, userName);

      expect(await t.store.pruneUserSockets(userName, instance, [live])).toEqual([dead]);
      expect(await t.store.getSocket(dead)).toBeNull();
      expect(await t.store.getUserSockets(userName)).toEqual({ [live]: instance, [remote]: elsewhere });
      expect(await t.store.getInstanceSockets(instance)).toEqual({ [live]: userName, [othersDead]: other });
      expect(await t.store.getUserRoomSockets(userName, roomName)).toEqual([]);
      expect(await t.store.getUserSocketsRooms(userName)).toEqual({ [live]: [], [remote]: [] });
      // The caller reconciles the userlist itself (with notifications), so the store leaves it as it was.
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([userName]);
      expect(await t.store.getUserSeen(roomName, userName)).toEqual(seen);
      expect(await t.store.removeUserFromRoom(userName, roomName)).toEqual({ sockets: [], wasInUserlist: true });
    });

    it("drops nothing when every socket of that instance is live, or there are none", async () => {
      const userName = await t.user();
      const instance = t.name("instance");
      const [s1, s2] = [await t.socket(userName, instance), await t.socket(userName, instance)];
      expect(await t.store.pruneUserSockets(userName, instance, [s2, s1, t.name("extra")])).toEqual([]);
      expect(await t.store.pruneUserSockets(userName, t.name("instance"), [])).toEqual([]);
      expect(await t.store.pruneUserSockets(t.name("nobody"), instance, [])).toEqual([]);
      expect(await t.store.getUserSockets(userName)).toEqual({ [s1]: instance, [s2]: instance });
    });

    it("drops every socket of the instance for an empty live list", async () => {
      const userName = await t.user();
      const instance = t.name("instance");
      const [s1, s2] = [await t.socket(userName, instance), await t.socket(userName, instance)];
      expect(sorted(await t.store.pruneUserSockets(userName, instance, []))).toEqual(sorted([s1, s2]));
      expect(await t.store.getUserSockets(userName)).toEqual({});
      expect(await t.store.getInstanceSockets(instance)).toEqual({});
      expect(await t.store.removeUser(userName)).toBe("ok");
    });
  });
}
