/**
 * connectSocket and lockAndJoinSocket: the combined store steps of a login and of a join, which must do what their
 * single steps do, atomically.
 * @module
 */
import { hasAccess } from "@chat/core";
import { describe, expect, it } from "vitest";
import type { StoreContext } from "./context.js";

const ttl = 10_000;

/** Every combination of the five facts that decide whether a user may join (PROTOCOL.md §6). */
function standings() {
  const combinations = [];
  for (let bits = 0; bits < 32; bits++) {
    const [isOwner, isAdmin, blacklisted, whitelistOnly, whitelisted] = [1, 2, 4, 8, 16].map((bit) => (bits & bit) !== 0);
    combinations.push({ isOwner: isOwner!, isAdmin: isAdmin!, blacklisted: blacklisted!, whitelistOnly: whitelistOnly!, whitelisted: whitelisted! });
  }
  return combinations;
}

/** Registers the tests of the combined login and join steps. */
export function loginJoinTests(t: StoreContext): void {
  describe("combined login and join steps", () => {
    it("connectSocket creates a missing user with empty direct state and counts its sockets over all instances", async () => {
      const userName = t.name("user");
      const [i1, i2] = [t.name("instance"), t.name("instance")];
      expect(await t.store.hasUser(userName)).toBe(false);
      const [s1, s2] = [t.name("socket"), t.name("socket")];
      expect(await t.store.connectSocket(userName, s1, i1)).toBe(1);
      expect(await t.store.hasUser(userName)).toBe(true);
      expect(await t.store.getDirectWhitelistMode(userName)).toBe(false);
      expect(await t.store.getDirectList(userName, "whitelist")).toEqual([]);
      expect(await t.store.getDirectList(userName, "blacklist")).toEqual([]);
      expect(await t.store.connectSocket(userName, s2, i2)).toBe(2);
      expect(await t.store.getUserSockets(userName)).toEqual({ [s1]: i1, [s2]: i2 });
      expect(await t.store.getSocket(s2)).toEqual({ userName, instanceUID: i2 });
      expect(await t.store.getInstanceSockets(i1)).toEqual({ [s1]: userName });
    });

    it("connectSocket leaves an existing user's direct state alone", async () => {
      const userName = t.name("user");
      const friend = t.name("user");
      await t.store.addUser(userName, { whitelist: [friend], blacklist: [], whitelistOnly: true });
      expect(await t.store.connectSocket(userName, t.name("socket"), t.name("instance"))).toBe(1);
      expect(await t.store.getDirectWhitelistMode(userName)).toBe(true);
      expect(await t.store.getDirectList(userName, "whitelist")).toEqual([friend]);
    });

    it("lockAndJoinSocket joins under the lock it takes, reports the room's userlist updates setting and the user's sockets, and keeps the lock", async () => {
      const roomName = await t.room({ enableUserlistUpdates: true });
      const userName = await t.user();
      // On two instances: nconnected counts the user's sockets everywhere.
      const [s1, s2] = [await t.socket(userName), await t.socket(userName)];
      const joined = { kind: "joined", enableUserlistUpdates: true, nconnected: 2 };
      expect(await t.store.lockAndJoinSocket(userName, s1, roomName, "t1", ttl)).toEqual({ ...joined, njoined: 1, changed: true });
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([userName]);
      expect((await t.store.getUserSeen(roomName, userName))?.joined).toBe(true);
      expect(await t.store.acquireLock(userName, roomName, "t2", ttl)).toBe(false);
      expect(await t.store.releaseLock(userName, roomName, "t1")).toBe(true);

      expect(await t.store.lockAndJoinSocket(userName, s1, roomName, "t3", ttl)).toEqual({ ...joined, njoined: 1, changed: false });
      // The holding token may go on: it renews its lock, as acquireLock does.
      expect(await t.store.lockAndJoinSocket(userName, s2, roomName, "t3", ttl)).toEqual({ ...joined, njoined: 2, changed: true });
      expect(await t.store.releaseLock(userName, roomName, "t3")).toBe(true);

      const quiet = await t.room();
      expect(await t.store.lockAndJoinSocket(userName, s1, quiet, "t4", ttl)).toEqual({ kind: "joined", njoined: 1, changed: true, enableUserlistUpdates: false, nconnected: 2 });
    });

    it("lockAndJoinSocket does nothing while another token holds the lock", async () => {
      const roomName = await t.room();
      const userName = await t.user();
      const socketId = await t.socket(userName);
      expect(await t.store.acquireLock(userName, roomName, "holder", ttl)).toBe(true);
      expect(await t.store.lockAndJoinSocket(userName, socketId, roomName, "t1", ttl)).toEqual({ kind: "locked" });
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([]);
      expect(await t.store.getUserRoomSockets(userName, roomName)).toEqual([]);
      expect(await t.store.releaseLock(userName, roomName, "holder")).toBe(true);
    });

    it("lockAndJoinSocket reports a missing or hidden room and an unregistered socket, joining nothing and keeping the lock", async () => {
      const userName = await t.user();
      const socketId = await t.socket(userName);
      const missing = t.name("room");
      expect(await t.store.lockAndJoinSocket(userName, socketId, missing, "t1", ttl)).toEqual({ kind: "noRoom" });
      expect(await t.store.acquireLock(userName, missing, "t2", ttl)).toBe(false);

      const hidden = await t.room();
      await t.store.hideRoom(hidden);
      expect(await t.store.lockAndJoinSocket(userName, socketId, hidden, "t1", ttl)).toEqual({ kind: "noRoom" });
      expect(await t.store.getUserRoomSockets(userName, hidden)).toEqual([]);

      const roomName = await t.room();
      expect(await t.store.lockAndJoinSocket(userName, t.name("socket"), roomName, "t1", ttl)).toEqual({ kind: "noSocket" });
      expect(await t.store.getRoomList(roomName, "userlist")).toEqual([]);
      expect(await t.store.releaseLock(userName, roomName, "t1")).toBe(true);
    });

    it("lockAndJoinSocket admits exactly whom hasAccess admits, checking access before the socket", async () => {
      for (const standing of standings()) {
        const userName = await t.user();
        const socketId = await t.socket(userName);
        const roomName = await t.room({
          owner: standing.isOwner ? userName : t.name("owner"),
          adminlist: standing.isAdmin ? [userName] : [],
          blacklist: standing.blacklisted ? [userName] : [],
          whitelist: standing.whitelisted ? [userName] : [],
          whitelistOnly: standing.whitelistOnly,
        });
        const admitted = standing.isOwner || standing.isAdmin || (!standing.blacklisted && (!standing.whitelistOnly || standing.whitelisted));
        expect(hasAccess(userName, (await t.store.getRoomAccess(roomName, userName))!), JSON.stringify(standing)).toBe(admitted);

        const outcome = await t.store.lockAndJoinSocket(userName, socketId, roomName, "t1", ttl);
        expect(outcome.kind, JSON.stringify(standing)).toBe(admitted ? "joined" : "notAllowed");
        expect(await t.store.getRoomList(roomName, "userlist")).toEqual(admitted ? [userName] : []);
        // Access comes before the socket: an unknown socket of a user kept out is still notAllowed.
        const unknownSocket = await t.store.lockAndJoinSocket(userName, t.name("socket"), roomName, "t1", ttl);
        expect(unknownSocket.kind, JSON.stringify(standing)).toBe(admitted ? "noSocket" : "notAllowed");
      }
    });

    it("concurrent lockAndJoinSocket calls with different tokens: exactly one takes the lock", async () => {
      const roomName = await t.room();
      const userName = await t.user();
      const socketId = await t.socket(userName);
      const tokens = Array.from({ length: 10 }, (_, k) => `t${k}`);
      const outcomes = await Promise.all(tokens.map((token) => t.store.lockAndJoinSocket(userName, socketId, roomName, token, ttl)));
      const takers = tokens.filter((_, k) => outcomes[k]!.kind !== "locked");
      expect(takers).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.kind === "joined")).toEqual([{ kind: "joined", njoined: 1, changed: true, enableUserlistUpdates: false, nconnected: 1 }]);
      expect(await t.store.releaseLock(userName, roomName, takers[0]!)).toBe(true);
    });
  });
}
