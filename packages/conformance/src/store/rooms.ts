/**
 * Rooms: creation, visibility (hidden rooms), removal, settings and access reads.
 * @module
 */
import { describe, expect, it } from "vitest";
import { sorted } from "../helpers.js";
import { roomInit, type StoreContext } from "./context.js";

/** Every room read and write must report `name` as missing. */
export async function expectNoRoom(t: StoreContext, roomName: string, userName: string, socketId: string): Promise<void> {
  const { store } = t;
  expect(await store.hasRoom(roomName)).toBe(false);
  expect(await store.getRoomState(roomName)).toBeNull();
  expect(await store.getRoomAccess(roomName, userName)).toBeNull();
  expect(await store.getRoomAccess(roomName, null)).toBeNull();
  expect(await store.updateRoom(roomName, { whitelistOnly: true })).toBe(false);
  expect(await store.addToRoomList(roomName, "whitelist", [userName])).toBe("noRoom");
  expect(await store.removeFromRoomList(roomName, "whitelist", [userName])).toBe(false);
  expect(await store.getRoomList(roomName, "adminlist")).toBeNull();
  expect(await store.roomListHas(roomName, "blacklist", userName)).toBeNull();
  expect(await store.getUserSeen(roomName, userName)).toBeNull();
  expect(await store.appendMessage(roomName, { textMessage: "x", timestamp: 1 })).toBeNull();
  expect(await store.appendMessageByMember(roomName, userName, { textMessage: "x", timestamp: 1 })).toBeNull();
  expect(await store.getRecentMessages(roomName, 10)).toBeNull();
  expect(await store.getMessagesAfter(roomName, 0, 10)).toBeNull();
  expect(await store.getRoomAccessAndMessagesAfter(roomName, userName, 0, 10)).toBeNull();
  expect(await store.getHistoryInfo(roomName)).toBeNull();
  expect(await store.joinSocket(userName, socketId, roomName)).toEqual({ kind: "noRoom" });
  expect(await store.hideRoom(roomName)).toBeNull();
}

