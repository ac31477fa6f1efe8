/**
 * Membership: joining and leaving rooms (PROTOCOL.md §7.1–§7.2, §8.17–§8.18, §9, §13 onJoin/onLeave,
 * §0 Fixed rows 4 and 7). Room messages and disconnects are in membership-2.ts.
 * @module
 */
import { ChatServiceError, type JoinLeaveInfo } from "@chat/core";
import { describe, expect, it } from "vitest";
import { expectError, expectNone, expectPlainError, expectResult, type ChatHarness } from "./harness.js";
import { describeMembership2, position, recorder, userlist } from "./membership-2.js";

export function describeMembership(harness: ChatHarness): void {
  describe("membership", () => {
    describe("roomJoin", () => {
      it("counts njoined over one user's sockets; a repeated join answers the same count and notifies nobody", async () => {
        const joins = recorder<JoinLeaveInfo>();
        const server = await harness({ enableUserlistUpdates: true }, { onJoin: joins.hook });
        await server.service.addRoom("r");
        const a1 = await server.connect("alice");
        const a2 = await server.connect("alice");
        const a3 = await server.connect("alice");
        expect(await a1.request("roomJoin", "r")).toEqual({ error: null, results: [1] });
        expect(await a2.request("roomJoin", "r")).toEqual({ error: null, results: [2] });
        expect(await a1.request("roomJoin", "r")).toEqual({ error: null, results: [2] });
        expect(joins.calls).toEqual([
          { id: a1.id, roomName: "r", njoined: 1 },
          { id: a2.id, roomName: "r", njoined: 2 },
        ]);
        await server.fence(a3);
        expect(a3.all("roomJoinedEcho")).toEqual([["r", a1.id, 1], ["r", a2.id, 2]]);
        await server.fence(a1);
        expect(a1.all("roomJoinedEcho")).toEqual([["r", a2.id, 2]]);
        expect(a1.all("roomUserJoined")).toEqual([["r", "alice"]]);
        await expectNone(server, a2, "roomJoinedEcho", "r", a2.id);
        await expectNone(server, a2, "roomUserJoined");
        await expectNone(server, a3, "roomUserJoined");
        expect(await userlist(server, "r")).toEqual(["alice"]);
        expect(expectResult(await a3.request("listOwnSockets"))).toEqual({ [a1.id]: ["r"], [a2.id]: ["r"], [a3.id]: [] });
      });

      it("fails with noRoom for an unknown room", async () => {
        const server = await harness();
        const alice = await server.connect("alice");
        expectError(await alice.request("roomJoin", "nowhere"), "noRoom", "nowhere");
      });

      it("refuses the blacklisted and, in whitelist mode, the unlisted; the owner and admins always get in", async () => {
        const server = await harness({ enableUserlistUpdates: true });
        await server.service.addRoom("open", { owner: "olga", adminlist: ["adam"], blacklist: ["mallory", "olga", "adam"] });
        await server.service.addRoom("closed", { owner: "olga", adminlist: ["adam"], whitelistOnly: true, whitelist: ["wendy"] });
        const mallory = await server.connect("mallory");
        const carol = await server.connect("carol");
        expectError(await mallory.request("roomJoin", "open"), "notAllowed");
        expectError(await carol.request("roomJoin", "closed"), "notAllowed");
        expectError(await mallory.request("roomJoin", "closed"), "notAllowed");
        expect(expectResult(await carol.request("roomJoin", "open"))).toBe(1);
        await expectNone(server, carol, "roomUserJoined", "open", "mallory");
        for (const name of ["olga", "adam"]) {
          const client = await server.connect(name);
          expect(expectResult(await client.request("roomJoin", "open"))).toBe(1);
          expect(expectResult(await client.request("roomJoin", "closed"))).toBe(1);
        }
        const wendy = await server.connect("wendy");
        expect(expectResult(await wendy.request("roomJoin", "closed"))).toBe(1);
        expect((await userlist(server, "open")).sort()).toEqual(["adam", "carol", "olga"]);
        expect((await userlist(server, "closed")).sort()).toEqual(["adam", "olga", "wendy"]);
        expect(expectResult(await mallory.request("listOwnSockets"))).toEqual({ [mallory.id]: [] });
      });

      it("sends roomUserJoined to the room (joiner included) on the first socket only, roomJoinedEcho to the other sockets", async () => {
        const server = await harness({ enableUserlistUpdates: true });
        await server.service.addRoom("r");
        await server.service.addRoom("other");
        const bob = await server.connect("bob");
        const carol = await server.connect("carol");
        expectResult(await bob.request("roomJoin", "r"));
        expectResult(await carol.request("roomJoin", "other"));
        const a1 = await server.connect("alice");
        const a2 = await server.connect("alice");

        expectResult(await a1.request("roomJoin", "r"));
        // Emitted before the reply on the same connection, so already here.
        expect(a1.all("roomUserJoined")).toEqual([["r", "alice"]]);
        await server.fence(bob);
        expect(bob.all("roomUserJoined")).toEqual([["r", "bob"], ["r", "alice"]]);
        expect(await a2.next("roomJoinedEcho")).toEqual(["r", a1.id, 1]);
        await expectNone(server, a2, "roomUserJoined");
        await expectNone(server, a1, "roomJoinedEcho");

        expect(expectResult(await a2.request("roomJoin", "r"))).toBe(2);
        expect(await a1.next("roomJoinedEcho")).toEqual(["r", a2.id, 2]);
        await server.fence(bob);
        expect(bob.all("roomUserJoined")).toEqual([["r", "bob"], ["r", "alice"]]);
        expect(a1.all("roomUserJoined")).toEqual([["r", "alice"]]);
        await expectNone(server, a2, "roomUserJoined");
        for (const event of ["roomUserJoined", "roomJoinedEcho"]) await expectNone(server, carol, event, "r");
        await expectNone(server, bob, "roomJoinedEcho");
      });

      it("follows the room flag, changeable with changeUserlistUpdates", async () => {
        const server = await harness();
        await server.service.addRoom("r");
        await server.service.addRoom("flagged", { enableUserlistUpdates: true });
        const bob = await server.connect("bob");
        expectResult(await bob.request("roomJoin", "r"));
        expectResult(await bob.request("roomJoin", "flagged"));
        const alice = await server.connect("alice");
        expectResult(await alice.request("roomJoin", "r"));
        expectResult(await alice.request("roomJoin", "flagged"));
        await server.fence(bob);
        expect(bob.all("roomUserJoined")).toEqual([["flagged", "bob"], ["flagged", "alice"]]);
        await expectNone(server, alice, "roomUserJoined", "r");

        await server.service.changeUserlistUpdates("r", true);
        const carol = await server.connect("carol");
        expectResult(await carol.request("roomJoin", "r"));
        await server.fence(bob);
        expect(bob.all("roomUserJoined").at(-1)).toEqual(["r", "carol"]);
        await server.fence(alice);
        expect(alice.all("roomUserJoined")).toEqual([["flagged", "alice"], ["r", "carol"]]);
        expect(carol.all("roomUserJoined")).toEqual([["r", "carol"]]);
      });

      it("runs onJoin, then roomUserJoined, then roomJoinedEcho, then replies", async () => {
        const server = await harness({ enableUserlistUpdates: true }, {
          onJoin: (service, { id, roomName, njoined }) => service.transport.sendToChannel(null, "echo:alice", "mark", id, roomName, njoined),
        });
        await server.service.addRoom("r");
        const a1 = await server.connect("alice");
        const a2 = await server.connect("alice");
        expectResult(await a1.request("roomJoin", "r"));
        // The joining socket: the hook's mark, then roomUserJoined, all before the reply.
        expect(position(a1, "mark", a1.id, "r", 1)).toBeGreaterThanOrEqual(0);
        expect(position(a1, "mark")).toBeLessThan(position(a1, "roomUserJoined"));
        // The other socket: the hook's mark, then roomJoinedEcho.
        await a2.next("roomJoinedEcho");
        expect(position(a2, "mark", a1.id, "r", 1)).toBeGreaterThanOrEqual(0);
        expect(position(a2, "mark")).toBeLessThan(position(a2, "roomJoinedEcho"));
      });
    });

    describe("onJoin rejection", () => {
      it("answers the hook's error and rolls the join back: state, channel, no notification (Fixed row 7)", async () => {
        let refused = "";
        const server = await harness({ enableUserlistUpdates: true }, {
          onJoin: (_service, { id }) => {
            if (id === refused) throw new Error("no entry");
          },
        });
        await server.service.addRoom("r");
        const alice = await server.connect("alice");
        expectResult(await alice.request("roomJoin", "r"));
        const b1 = await server.connect("bob");
        const b2 = await server.connect("bob");
        refused = b1.id;
        const reply = await b1.request("roomJoin", "r");
        expectPlainError(reply, "Error: no entry");
        expect(await userlist(server, "r")).toEqual(["alice"]);
        expect(expectResult(await b2.request("listOwnSockets"))).toEqual({ [b1.id]: [], [b2.id]: [] });
        const seen = expectResult(await alice.request("roomUserSeen", "r", "bob")) as { joined: boolean };
        expect(seen.joined).toBe(false);
        for (const client of [alice, b1, b2]) await expectNone(server, client, "roomUserJoined", "r", "bob");
        await expectNone(server, b2, "roomJoinedEcho");
        await expectNone(server, b1, "roomJoinedEcho");
        // The channel was rolled back too: room traffic no longer reaches b1.
        expectResult(await alice.request("roomMessage", "r", { textMessage: "after" }));
        await expectNone(server, b1, "roomMessage");
        expectError(await b1.request("roomMessage", "r", { textMessage: "sneak" }), "notJoined", "r");

        // A refused second socket leaves the user's first one in place.
        expect(expectResult(await b2.request("roomJoin", "r"))).toBe(1);
        expectPlainError(await b1.request("roomJoin", "r"), "Error: no entry");
        expect((await userlist(server, "r")).sort()).toEqual(["alice", "bob"]);
        expect(expectResult(await b2.request("listOwnSockets"))).toEqual({ [b1.id]: [], [b2.id]: ["r"] });
        await expectNone(server, b2, "roomJoinedEcho", "r", b1.id);
        expectResult(await alice.request("roomMessage", "r", { textMessage: "again" }));
        expect((await b2.next("roomMessage"))[1]).toMatchObject({ textMessage: "again" });
        await expectNone(server, b1, "roomMessage");
      });

      it("answers a ChatServiceError from onJoin in its string form", async () => {
        const server = await harness({}, {
          onJoin: () => {
            throw new ChatServiceError("notAllowed");
          },
        });
        await server.service.addRoom("r");
        const alice = await server.connect("alice");
        expectError(await alice.request("roomJoin", "r"), "notAllowed");
        expect(await userlist(server, "r")).toEqual([]);
      });
    });

    describe("roomLeave", () => {
      it("echoes to the other sockets; roomUserLeft and the end of delivery only when the last socket leaves (Fixed row 4)", async () => {
        const leaves = recorder<JoinLeaveInfo>();
        const server = await harness({ enableUserlistUpdates: true }, { onLeave: leaves.hook });
        await server.service.addRoom("r");
        const bob = await server.connect("bob");
        const a1 = await server.connect("alice");
        const a2 = await server.connect("alice");
        for (const client of [bob, a1, a2]) expectResult(await client.request("roomJoin", "r"));

        expect(await a1.request("roomLeave", "r")).toEqual({ error: null, results: [1] });
        expect(leaves.calls).toEqual([{ id: a1.id, roomName: "r", njoined: 1 }]);
        expect(await a2.next("roomLeftEcho")).toEqual(["r", a1.id, 1]);
        await expectNone(server, a1, "roomLeftEcho");
        for (const client of [bob, a1, a2]) await expectNone(server, client, "roomUserLeft");
        expect(await userlist(server, "r")).toContain("alice");

        expectResult(await bob.request("roomMessage", "r", { textMessage: "still here?" }));
        expect((await a2.next("roomMessage"))[1]).toMatchObject({ textMessage: "still here?" });
        await expectNone(server, a1, "roomMessage");

        expect(await a2.request("roomLeave", "r")).toEqual({ error: null, results: [0] });
        expect(leaves.calls.at(-1)).toEqual({ id: a2.id, roomName: "r", njoined: 0 });
        expect(await a1.next("roomLeftEcho")).toEqual(["r", a2.id, 0]);
        expect(await bob.next("roomUserLeft")).toEqual(["r", "alice"]);
        await expectNone(server, a2, "roomUserLeft");
        expect(await userlist(server, "r")).toEqual(["bob"]);
        const seen = expectResult(await bob.request("roomUserSeen", "r", "alice")) as { joined: boolean; timestamp: unknown };
        expect(seen).toEqual({ joined: false, timestamp: expect.any(Number) });
        expectResult(await bob.request("roomMessage", "r", { textMessage: "gone" }));
        await server.fence(a2);
        expect(a2.all("roomMessage")).toHaveLength(1);
      });

      it("leaving a room the socket is not in is no error and notifies nobody; an unknown room is noRoom", async () => {
        const leaves = recorder<JoinLeaveInfo>();
        const server = await harness({ enableUserlistUpdates: true }, { onLeave: leaves.hook });
        await server.service.addRoom("r");
        const bob = await server.connect("bob");
        const a1 = await server.connect("alice");
        const a2 = await server.connect("alice");
        expectResult(await bob.request("roomJoin", "r"));
        expectResult(await a1.request("roomJoin", "r"));
        expect(expectResult(await a2.request("roomLeave", "r"))).toBe(1);
        const carol = await server.connect("carol");
        expect(expectResult(await carol.request("roomLeave", "r"))).toBe(0);
        expect(leaves.calls).toEqual([]);
        for (const client of [a1, a2, bob]) await expectNone(server, client, "roomLeftEcho");
        for (const client of [a1, bob]) await expectNone(server, client, "roomUserLeft");
        expect((await userlist(server, "r")).sort()).toEqual(["alice", "bob"]);
        expectError(await a1.request("roomLeave", "nowhere"), "noRoom", "nowhere");
      });
    });

    describeMembership2(harness);
  });
}
