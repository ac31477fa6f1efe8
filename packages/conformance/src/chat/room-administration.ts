/**
 * Room administration (PROTOCOL.md §6, §7.4, §8.9–8.11, 8.22; §0 Fixed rows 6 and 20): creating and deleting
 * rooms and editing their access lists, with the removals (REMOVE) those edits cause. Modes, reads and the server
 * API are in room-administration-2.ts.
 * @module
 */
import { describe, expect, it } from "vitest";
import { sorted } from "../helpers.js";
import { expectError, expectNone, expectResult, type ChatHarness, type TestClient, type TestServer } from "./harness.js";
import { describeRoomAdministration2 } from "./room-administration-2.js";

async function join(client: TestClient, roomName: string): Promise<number> {
  return expectResult(await client.request("roomJoin", roomName)) as number;
}

/** The events among `names` that `client` received so far, in order. */
function sequence(client: TestClient, ...names: string[]): unknown[][] {
  return client.received.filter(([event]) => names.includes(event));
}

/** Asserts that none of `clients` received any of `events` (for the given room). */
async function expectNoneOf(server: TestServer, clients: TestClient[], events: string[], roomName: string): Promise<void> {
  for (const client of clients) for (const event of events) await expectNone(server, client, event, roomName);
}

export function describeRoomAdministration(harness: ChatHarness): void {
  describe("room administration", () => {
    describe("roomCreate", () => {
      it("is notAllowed without enableRoomsManagement, before the name is checked", async () => {
        const server = await harness();
        const alice = await server.connect("alice");
        expectError(await alice.request("roomCreate", "r", false), "notAllowed");
        expectError(await alice.request("roomCreate", "a:b", false), "notAllowed");
        expect(await server.service.hasRoom("r")).toBe(false);
      });

      it("fails with invalidName and roomExists", async () => {
        const server = await harness({ enableRoomsManagement: true });
        const alice = await server.connect("alice");
        expectError(await alice.request("roomCreate", "a:b", false), "invalidName", "a:b");
        expectError(await alice.request("roomCreate", "", false), "invalidName", "");
        await server.service.addRoom("taken");
        expectError(await alice.request("roomCreate", "taken", false), "roomExists", "taken");
        expect(expectResult(await alice.request("roomCreate", "mine", false))).toBeNull();
        const bob = await server.connect("bob");
        expectError(await bob.request("roomCreate", "mine", true), "roomExists", "mine");
      });

      it("makes the creator the owner without joining it, with whitelistOnly as given", async () => {
        const server = await harness({ enableRoomsManagement: true });
        const alice = await server.connect("alice");
        const bob = await server.connect("bob");
        expect(await alice.request("roomCreate", "closed", true)).toEqual({ error: null, results: [null] });
        expect(expectResult(await alice.request("roomCreate", "open", false))).toBeNull();
        // The owner reads without being joined; nobody is in the userlist.
        expect(expectResult(await alice.request("roomGetOwner", "closed"))).toBe("alice");
        expect(expectResult(await alice.request("roomGetAccessList", "closed", "userlist"))).toEqual([]);
        expect(expectResult(await alice.request("listOwnSockets"))).toEqual({ [alice.id]: [] });
        expect(await server.service.roomHasInList("closed", "userlist", "alice")).toBe(false);
        expect(expectResult(await alice.request("roomGetWhitelistMode", "closed"))).toBe(true);
        expect(expectResult(await alice.request("roomGetWhitelistMode", "open"))).toBe(false);
        expect(expectResult(await alice.request("roomGetAccessList", "closed", "adminlist"))).toEqual([]);
        expectError(await bob.request("roomJoin", "closed"), "notAllowed");
        expect(await join(bob, "open")).toBe(1);
        expect(await join(alice, "closed")).toBe(1);
      });
    });

    describe("roomDelete", () => {
      it("is notAllowed without enableRoomsManagement, even for a missing room", async () => {
        const server = await harness();
        await server.service.addRoom("r", { owner: "alice" });
        const alice = await server.connect("alice");
        expectError(await alice.request("roomDelete", "r"), "notAllowed");
        expectError(await alice.request("roomDelete", "nowhere"), "notAllowed");
        expect(await server.service.hasRoom("r")).toBe(true);
      });

      it("fails with noRoom, and notAllowed for anyone but the owner (admins included)", async () => {
        const server = await harness({ enableRoomsManagement: true });
        await server.service.addRoom("r", { owner: "alice", adminlist: ["dan"] });
        await server.service.addRoom("ownerless");
        const dan = await server.connect("dan");
        const bob = await server.connect("bob");
        expectError(await dan.request("roomDelete", "nowhere"), "noRoom", "nowhere");
        expectError(await dan.request("roomDelete", "r"), "notAllowed");
        expectError(await bob.request("roomDelete", "r"), "notAllowed");
        expectError(await bob.request("roomDelete", "ownerless"), "notAllowed");
        expect(await server.service.hasRoom("r")).toBe(true);
      });

      it("removes every member from all its sockets with roomAccessRemoved only, then the room is gone", async () => {
        const server = await harness({ enableRoomsManagement: true, enableUserlistUpdates: true, enableAccessListsUpdates: true });
        await server.service.addRoom("r", { owner: "alice" });
        await server.service.addRoom("other");
        const alice = await server.connect("alice");
        const bob1 = await server.connect("bob");
        const bob2 = await server.connect("bob");
        const carol = await server.connect("carol");
        const dave = await server.connect("dave");
        await join(bob1, "r");
        await join(carol, "r");
        await join(carol, "other");
        await join(dave, "other");
        expect(await alice.request("roomDelete", "r")).toEqual({ error: null, results: [null] });
        expect(await bob1.next("roomAccessRemoved")).toEqual(["r"]);
        expect(await bob2.next("roomAccessRemoved")).toEqual(["r"]);
        expect(await carol.next("roomAccessRemoved")).toEqual(["r"]);
        // The owner was not joined: nothing to remove. Outsiders hear nothing.
        await expectNoneOf(server, [alice, dave], ["roomAccessRemoved"], "r");
        await expectNoneOf(server, [alice, bob1, bob2, carol, dave], ["roomLeftEcho", "roomUserLeft"], "r");
        expect(bob1.all("roomAccessRemoved")).toHaveLength(1);
        expect(await server.service.hasRoom("r")).toBe(false);
        expectError(await bob1.request("roomJoin", "r"), "noRoom", "r");
        expectError(await carol.request("roomMessage", "r", { textMessage: "hi" }), "noRoom", "r");
        expectError(await alice.request("roomGetOwner", "r"), "noRoom", "r");
        expectError(await alice.request("roomDelete", "r"), "noRoom", "r");
        expect(expectResult(await bob1.request("listOwnSockets"))).toEqual({ [bob1.id]: [], [bob2.id]: [] });
        expect(expectResult(await carol.request("listOwnSockets"))).toEqual({ [carol.id]: ["other"] });
        // Other rooms are untouched; the name can be reused.
        expect(expectResult(await dave.request("roomMessage", "other", { textMessage: "still here" }))).toBe(1);
        expect((await carol.next("roomMessage"))[0]).toBe("other");
        expect(expectResult(await carol.request("roomCreate", "r", false))).toBeNull();
        expect(expectResult(await carol.request("roomGetAccessList", "r", "userlist"))).toEqual([]);
      });

      it("service.deleteRoom works without rooms management and runs the roomDelete hooks user-less", async () => {
        const calls: unknown[][] = [];
        const server = await harness(
          { enableUserlistUpdates: true },
          {
            roomDeleteBefore: (info) => void calls.push(["before", info.userName, info.id, info.args]),
            roomDeleteAfter: (info) => void calls.push(["after", info.userName, info.id, info.error ?? null]),
          },
        );
        await server.service.addRoom("r", { owner: "alice" });
        const bob = await server.connect("bob");
        await join(bob, "r");
        await server.service.deleteRoom("r");
        expect(calls).toEqual([
          ["before", undefined, null, ["r"]],
          ["after", undefined, null, null],
        ]);
        expect(await bob.next("roomAccessRemoved")).toEqual(["r"]);
        await expectNoneOf(server, [bob], ["roomLeftEcho", "roomUserLeft"], "r");
        expect(await server.service.hasRoom("r")).toBe(false);
        await expect(server.service.deleteRoom("r")).rejects.toMatchObject({ code: "noRoom", args: ["r"] });
      });
    });

    describe("roomAddToList / roomRemoveFromList permissions", () => {
      it("the owner edits any list, the adminlist included, and may list itself", async () => {
        const server = await harness();
        await server.service.addRoom("r", { owner: "alice" });
        const alice = await server.connect("alice");
        for (const list of ["adminlist", "whitelist", "blacklist"]) {
          expect(await alice.request("roomAddToList", "r", list, ["alice", "eve"])).toEqual({ error: null, results: [null] });
          expect(await server.service.roomHasInList("r", list, "eve")).toBe(true);
          expect(expectResult(await alice.request("roomRemoveFromList", "r", list, ["eve"]))).toBeNull();
          expect(expectResult(await alice.request("roomGetAccessList", "r", list))).toEqual(["alice"]);
        }
      });

      it("an admin edits whitelist and blacklist, but not the adminlist, and never names the owner", async () => {
        const server = await harness();
        await server.service.addRoom("r", { owner: "alice", adminlist: ["dan", "erin"] });
        const dan = await server.connect("dan");
        expect(expectResult(await dan.request("roomAddToList", "r", "whitelist", ["bob"]))).toBeNull();
        expect(expectResult(await dan.request("roomAddToList", "r", "blacklist", ["mallory", "erin"]))).toBeNull();
        expect(expectResult(await dan.request("roomRemoveFromList", "r", "blacklist", ["erin"]))).toBeNull();
        expectError(await dan.request("roomAddToList", "r", "adminlist", ["bob"]), "notAllowed");
        expectError(await dan.request("roomRemoveFromList", "r", "adminlist", ["erin"]), "notAllowed");
        expectError(await dan.request("roomAddToList", "r", "whitelist", ["x", "alice"]), "notAllowed");
        expectError(await dan.request("roomRemoveFromList", "r", "whitelist", ["bob", "alice"]), "notAllowed");
        expectError(await dan.request("roomAddToList", "r", "blacklist", ["alice"]), "notAllowed");
        expect(await server.service.roomHasInList("r", "whitelist", "x")).toBe(false);
        expect(await server.service.roomHasInList("r", "whitelist", "bob")).toBe(true);
        expect(await server.service.roomHasInList("r", "adminlist", "erin")).toBe(true);
        expect(expectResult(await dan.request("roomGetAccessList", "r", "blacklist"))).toEqual(["mallory"]);
      });

      it("checks noRoom, then permissions (userlist refused for everyone), then the list name", async () => {
        const server = await harness();
        await server.service.addRoom("r", { owner: "alice", adminlist: ["dan"] });
        const alice = await server.connect("alice");
        const dan = await server.connect("dan");
        const bob = await server.connect("bob");
        await join(bob, "r");
        for (const command of ["roomAddToList", "roomRemoveFromList"]) {
          expectError(await alice.request(command, "nowhere", "nolist", ["x"]), "noRoom", "nowhere");
          expectError(await bob.request(command, "r", "whitelist", ["x"]), "notAllowed");
          expectError(await bob.request(command, "r", "nolist", ["x"]), "notAllowed");
          expectError(await alice.request(command, "r", "userlist", ["x"]), "notAllowed");
          expectError(await dan.request(command, "r", "userlist", []), "notAllowed");
          await expect(server.service.execUserCommand({ userName: "alice", bypassPermissions: true }, command, "r", "userlist", ["x"])).rejects.toMatchObject({
            code: "notAllowed",
          });
          expectError(await alice.request(command, "r", "nolist", ["x"]), "noList", "nolist");
          expectError(await dan.request(command, "r", "nolist", ["x"]), "noList", "nolist");
        }
        expect(expectResult(await alice.request("roomGetAccessList", "r", "userlist"))).toEqual(["bob"]);
      });

      it("bypassPermissions lets a plain user edit any list", async () => {
        const server = await harness();
        await server.service.addRoom("r", { owner: "alice" });
        await server.connect("bob");
        const results = await server.service.execUserCommand({ userName: "bob", bypassPermissions: true }, "roomAddToList", "r", "adminlist", ["bob", "alice"]);
        expect(results).toHaveLength(1);
        expect(results[0] ?? null).toBeNull();
        expect(await server.service.roomHasInList("r", "adminlist", "bob")).toBe(true);
      });
    });

    describe("list limits and empty requests", () => {
      it("counts the current size plus the distinct new names against roomListSizeLimit", async () => {
        const server = await harness({ roomListSizeLimit: 3 });
        await server.service.addRoom("r", { owner: "alice", whitelist: ["a", "b"] });
        const alice = await server.connect("alice");
        expect(expectResult(await alice.request("roomAddToList", "r", "whitelist", ["b", "c", "c", "a"]))).toBeNull();
        expect(sorted(expectResult(await alice.request("roomGetAccessList", "r", "whitelist")) as string[])).toEqual(["a", "b", "c"]);
        // Already present names do not count, even when the list is full.
        expect(expectResult(await alice.request("roomAddToList", "r", "whitelist", ["a", "c"]))).toBeNull();
        expectError(await alice.request("roomAddToList", "r", "whitelist", ["a", "d"]), "listLimitExceeded", "whitelist");
        expect(await server.service.roomHasInList("r", "whitelist", "d")).toBe(false);
        expectError(await alice.request("roomAddToList", "r", "blacklist", ["1", "2", "3", "4"]), "listLimitExceeded", "blacklist");
        expect(expectResult(await alice.request("roomGetAccessList", "r", "blacklist"))).toEqual([]);
        // Removing makes room; removals are never limited.
        expect(expectResult(await alice.request("roomRemoveFromList", "r", "whitelist", ["a", "zz"]))).toBeNull();
        expect(expectResult(await alice.request("roomAddToList", "r", "whitelist", ["d", "d"]))).toBeNull();
        expect(sorted(expectResult(await alice.request("roomGetAccessList", "r", "whitelist")) as string[])).toEqual(["b", "c", "d"]);
      });

      it("treats an empty name array as a successful no-op, even at the limit", async () => {
        const server = await harness({ roomListSizeLimit: 1 });
        await server.service.addRoom("r", { owner: "alice", blacklist: ["x"] });
        const alice = await server.connect("alice");
        expect(await alice.request("roomAddToList", "r", "blacklist", [])).toEqual({ error: null, results: [null] });
        expect(await alice.request("roomRemoveFromList", "r", "blacklist", [])).toEqual({ error: null, results: [null] });
        expect(expectResult(await alice.request("roomGetAccessList", "r", "blacklist"))).toEqual(["x"]);
      });
    });

    describeListNotificationsAndRemovals(harness);
  });
  describeRoomAdministration2(harness);
}