/** Registers the room tests. */
export function roomTests(t: StoreContext): void {
  describe("rooms", () => {
    it("addRoom creates a visible room whose settings and lists read back", async () => {
      const [roomName, owner, admin, w1, w2, banned] = ["room", "owner", "a", "w", "w", "b"].map(t.name);
      const init = roomInit({
        owner,
        whitelistOnly: true,
        enableAccessListsUpdates: true,
        enableUserlistUpdates: false,
        historyMaxSize: 7,
        adminlist: [admin],
        whitelist: [w1, w2, w1],
        blacklist: [banned],
      });
      expect(await t.store.hasRoom(roomName)).toBe(false);
      expect(await t.store.addRoom(roomName, init)).toBe(true);
      expect(await t.store.hasRoom(roomName)).toBe(true);
      const state = await t.store.getRoomState(roomName);
      expect({ ...state, whitelist: sorted(state!.whitelist) }).toEqual({
        owner,
        whitelistOnly: true,
        enableAccessListsUpdates: true,
        enableUserlistUpdates: false,
        historyMaxSize: 7,
        adminlist: [admin],
        whitelist: sorted([w1, w2]),
        blacklist: [banned],
        userlist: [],
      });
      expect(await t.store.getHistoryInfo(roomName)).toEqual({ historySize: 0, historyMaxSize: 7, lastMessageId: 0 });
    });

    it("addRoom refuses an existing name and keeps the existing room as it was", async () => {
      const roomName = await t.room({ historyMaxSize: 3, whitelist: [t.name("w")] });
      const before = await t.store.getRoomState(roomName);
      expect(await t.store.addRoom(roomName, roomInit({ historyMaxSize: 9, whitelistOnly: true }))).toBe(false);
      expect(await t.store.getRoomState(roomName)).toEqual(before);
    });

    it("reports no owner as null, never as an empty string", async () => {
      const roomName = await t.room({ owner: null });
      expect((await t.store.getRoomState(roomName))!.owner).toBeNull();
      expect((await t.store.getRoomAccess(roomName, null))!.owner).toBeNull();
    });

    it("reports a missing room from every read and write, without throwing", async () => {
      const userName = await t.user();
      const socketId = await t.socket(userName);
      await expectNoRoom(t, t.name("missing"), userName, socketId);
      await expect(t.store.removeRoom(t.name("missing"))).resolves.toBeUndefined();
    });

    it("hideRoom returns the userlist and then hides the room from everything, keeping its name taken", async () => {
      const roomName = await t.room();
      const [u1, u2] = [await t.user(), await t.user()];
      const [s1, s2] = [await t.socket(u1), await t.socket(u2)];
      await t.store.joinSocket(u1, s1, roomName);
      await t.store.joinSocket(u2, s2, roomName);
      expect(sorted((await t.store.hideRoom(roomName))!)).toEqual(sorted([u1, u2]));
      await expectNoRoom(t, roomName, u1, s1);
      expect(await t.store.addRoom(roomName, roomInit())).toBe(false);
    });

    it("hideRoom of a room with nobody in it returns an empty list", async () => {
      const roomName = await t.room();
      expect(await t.store.hideRoom(roomName)).toEqual([]);
    });

    it("removeRoom deletes a hidden room with its lists, history and seen data, freeing the name", async () => {
      const roomName = await t.room({ adminlist: [t.name("admin")], historyMaxSize: 5 });
      const userName = await t.user();
      const socketId = await t.socket(userName);
      await t.store.joinSocket(userName, socketId, roomName);
      await t.store.appendMessage(roomName, { textMessage: "old", timestamp: 1 });
      await t.store.hideRoom(roomName);
      await t.store.removeRoom(roomName);
      expect(await t.store.addRoom(roomName, roomInit({ historyMaxSize: 4 }))).toBe(true);
      expect(await t.store.getRoomState(roomName)).toEqual({ ...roomInit({ historyMaxSize: 4 }), userlist: [] });
      expect(await t.store.getHistoryInfo(roomName)).toEqual({ historySize: 0, historyMaxSize: 4, lastMessageId: 0 });
      expect(await t.store.getRecentMessages(roomName, 10)).toEqual([]);
      expect(await t.store.getUserSeen(roomName, userName)).toEqual({ joined: false, timestamp: null });
    });

    it("removeRoom deletes a visible room too", async () => {
      const roomName = await t.room();
      await t.store.removeRoom(roomName);
      expect(await t.store.hasRoom(roomName)).toBe(false);
      expect(await t.store.addRoom(roomName, roomInit())).toBe(true);
    });

    it("removeRoom leaves socket associations to the users' own clean-up", async () => {
      const roomName = await t.room();
      const userName = await t.user();
      const socketId = await t.socket(userName);
      await t.store.joinSocket(userName, socketId, roomName);
      await t.store.hideRoom(roomName);
      await t.store.removeRoom(roomName);
      expect(await t.store.getUserRoomSockets(userName, roomName)).toEqual([socketId]);
      expect(await t.store.getUserSocketsRooms(userName)).toEqual({ [socketId]: [roomName] });
      const left = await t.store.leaveSocket(userName, socketId, roomName);
      expect(left).toMatchObject({ njoined: 0, changed: true });
      expect(await t.store.getUserRoomSockets(userName, roomName)).toEqual([]);
    });

    it("getRoomAccess reports settings and one user's standing; all flags false for no user", async () => {
      const [admin, listed, banned] = ["admin", "listed", "banned"].map(t.name);
      // "null" and "" catch an adapter that turns the `null` user into a name.
      const roomName = await t.room({ owner: admin, adminlist: [admin, "null", ""], whitelist: [listed, admin, "null", ""], blacklist: [banned, "null", ""] });
      const member = await t.user();
      await t.store.joinSocket(member, await t.socket(member), roomName);
      const settings = { owner: admin, whitelistOnly: false, enableAccessListsUpdates: false, enableUserlistUpdates: false, historyMaxSize: 10 };
      const flags = { inAdminlist: false, inWhitelist: false, inBlacklist: false, inUserlist: false };
      expect(await t.store.getRoomAccess(roomName, admin)).toEqual({ ...settings, ...flags, inAdminlist: true, inWhitelist: true });
      expect(await t.store.getRoomAccess(roomName, listed)).toEqual({ ...settings, ...flags, inWhitelist: true });
      expect(await t.store.getRoomAccess(roomName, banned)).toEqual({ ...settings, ...flags, inBlacklist: true });
      expect(await t.store.getRoomAccess(roomName, member)).toEqual({ ...settings, ...flags, inUserlist: true });
      expect(await t.store.getRoomAccess(roomName, t.name("stranger"))).toEqual({ ...settings, ...flags });
      expect(await t.store.getRoomAccess(roomName, null)).toEqual({ ...settings, ...flags });
    });

    it("updateRoom changes exactly the settings it is given", async () => {
      const owner = t.name("owner");
      const roomName = await t.room({ owner, enableUserlistUpdates: true });
      expect(await t.store.updateRoom(roomName, { whitelistOnly: true, enableAccessListsUpdates: true })).toBe(true);
      expect(await t.store.getRoomAccess(roomName, null)).toMatchObject({
        owner,
        whitelistOnly: true,
        enableAccessListsUpdates: true,
        enableUserlistUpdates: true,
        historyMaxSize: 10,
      });
      expect(await t.store.updateRoom(roomName, {})).toBe(true);
      expect(await t.store.updateRoom(roomName, { owner: null, enableUserlistUpdates: false, whitelistOnly: false })).toBe(true);
      expect(await t.store.getRoomState(roomName)).toMatchObject({
        owner: null,
        whitelistOnly: false,
        enableAccessListsUpdates: true,
        enableUserlistUpdates: false,
      });
    });

    it("keeps no reference to arrays passed in, and returns arrays that are the caller's", async () => {
      const whitelist = [t.name("w")];
      const roomName = await t.room({ whitelist });
      whitelist.push(t.name("late"));
      expect(await t.store.getRoomList(roomName, "whitelist")).toHaveLength(1);
      const state = await t.store.getRoomState(roomName);
      state!.whitelist.push(t.name("mine"));
      (await t.store.getRoomList(roomName, "whitelist"))!.push(t.name("mine"));
      expect(await t.store.getRoomList(roomName, "whitelist")).toHaveLength(1);
    });

    it("keeps rooms with unusual names apart", async () => {
      const base = t.name("room");
      const names = [base, `${base} `, `${base}/x`, `${base}#é🙂`, `${base}.*`];
      for (const [index, roomName] of names.entries()) {
        expect(await t.store.addRoom(roomName, roomInit({ historyMaxSize: index }))).toBe(true);
      }
      for (const [index, roomName] of names.entries()) {
        expect((await t.store.getHistoryInfo(roomName))!.historyMaxSize).toBe(index);
      }
    });
  });
}
