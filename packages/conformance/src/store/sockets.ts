/**
 * Socket registration and the per-instance registry, read back through every lookup.
 * @module
 */
import { describe, expect, it } from "vitest";
import { sorted } from "../helpers.js";
import type { StoreContext } from "./context.js";

/** Registers the socket registration and instance tests. */
export function socketTests(t: StoreContext): void {
  describe("sockets", () => {
    it("addSocket returns the user's socket count over all instances", async () => {
      const userName = await t.user();
      const [i1, i2] = [t.name("instance"), t.name("instance")];
      expect(await t.store.addSocket(userName, t.name("socket"), i1)).toBe(1);
      expect(await t.store.addSocket(userName, t.name("socket"), i2)).toBe(2);
      expect(await t.store.addSocket(userName, t.name("socket"), i1)).toBe(3);
      const other = await t.user();
      expect(await t.store.addSocket(other, t.name("socket"), i1)).toBe(1);
    });

    it("getSocket, getUserSockets and getInstanceSockets read the registrations back", async () => {
      const [u1, u2] = [await t.user(), await t.user()];
      const [i1, i2] = [t.name("instance"), t.name("instance")];
      const [s1, s2, s3, s4] = ["s", "s", "s", "s"].map(t.name);
      await t.store.addSocket(u1, s1, i1);
      await t.store.addSocket(u1, s2, i2);
      await t.store.addSocket(u2, s3, i1);
      await t.store.addSocket(u2, s4, i2);
      expect(await t.store.getSocket(s1)).toEqual({ userName: u1, instanceUID: i1 });
      expect(await t.store.getSocket(s4)).toEqual({ userName: u2, instanceUID: i2 });
      expect(await t.store.getSocket(t.name("unknown"))).toBeNull();
      expect(await t.store.getUserSockets(u1)).toEqual({ [s1]: i1, [s2]: i2 });
      expect(await t.store.getUserSockets(u2)).toEqual({ [s3]: i1, [s4]: i2 });
      expect(await t.store.getUserSockets(t.name("nobody"))).toEqual({});
      expect(await t.store.getInstanceSockets(i1)).toEqual({ [s1]: u1, [s3]: u2 });
      expect(await t.store.getInstanceSockets(i2)).toEqual({ [s2]: u1, [s4]: u2 });
      expect(await t.store.getInstanceSockets(t.name("instance"))).toEqual({});
    });

    it("getUserSocketsRooms lists every socket, with [] for sockets in no room", async () => {
      const userName = await t.user();
      const [a, b] = [await t.room(), await t.room()];
      const [s1, s2, s3] = [await t.socket(userName), await t.socket(userName), await t.socket(userName)];
      await t.store.joinSocket(userName, s1, a);
      await t.store.joinSocket(userName, s1, b);
      await t.store.joinSocket(userName, s2, b);
      const rooms = await t.store.getUserSocketsRooms(userName);
      expect(Object.keys(rooms).sort()).toEqual(sorted([s1, s2, s3]));
      expect(sorted(rooms[s1]!)).toEqual(sorted([a, b]));
      expect(rooms[s2]).toEqual([b]);
      expect(rooms[s3]).toEqual([]);
      expect(await t.store.getUserSocketsRooms(t.name("nobody"))).toEqual({});
    });

    it("getUserRoomSockets lists the user's sockets joined to a room", async () => {
      const [userName, other] = [await t.user(), await t.user()];
      const roomName = await t.room();
      const [s1, s2] = [await t.socket(userName), await t.socket(userName)];
      await t.socket(userName);
      const otherSocket = await t.socket(other);
      await t.store.joinSocket(userName, s1, roomName);
      await t.store.joinSocket(userName, s2, roomName);
      await t.store.joinSocket(other, otherSocket, roomName);
      expect(sorted(await t.store.getUserRoomSockets(userName, roomName))).toEqual(sorted([s1, s2]));
      expect(await t.store.getUserRoomSockets(other, roomName)).toEqual([otherSocket]);
      expect(await t.store.getUserRoomSockets(userName, await t.room())).toEqual([]);
      expect(await t.store.getUserRoomSockets(t.name("nobody"), roomName)).toEqual([]);
    });

    it("returned records are the caller's", async () => {
      const userName = await t.user();
      const instanceUID = t.name("instance");
      const socketId = await t.socket(userName, instanceUID);
      (await t.store.getSocket(socketId))!.userName = "changed";
      (await t.store.getUserSockets(userName))[socketId] = "changed";
      (await t.store.getInstanceSockets(instanceUID))[socketId] = "changed";
      expect(await t.store.getSocket(socketId)).toEqual({ userName, instanceUID });
      expect(await t.store.getUserSockets(userName)).toEqual({ [socketId]: instanceUID });
      expect(await t.store.getInstanceSockets(instanceUID)).toEqual({ [socketId]: userName });
    });
  });

  describe("instances", () => {
    it("records heartbeats per instance", async () => {
      const [i1, i2] = [t.name("instance"), t.name("instance")];
      expect(await t.store.getInstanceHeartbeat(i1)).toBeNull();
      await t.store.setInstanceHeartbeat(i1, 1_700_000_000_123);
      expect(await t.store.getInstanceHeartbeat(i1)).toBe(1_700_000_000_123);
      await t.store.setInstanceHeartbeat(i1, 1_700_000_000_456);
      expect(await t.store.getInstanceHeartbeat(i1)).toBe(1_700_000_000_456);
      expect(await t.store.getInstanceHeartbeat(i2)).toBeNull();
    });

    it("removeInstance forgets the instance's registry and heartbeat, and nothing else", async () => {
      const userName = await t.user();
      const [gone, alive] = [t.name("instance"), t.name("instance")];
      const [s1, s2] = [await t.socket(userName, gone), await t.socket(userName, alive)];
      await t.store.setInstanceHeartbeat(gone, 1);
      await t.store.setInstanceHeartbeat(alive, 2);
      await t.store.removeInstance(gone);
      expect(await t.store.getInstanceSockets(gone)).toEqual({});
      expect(await t.store.getInstanceHeartbeat(gone)).toBeNull();
      expect(await t.store.getInstanceSockets(alive)).toEqual({ [s2]: userName });
      expect(await t.store.getInstanceHeartbeat(alive)).toBe(2);
      // The users' own socket state is the core's to clean, before it forgets the instance.
      expect(await t.store.getUserSockets(userName)).toEqual({ [s1]: gone, [s2]: alive });
      await expect(t.store.removeInstance(t.name("instance"))).resolves.toBeUndefined();
    });
  });
}