function describeListNotificationsAndRemovals(harness: ChatHarness): void {
  describe("list notifications and removals", () => {
    it("sends roomAccessListAdded/Removed to the room with the names as requested, not to outsiders", async () => {
      const server = await harness({ enableAccessListsUpdates: true });
      await server.service.addRoom("r", { owner: "alice" });
      const alice = await server.connect("alice");
      const bob = await server.connect("bob");
      const carol = await server.connect("carol");
      await join(bob, "r");
      expect(expectResult(await alice.request("roomAddToList", "r", "whitelist", ["zed", "zed", "yan"]))).toBeNull();
      expect(await bob.next("roomAccessListAdded")).toEqual(["r", "whitelist", ["zed", "zed", "yan"]]);
      expect(expectResult(await alice.request("roomRemoveFromList", "r", "whitelist", ["zed", "nobody"]))).toBeNull();
      expect(await bob.next("roomAccessListRemoved")).toEqual(["r", "whitelist", ["zed", "nobody"]]);
      // The owner is not joined; carol is not in the room.
      await expectNoneOf(server, [alice, carol], ["roomAccessListAdded", "roomAccessListRemoved"], "r");
    });

    it("sends no list notifications when the room's flag is off", async () => {
      const server = await harness({ enableAccessListsUpdates: false });
      await server.service.addRoom("r", { owner: "alice" });
      const alice = await server.connect("alice");
      await join(alice, "r");
      expect(expectResult(await alice.request("roomAddToList", "r", "whitelist", ["zed"]))).toBeNull();
      expect(expectResult(await alice.request("roomRemoveFromList", "r", "whitelist", ["zed"]))).toBeNull();
      await expectNoneOf(server, [alice], ["roomAccessListAdded", "roomAccessListRemoved"], "r");
    });

    it("blacklisting a joined user removes it from all its sockets: list notification, removal, then reply", async () => {
      const server = await harness({ enableAccessListsUpdates: true, enableUserlistUpdates: true });
      await server.service.addRoom("r", { owner: "alice" });
      const alice = await server.connect("alice");
      const bob1 = await server.connect("bob");
      const bob2 = await server.connect("bob");
      const carol = await server.connect("carol");
      const dave = await server.connect("dave");
      await join(alice, "r");
      await join(bob1, "r");
      await join(carol, "r");
      expect(await alice.request("roomAddToList", "r", "blacklist", ["bob"])).toEqual({ error: null, results: [null] });
      // Everything was emitted to the requester before its reply.
      expect(sequence(alice, "roomAccessListAdded", "roomUserLeft", "roomAccessRemoved")).toEqual([
        ["roomAccessListAdded", "r", "blacklist", ["bob"]],
        ["roomUserLeft", "r", "bob"],
      ]);
      await carol.next("roomUserLeft");
      expect(sequence(carol, "roomAccessListAdded", "roomUserLeft")).toEqual([
        ["roomAccessListAdded", "r", "blacklist", ["bob"]],
        ["roomUserLeft", "r", "bob"],
      ]);
      await bob2.next("roomAccessRemoved");
      await bob1.next("roomAccessRemoved");
      expect(sequence(bob1, "roomAccessListAdded", "roomAccessRemoved", "roomUserLeft")).toEqual([
        ["roomAccessListAdded", "r", "blacklist", ["bob"]],
        ["roomAccessRemoved", "r"],
      ]);
      expect(bob2.all("roomAccessRemoved")).toEqual([["r"]]);
      await expectNoneOf(server, [bob1, bob2], ["roomLeftEcho", "roomUserLeft"], "r");
      await expectNoneOf(server, [bob2, dave], ["roomAccessListAdded"], "r");
      await expectNoneOf(server, [alice, carol, dave], ["roomAccessRemoved"], "r");
      await expectNone(server, dave, "roomUserLeft");
      // The removed sockets no longer get room traffic, and bob may not come back.
      expect(expectResult(await carol.request("roomMessage", "r", { textMessage: "after" }))).toBe(1);
      expect((await alice.next("roomMessage"))[1].textMessage).toBe("after");
      await expectNone(server, bob1, "roomMessage");
      expectError(await bob1.request("roomMessage", "r", { textMessage: "x" }), "notJoined", "r");
      expectError(await bob1.request("roomJoin", "r"), "notAllowed");
      expect(expectResult(await bob1.request("listOwnSockets"))).toEqual({ [bob1.id]: [], [bob2.id]: [] });
      expect(sorted(expectResult(await alice.request("roomGetAccessList", "r", "userlist")) as string[])).toEqual(["alice", "carol"]);
    });

    it("blacklisting an admin or the owner removes nobody", async () => {
      const server = await harness({ enableUserlistUpdates: true });
      await server.service.addRoom("r", { owner: "alice", adminlist: ["dan"] });
      const alice = await server.connect("alice");
      const dan = await server.connect("dan");
      await join(alice, "r");
      await join(dan, "r");
      expect(expectResult(await alice.request("roomAddToList", "r", "blacklist", ["alice", "dan"]))).toBeNull();
      await expectNoneOf(server, [alice, dan], ["roomAccessRemoved", "roomUserLeft"], "r");
      expect(sorted(expectResult(await alice.request("roomGetAccessList", "r", "userlist")) as string[])).toEqual(["alice", "dan"]);
      expect(await server.service.hasRoomAccess("r", "dan")).toBe(true);
    });

    it("adding to the whitelist or adminlist removes nobody, even in whitelist mode", async () => {
      const server = await harness({ enableUserlistUpdates: true });
      await server.service.addRoom("r", { owner: "alice", whitelistOnly: true, whitelist: ["bob"] });
      const alice = await server.connect("alice");
      const bob = await server.connect("bob");
      await join(bob, "r");
      expect(expectResult(await alice.request("roomAddToList", "r", "whitelist", ["carol"]))).toBeNull();
      expect(expectResult(await alice.request("roomAddToList", "r", "adminlist", ["dan"]))).toBeNull();
      await expectNoneOf(server, [bob], ["roomAccessRemoved", "roomUserLeft"], "r");
      expect(expectResult(await bob.request("roomGetAccessList", "r", "userlist"))).toEqual(["bob"]);
    });

    it("removing a user from the whitelist removes it in whitelist mode only", async () => {
      const server = await harness({ enableAccessListsUpdates: true, enableUserlistUpdates: true });
      await server.service.addRoom("closed", { owner: "alice", whitelistOnly: true, whitelist: ["bob", "carol"] });
      await server.service.addRoom("open", { owner: "alice", whitelist: ["bob"] });
      const alice = await server.connect("alice");
      const bob = await server.connect("bob");
      const carol = await server.connect("carol");
      await join(bob, "closed");
      await join(bob, "open");
      await join(carol, "closed");
      expect(expectResult(await alice.request("roomRemoveFromList", "open", "whitelist", ["bob"]))).toBeNull();
      await expectNone(server, bob, "roomAccessRemoved");
      expect(expectResult(await alice.request("roomRemoveFromList", "closed", "whitelist", ["bob"]))).toBeNull();
      expect(await bob.next("roomAccessRemoved")).toEqual(["closed"]);
      await carol.next("roomUserLeft");
      expect(sequence(carol, "roomAccessListRemoved", "roomUserLeft")).toEqual([
        ["roomAccessListRemoved", "closed", "whitelist", ["bob"]],
        ["roomUserLeft", "closed", "bob"],
      ]);
      await expectNoneOf(server, [bob], ["roomLeftEcho", "roomUserLeft"], "closed");
      await expectNone(server, carol, "roomAccessRemoved");
      expect(expectResult(await bob.request("listOwnSockets"))).toEqual({ [bob.id]: ["open"] });
    });

    it("removing a user from the adminlist removes it once it has no access left (Fixed row 6)", async () => {
      const server = await harness({ enableUserlistUpdates: true });
      await server.service.addRoom("closed", { owner: "alice", whitelistOnly: true, adminlist: ["dan", "wes"], whitelist: ["wes"] });
      await server.service.addRoom("open", { owner: "alice", adminlist: ["erin", "fay"], blacklist: ["erin"] });
      const alice = await server.connect("alice");
      const dan = await server.connect("dan");
      const wes = await server.connect("wes");
      const erin = await server.connect("erin");
      const fay = await server.connect("fay");
      for (const [client, room] of [[dan, "closed"], [wes, "closed"], [erin, "open"], [fay, "open"]] as const) await join(client, room);
      expect(expectResult(await alice.request("roomRemoveFromList", "closed", "adminlist", ["dan", "wes"]))).toBeNull();
      expect(await dan.next("roomAccessRemoved")).toEqual(["closed"]);
      expect(await wes.next("roomUserLeft")).toEqual(["closed", "dan"]);
      await expectNone(server, wes, "roomAccessRemoved");
      expect(expectResult(await alice.request("roomRemoveFromList", "open", "adminlist", ["erin", "fay"]))).toBeNull();
      expect(await erin.next("roomAccessRemoved")).toEqual(["open"]);
      expect(await fay.next("roomUserLeft")).toEqual(["open", "erin"]);
      await expectNone(server, fay, "roomAccessRemoved");
      expect(expectResult(await alice.request("roomGetAccessList", "closed", "userlist"))).toEqual(["wes"]);
      expect(expectResult(await alice.request("roomGetAccessList", "open", "userlist"))).toEqual(["fay"]);
    });
  });
}
