/**
 * Room administration, continued (PROTOCOL.md §8.12–8.16, 8.20, 8.21, 8.23, 8.24, §14.2, §14.3; §0 Fixed rows 5,
 * 15, 20): whitelist mode, room reads, history windows and the server-side room API.
 * @module
 */
import { describe, expect, it } from "vitest";
import { sorted } from "../helpers.js";
import { expectError, expectNone, expectResult, type ChatHarness, type TestClient } from "./harness.js";

async function join(client: TestClient, roomName: string): Promise<number> {
  return expectResult(await client.request("roomJoin", roomName)) as number;
}

/** Sends `count` messages "m1"… to a room and waits for each reply. */
async function post(client: TestClient, roomName: string, count: number): Promise<void> {
  for (let n = 1; n <= count; n++) expectResult(await client.request("roomMessage", roomName, { textMessage: `m${n}` }));
}

function ids(messages: unknown): number[] {
  return (messages as { id: number }[]).map((message) => message.id);
}

export function describeRoomAdministration2(harness: ChatHarness): void {
  describe("room administration (mode, reads, server API)", () => {
    describe("roomSetWhitelistMode", () => {
      it("fails with noRoom, and notAllowed for a non-admin even if joined", async () => {
        const server = await harness();
        await server.service.addRoom("r", { owner: "alice", adminlist: ["dan"] });
        const bob = await server.connect("bob");
        const dan = await server.connect("dan");
        await join(bob, "r");
        expectError(await bob.request("roomSetWhitelistMode", "nowhere", true), "noRoom", "nowhere");
        expectError(await bob.request("roomSetWhitelistMode", "r", true), "notAllowed");
        expect(expectResult(await bob.request("roomGetWhitelistMode", "r"))).toBe(false);
        expect(await dan.request("roomSetWhitelistMode", "r", true)).toEqual({ error: null, results: [null] });
        expect(expectResult(await dan.request("roomGetWhitelistMode", "r"))).toBe(true);
      });

      it("turning it on notifies, then removes unlisted users, but never the owner or admins (Fixed row 5)", async () => {
        const server = await harness({ enableAccessListsUpdates: true, enableUserlistUpdates: true });
        await server.service.addRoom("r", { owner: "alice", adminlist: ["dan"], whitelist: ["wes"] });
        const alice = await server.connect("alice");
        const dan = await server.connect("dan");
        const wes = await server.connect("wes");
        const bob1 = await server.connect("bob");
        const bob2 = await server.connect("bob");
        const carol = await server.connect("carol");
        for (const client of [alice, dan, wes, bob1]) await join(client, "r");
        expect(await dan.request("roomSetWhitelistMode", "r", true)).toEqual({ error: null, results: [null] });
        expect(dan.received.filter(([event]) => event === "roomModeChanged" || event === "roomUserLeft")).toEqual([
          ["roomModeChanged", "r", true],
          ["roomUserLeft", "r", "bob"],
        ]);
        expect(await bob1.next("roomAccessRemoved")).toEqual(["r"]);
        expect(await bob2.next("roomAccessRemoved")).toEqual(["r"]);
        expect(bob1.received.filter(([event]) => event === "roomModeChanged" || event === "roomAccessRemoved")).toEqual([
          ["roomModeChanged", "r", true],
          ["roomAccessRemoved", "r"],
        ]);
        for (const client of [alice, wes]) {
          expect(await client.next("roomModeChanged")).toEqual(["r", true]);
          expect(await client.next("roomUserLeft")).toEqual(["r", "bob"]);
        }
        for (const client of [alice, dan, wes]) await expectNone(server, client, "roomAccessRemoved");
        for (const client of [bob1, bob2]) await expectNone(server, client, "roomLeftEcho");
        await expectNone(server, carol, "roomModeChanged");
        expect(sorted(expectResult(await alice.request("roomGetAccessList", "r", "userlist")) as string[])).toEqual(["alice", "dan", "wes"]);
        expectError(await bob1.request("roomJoin", "r"), "notAllowed");
      });

      it("turning it off removes nobody and notifies the room", async () => {
        const server = await harness({ enableAccessListsUpdates: true, enableUserlistUpdates: true });
        await server.service.addRoom("r", { owner: "alice", whitelistOnly: true, whitelist: ["bob"] });
        const alice = await server.connect("alice");
        const bob = await server.connect("bob");
        await join(bob, "r");
        expect(expectResult(await alice.request("roomSetWhitelistMode", "r", false))).toBeNull();
        expect(await bob.next("roomModeChanged")).toEqual(["r", false]);
        await expectNone(server, bob, "roomAccessRemoved");
        await expectNone(server, alice, "roomModeChanged");
        expect(expectResult(await bob.request("roomGetWhitelistMode", "r"))).toBe(false);
        const carol = await server.connect("carol");
        expect(await join(carol, "r")).toBe(1);
      });
    });

    describe("room reads", () => {
      it("roomGetAccessList: noRoom, notJoined for outsiders (before noList), noList; owner and admins read unjoined", async () => {
        const server = await harness();
        await server.service.addRoom("r", { owner: "alice", adminlist: ["dan"], whitelist: ["wes"], blacklist: ["mallory"] });
        const alice = await server.connect("alice");
        const dan = await server.connect("dan");
        const bob = await server.connect("bob");
        const carol = await server.connect("carol");
        await join(bob, "r");
        expectError(await carol.request("roomGetAccessList", "nowhere", "whitelist"), "noRoom", "nowhere");
        expectError(await carol.request("roomGetAccessList", "r", "whitelist"), "notJoined", "r");
        expectError(await carol.request("roomGetAccessList", "r", "nolist"), "notJoined", "r");
        expectError(await alice.request("roomGetAccessList", "r", "nolist"), "noList", "nolist");
        expect(expectResult(await alice.request("roomGetAccessList", "r", "adminlist"))).toEqual(["dan"]);
        expect(expectResult(await dan.request("roomGetAccessList", "r", "whitelist"))).toEqual(["wes"]);
        expect(expectResult(await bob.request("roomGetAccessList", "r", "blacklist"))).toEqual(["mallory"]);
        expect(expectResult(await bob.request("roomGetAccessList", "r", "userlist"))).toEqual(["bob"]);
        expect(await server.service.execUserCommand({ userName: "carol", bypassPermissions: true }, "roomGetAccessList", "r", "whitelist")).toEqual([["wes"]]);
      });

      it("roomGetOwner, roomGetWhitelistMode and roomNotificationsInfo", async () => {
        const server = await harness({ enableUserlistUpdates: true, enableAccessListsUpdates: false });
        await server.service.addRoom("ownerless", { whitelistOnly: true, whitelist: ["bob"] });
        await server.service.addRoom("r", { owner: "alice", enableAccessListsUpdates: true, enableUserlistUpdates: false });
        const alice = await server.connect("alice");
        const bob = await server.connect("bob");
        await join(bob, "ownerless");
        expect(await bob.request("roomGetOwner", "ownerless")).toEqual({ error: null, results: [null] });
        expect(expectResult(await alice.request("roomGetOwner", "r"))).toBe("alice");
        expectError(await alice.request("roomGetOwner", "ownerless"), "notJoined", "ownerless");
        expectError(await bob.request("roomGetOwner", "r"), "notJoined", "r");
        expectError(await bob.request("roomGetOwner", "nowhere"), "noRoom", "nowhere");
        expect(expectResult(await bob.request("roomGetWhitelistMode", "ownerless"))).toBe(true);
        expectError(await bob.request("roomGetWhitelistMode", "r"), "notJoined", "r");
        expect(expectResult(await bob.request("roomNotificationsInfo", "ownerless"))).toEqual({ enableUserlistUpdates: true, enableAccessListsUpdates: false });
        expect(expectResult(await alice.request("roomNotificationsInfo", "r"))).toEqual({ enableUserlistUpdates: false, enableAccessListsUpdates: true });
        expectError(await bob.request("roomNotificationsInfo", "r"), "notJoined", "r");
        expectError(await bob.request("roomNotificationsInfo", "nowhere"), "noRoom", "nowhere");
      });

      it("roomHistoryInfo and roomRecentHistory (newest first, capped by historyMaxGetMessages)", async () => {
        const server = await harness({ historyMaxGetMessages: 2 });
        await server.service.addRoom("r", { owner: "alice", historyMaxSize: 3 });
        const alice = await server.connect("alice");
        const bob = await server.connect("bob");
        expect(expectResult(await alice.request("roomHistoryInfo", "r"))).toEqual({ historySize: 0, historyMaxSize: 3, historyMaxGetMessages: 2, lastMessageId: 0 });
        expect(expectResult(await alice.request("roomRecentHistory", "r"))).toEqual([]);
        await join(bob, "r");
        await post(bob, "r", 5);
        expect(expectResult(await bob.request("roomHistoryInfo", "r"))).toEqual({ historySize: 3, historyMaxSize: 3, historyMaxGetMessages: 2, lastMessageId: 5 });
        const recent = expectResult(await alice.request("roomRecentHistory", "r"));
        expect(recent).toEqual([
          { textMessage: "m5", author: "bob", timestamp: expect.any(Number), id: 5 },
          { textMessage: "m4", author: "bob", timestamp: expect.any(Number), id: 4 },
        ]);
        // bypass does not lift the cap of roomRecentHistory.
        const [bypassed] = await server.service.execUserCommand({ userName: "bob", bypassPermissions: true }, "roomRecentHistory", "r");
        expect(ids(bypassed)).toEqual([5, 4]);
        const carol = await server.connect("carol");
        expectError(await carol.request("roomHistoryInfo", "r"), "notJoined", "r");
        expectError(await carol.request("roomRecentHistory", "r"), "notJoined", "r");
        expectError(await carol.request("roomRecentHistory", "nowhere"), "noRoom", "nowhere");
      });

      it("roomRecentHistory and roomHistoryGet return [] with historyMaxGetMessages 0", async () => {
        const server = await harness({ historyMaxGetMessages: 0 });
        await server.service.addRoom("r", { owner: "alice" });
        const alice = await server.connect("alice");
        await join(alice, "r");
        await post(alice, "r", 2);
        expect(await alice.request("roomRecentHistory", "r")).toEqual({ error: null, results: [[]] });
        expect(expectResult(await alice.request("roomHistoryGet", "r", 0, 5))).toEqual([]);
        expect(expectResult(await alice.request("roomHistoryInfo", "r"))).toMatchObject({ historySize: 2, historyMaxGetMessages: 0, lastMessageId: 2 });
      });

      it("roomHistoryGet returns the id window after `id`, newest first, missing what was rotated out", async () => {
        const server = await harness({ historyMaxGetMessages: 10 });
        await server.service.addRoom("r", { owner: "alice", historyMaxSize: 3 });
        const alice = await server.connect("alice");
        await join(alice, "r");
        await post(alice, "r", 5);
        const get = async (id: number, limit: number) => ids(expectResult(await alice.request("roomHistoryGet", "r", id, limit)));
        expect(await get(0, 2)).toEqual([]);
        expect(await get(1, 2)).toEqual([3]);
        expect(await get(2, 10)).toEqual([5, 4, 3]);
        expect(await get(3, 1)).toEqual([4]);
        expect(await get(0, 10)).toEqual([5, 4, 3]);
        expect(await get(5, 3)).toEqual([]);
        expect(await get(9, 3)).toEqual([]);
        const [message] = expectResult(await alice.request("roomHistoryGet", "r", 3, 1)) as unknown[];
        expect(message).toEqual({ textMessage: "m4", author: "alice", timestamp: expect.any(Number), id: 4 });
        expectError(await alice.request("roomHistoryGet", "r", 1.5, 2), "badArgument", 1, 1.5);
        expectError(await alice.request("roomHistoryGet", "r", -1, 2), "badArgument", 1, -1);
        expectError(await alice.request("roomHistoryGet", "r", 0, 0), "badArgument", 2, 0);
        expectError(await alice.request("roomHistoryGet", "r", 0, 2.5), "badArgument", 2, 2.5);
        expectError(await alice.request("roomHistoryGet", "nowhere", 0, 2), "noRoom", "nowhere");
      });

      it("roomHistoryGet caps limit by historyMaxGetMessages unless bypassPermissions", async () => {
        const server = await harness({ historyMaxGetMessages: 2 });
        await server.service.addRoom("r", { owner: "alice" });
        const alice = await server.connect("alice");
        const bob = await server.connect("bob");
        await join(alice, "r");
        await post(alice, "r", 5);
        expect(ids(expectResult(await alice.request("roomHistoryGet", "r", 0, 5)))).toEqual([2, 1]);
        expectError(await bob.request("roomHistoryGet", "r", 0, 5), "notJoined", "r");
        const [all] = await server.service.execUserCommand({ userName: "bob", bypassPermissions: true }, "roomHistoryGet", "r", 0, 5);
        expect(ids(all)).toEqual([5, 4, 3, 2, 1]);
        const [capped] = await server.service.execUserCommand("alice", "roomHistoryGet", "r", 1, 5);
        expect(ids(capped)).toEqual([3, 2]);
      });

      it("roomUserSeen reports joined and the time of the last userlist change, or null", async () => {
        const server = await harness();
        await server.service.addRoom("r", { owner: "alice" });
        const alice = await server.connect("alice");
        const bob = await server.connect("bob");
        const carol = await server.connect("carol");
        expect(await alice.request("roomUserSeen", "r", "bob")).toEqual({ error: null, results: [{ joined: false, timestamp: null }] });
        const beforeJoin = Date.now();
        await join(bob, "r");
        const joined = expectResult(await alice.request("roomUserSeen", "r", "bob")) as { joined: boolean; timestamp: number };
        expect(joined).toEqual({ joined: true, timestamp: expect.any(Number) });
        expect(joined.timestamp).toBeGreaterThanOrEqual(beforeJoin);
        expect(expectResult(await bob.request("roomLeave", "r"))).toBe(0);
        const left = expectResult(await alice.request("roomUserSeen", "r", "bob")) as { joined: boolean; timestamp: number };
        expect(left.joined).toBe(false);
        expect(left.timestamp).toBeGreaterThanOrEqual(joined.timestamp);
        expectError(await carol.request("roomUserSeen", "r", "bob"), "notJoined", "r");
        expectError(await carol.request("roomUserSeen", "nowhere", "bob"), "noRoom", "nowhere");
      });
    });

    describe("server API", () => {
      it("addRoom fails with invalidName and roomExists", async () => {
        const server = await harness();
        await expect(server.service.addRoom("a:b")).rejects.toMatchObject({ code: "invalidName", args: ["a:b"] });
        await server.service.addRoom("r");
        await expect(server.service.addRoom("r", { owner: "x" })).rejects.toMatchObject({ code: "roomExists", args: ["r"] });
      });

      it("changeRoomOwner moves ownership without notifying anyone", async () => {
        const server = await harness({ enableRoomsManagement: true, enableAccessListsUpdates: true });
        await server.service.addRoom("r", { owner: "alice" });
        const alice = await server.connect("alice");
        const bob = await server.connect("bob");
        await join(bob, "r");
        await server.service.changeRoomOwner("r", "bob");
        expect(expectResult(await bob.request("roomGetOwner", "r"))).toBe("bob");
        expectError(await alice.request("roomAddToList", "r", "whitelist", ["x"]), "notAllowed");
        expect(expectResult(await bob.request("roomAddToList", "r", "adminlist", ["x"]))).toBeNull();
        expectError(await alice.request("roomDelete", "r"), "notAllowed");
        await expect(server.service.changeRoomOwner("nowhere", "bob")).rejects.toMatchObject({ code: "noRoom", args: ["nowhere"] });
        await expectNone(server, bob, "roomAccessRemoved");
      });

      it("changeRoomHistoryMaxSize trims the history at once and rejects non-integers", async () => {
        const server = await harness();
        await server.service.addRoom("r", { owner: "alice" });
        const alice = await server.connect("alice");
        await join(alice, "r");
        await post(alice, "r", 5);
        await server.service.changeRoomHistoryMaxSize("r", 2);
        expect(expectResult(await alice.request("roomHistoryInfo", "r"))).toMatchObject({ historySize: 2, historyMaxSize: 2, lastMessageId: 5 });
        expect(ids(expectResult(await alice.request("roomRecentHistory", "r")))).toEqual([5, 4]);
        await expect(server.service.changeRoomHistoryMaxSize("r", 1.5)).rejects.toMatchObject({ code: "badArgument" });
        await expect(server.service.changeRoomHistoryMaxSize("r", -1)).rejects.toMatchObject({ code: "badArgument" });
        await expect(server.service.changeRoomHistoryMaxSize("nowhere", 2)).rejects.toMatchObject({ code: "noRoom" });
        expect(expectResult(await alice.request("roomHistoryInfo", "r"))).toMatchObject({ historySize: 2, historyMaxSize: 2 });
        await server.service.changeRoomHistoryMaxSize("r", 0);
        expect(expectResult(await alice.request("roomRecentHistory", "r"))).toEqual([]);
        expect(expectResult(await alice.request("roomMessage", "r", { textMessage: "next" }))).toBe(6);
        expect(expectResult(await alice.request("roomHistoryInfo", "r"))).toMatchObject({ historySize: 0, historyMaxSize: 0, lastMessageId: 6 });
      });

      it("changeAccessListsUpdates and changeUserlistUpdates switch the room's notifications", async () => {
        const server = await harness();
        await server.service.addRoom("r", { owner: "alice" });
        const alice = await server.connect("alice");
        const bob = await server.connect("bob");
        await join(bob, "r");
        expect(expectResult(await alice.request("roomNotificationsInfo", "r"))).toEqual({ enableUserlistUpdates: false, enableAccessListsUpdates: false });
        await server.service.changeAccessListsUpdates("r", true);
        await server.service.changeUserlistUpdates("r", true);
        expect(expectResult(await alice.request("roomNotificationsInfo", "r"))).toEqual({ enableUserlistUpdates: true, enableAccessListsUpdates: true });
        expect(expectResult(await alice.request("roomAddToList", "r", "whitelist", ["x"]))).toBeNull();
        expect(await bob.next("roomAccessListAdded")).toEqual(["r", "whitelist", ["x"]]);
        await join(alice, "r");
        expect(await bob.next("roomUserJoined")).toEqual(["r", "alice"]);
        await server.service.changeUserlistUpdates("r", false);
        expect(expectResult(await alice.request("roomLeave", "r"))).toBe(0);
        await expectNone(server, bob, "roomUserLeft");
        await expect(server.service.changeAccessListsUpdates("nowhere", true)).rejects.toMatchObject({ code: "noRoom" });
        await expect(server.service.changeUserlistUpdates("nowhere", true)).rejects.toMatchObject({ code: "noRoom" });
      });

      it("roomHasInList and hasRoomAccess", async () => {
        const server = await harness();
        await server.service.addRoom("r", { owner: "alice", adminlist: ["dan"], blacklist: ["alice", "dan", "mallory"], whitelist: ["wes"] });
        await server.service.addRoom("closed", { whitelistOnly: true, whitelist: ["wes"] });
        const wes = await server.connect("wes");
        await join(wes, "r");
        const { service } = server;
        expect(await service.roomHasInList("r", "adminlist", "dan")).toBe(true);
        expect(await service.roomHasInList("r", "whitelist", "dan")).toBe(false);
        expect(await service.roomHasInList("r", "userlist", "wes")).toBe(true);
        await expect(service.roomHasInList("nowhere", "whitelist", "x")).rejects.toMatchObject({ code: "noRoom", args: ["nowhere"] });
        await expect(service.roomHasInList("r", "nolist", "x")).rejects.toMatchObject({ code: "noList", args: ["nolist"] });
        expect(await service.hasRoomAccess("r", "alice")).toBe(true);
        expect(await service.hasRoomAccess("r", "dan")).toBe(true);
        expect(await service.hasRoomAccess("r", "mallory")).toBe(false);
        expect(await service.hasRoomAccess("r", "bob")).toBe(true);
        expect(await service.hasRoomAccess("closed", "bob")).toBe(false);
        expect(await service.hasRoomAccess("closed", "wes")).toBe(true);
        expect(await service.hasRoomAccess("nowhere", "bob")).toBe(false);
      });

      it("roomStateSync removes a joined user who lost access, and fails with noRoom", async () => {
        const server = await harness({ enableUserlistUpdates: true });
        await server.service.addRoom("r", { owner: "alice", whitelistOnly: true, whitelist: ["bob"] });
        const alice = await server.connect("alice");
        const bob = await server.connect("bob");
        await join(alice, "r");
        await join(bob, "r");
        // No longer the owner, not whitelisted: in the userlist without access (changeRoomOwner removes nobody).
        await server.service.changeRoomOwner("r", "zed");
        expect(await server.service.roomHasInList("r", "userlist", "alice")).toBe(true);
        await server.service.roomStateSync("r");
        expect(await alice.next("roomAccessRemoved")).toEqual(["r"]);
        expect(await bob.next("roomUserLeft")).toEqual(["r", "alice"]);
        await expectNone(server, bob, "roomAccessRemoved");
        await expectNone(server, alice, "roomLeftEcho");
        expect(await server.service.roomHasInList("r", "userlist", "alice")).toBe(false);
        expect(await server.service.roomHasInList("r", "userlist", "bob")).toBe(true);
        await expect(server.service.roomStateSync("nowhere")).rejects.toMatchObject({ code: "noRoom", args: ["nowhere"] });
      });
    });
  });
}
