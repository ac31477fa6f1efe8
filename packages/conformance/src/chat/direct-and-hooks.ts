/**
 * Direct messaging, own lists, own sockets and system messages (PROTOCOL.md §6.3, §8.2–8.8, §8.25); hooks and the
 * server API are in `direct-and-hooks-2.ts`.
 * @module
 */
import { describe, expect, it } from "vitest";
import { sorted } from "../helpers.js";
import { describeHooksAndServerApi, expectRawError, rejection } from "./direct-and-hooks-2.js";
import { expectError, expectNone, expectResult, type ChatHarness, type ReplyView, type TestClient } from "./harness.js";

const hi = () => ({ textMessage: "hi" });

async function list(client: TestClient, listName: string): Promise<unknown> {
  return expectResult(await client.request("directGetAccessList", listName));
}

export function describeDirectAndHooks(harness: ChatHarness): void {
  describe("direct messaging", () => {
    it("refuses directMessage with notAllowed while enableDirectMessages is off, even with bypass", async () => {
      const server = await harness();
      const alice = await server.connect("alice");
      const bob = await server.connect("bob");
      expectError(await alice.request("directMessage", "bob", hi()), "notAllowed");
      const error = await rejection(server.service.execUserCommand({ userName: "alice", bypassPermissions: true }, "directMessage", "bob", hi()));
      expectRawError(error, server.service, "notAllowed");
      await expectNone(server, bob, "directMessage");
      await expectNone(server, alice, "directMessageEcho");
    });

    it("checks the recipient: noUser, self, blacklist, whitelist mode, noUserOnline", async () => {
      const server = await harness({ enableDirectMessages: true });
      const alice = await server.connect("alice");
      expectError(await alice.request("directMessage", "ghost", hi()), "noUser", "ghost");
      expectError(await alice.request("directMessage", "alice", hi()), "notAllowed");
      const self = await rejection(server.service.execUserCommand({ userName: "alice", bypassPermissions: true }, "directMessage", "alice", hi()));
      expectRawError(self, server.service, "notAllowed");

      await server.service.addUser("bob");
      expectError(await alice.request("directMessage", "bob", hi()), "noUserOnline", "bob");
      const bob = await server.connect("bob");
      const carol = await server.connect("carol");

      expectResult(await bob.request("directAddToList", "blacklist", ["alice"]));
      expectError(await alice.request("directMessage", "bob", hi()), "notAllowed");
      expectResult(await carol.request("directMessage", "bob", { textMessage: "from carol" }));
      expect(await bob.next("directMessage")).toEqual([{ textMessage: "from carol", author: "carol", timestamp: expect.any(Number) }]);

      expectResult(await bob.request("directRemoveFromList", "blacklist", ["alice"]));
      expectResult(await bob.request("directAddToList", "whitelist", ["alice"]));
      expectResult(await bob.request("directSetWhitelistMode", true));
      expectError(await carol.request("directMessage", "bob", hi()), "notAllowed");
      expectResult(await alice.request("directMessage", "bob", { textMessage: "listed" }));
      expect((await bob.next("directMessage"))[0].textMessage).toBe("listed");

      // Bypass lifts the list checks (not the self, existence or online checks).
      const [bypassed] = await server.service.execUserCommand({ userName: "carol", bypassPermissions: true }, "directMessage", "bob", { textMessage: "bypass" });
      expect(bypassed).toMatchObject({ textMessage: "bypass", author: "carol" });
      expect((await bob.next("directMessage"))[0].textMessage).toBe("bypass");
      await server.fence(bob);
      expect(bob.all("directMessage").map(([m]) => (m as { textMessage: string }).textMessage)).toEqual(["from carol", "listed", "bypass"]);
    });

    it("delivers to all the recipient's sockets, echoes to the sender's other sockets, and replies the processed message", async () => {
      const server = await harness({ enableDirectMessages: true });
      const alice1 = await server.connect("alice");
      const alice2 = await server.connect("alice");
      const bob1 = await server.connect("bob");
      const bob2 = await server.connect("bob");
      const carol = await server.connect("carol");
      const before = Date.now();
      const reply = await alice1.request("directMessage", "bob", { textMessage: "psst" });
      const message = expectResult(reply) as Record<string, unknown>;
      expect(reply.results).toHaveLength(1);
      expect(message).toEqual({ textMessage: "psst", author: "alice", timestamp: expect.any(Number) });
      expect(message).not.toHaveProperty("id");
      expect(message.timestamp as number).toBeGreaterThanOrEqual(before);
      expect(await bob1.next("directMessage")).toEqual([message]);
      expect(await bob2.next("directMessage")).toEqual([message]);
      expect(await alice2.next("directMessageEcho")).toEqual(["bob", message]);
      await expectNone(server, alice1, "directMessageEcho");
      for (const client of [alice1, alice2, carol]) await expectNone(server, client, "directMessage");
      for (const client of [bob1, bob2, carol]) await expectNone(server, client, "directMessageEcho");
    });

    it("echoes a server-side direct message to all the sender's sockets", async () => {
      const server = await harness({ enableDirectMessages: true });
      const alice1 = await server.connect("alice");
      const alice2 = await server.connect("alice");
      const bob = await server.connect("bob");
      const [message] = await server.service.execUserCommand("alice", "directMessage", "bob", { textMessage: "server" });
      expect(await bob.next("directMessage")).toEqual([message]);
      expect(await alice1.next("directMessageEcho")).toEqual(["bob", message]);
      expect(await alice2.next("directMessageEcho")).toEqual(["bob", message]);
    });

    it("manages the user's own lists and mode, with direct messages off", async () => {
      const server = await harness();
      const alice = await server.connect("alice");
      expect(await list(alice, "whitelist")).toEqual([]);
      expect(await alice.request("directAddToList", "whitelist", ["bob", "carol"])).toEqual({ error: null, results: [null] });
      expect(sorted(await list(alice, "whitelist") as string[])).toEqual(["bob", "carol"]);
      expect(await list(alice, "blacklist")).toEqual([]);
      expect(await alice.request("directRemoveFromList", "whitelist", ["bob", "nobody"])).toEqual({ error: null, results: [null] });
      expect(await list(alice, "whitelist")).toEqual(["carol"]);
      expect(expectResult(await alice.request("directAddToList", "whitelist", []))).toBeNull();
      expect(expectResult(await alice.request("directRemoveFromList", "whitelist", []))).toBeNull();
      expect(await list(alice, "whitelist")).toEqual(["carol"]);
      expect(await server.service.userHasInList("alice", "whitelist", "carol")).toBe(true);

      expect(expectResult(await alice.request("directGetWhitelistMode"))).toBe(false);
      expect(await alice.request("directSetWhitelistMode", true)).toEqual({ error: null, results: [null] });
      expect(expectResult(await alice.request("directGetWhitelistMode"))).toBe(true);
      expect(await server.service.hasDirectAccess("alice", "carol")).toBe(true);
      expect(await server.service.hasDirectAccess("alice", "bob")).toBe(false);
    });

    it("refuses unknown list names with noList and the own name with notAllowed", async () => {
      const server = await harness();
      const alice = await server.connect("alice");
      expectError(await alice.request("directAddToList", "adminlist", ["bob"]), "noList", "adminlist");
      expectError(await alice.request("directRemoveFromList", "userlist", ["bob"]), "noList", "userlist");
      expectError(await alice.request("directGetAccessList", "friends"), "noList", "friends");
      expectError(await alice.request("directAddToList", "blacklist", ["bob", "alice"]), "notAllowed");
      expectError(await alice.request("directRemoveFromList", "blacklist", ["alice"]), "notAllowed");
      expect(await list(alice, "blacklist")).toEqual([]);
    });

    it("limits a list to directListSizeLimit: current size plus distinct new names", async () => {
      const server = await harness({ directListSizeLimit: 3 });
      const alice = await server.connect("alice");
      expectResult(await alice.request("directAddToList", "blacklist", ["a", "b"]));
      expectError(await alice.request("directAddToList", "blacklist", ["c", "d"]), "listLimitExceeded", "blacklist");
      expect(sorted(await list(alice, "blacklist") as string[])).toEqual(["a", "b"]);
      expectResult(await alice.request("directAddToList", "blacklist", ["a", "c", "c"]));
      expect(sorted(await list(alice, "blacklist") as string[])).toEqual(["a", "b", "c"]);
      expectError(await alice.request("directAddToList", "blacklist", ["d"]), "listLimitExceeded", "blacklist");
      expectResult(await alice.request("directAddToList", "blacklist", ["b"]));
      expectResult(await alice.request("directAddToList", "blacklist", []));
      expectResult(await alice.request("directAddToList", "whitelist", ["x", "y", "z"]));
      expect(sorted(await list(alice, "blacklist") as string[])).toEqual(["a", "b", "c"]);
    });

    it("listOwnSockets maps every socket of the user to its rooms", async () => {
      const server = await harness();
      await server.service.addRoom("r1");
      await server.service.addRoom("r2");
      const one = await server.connect("alice");
      const two = await server.connect("alice");
      const bob = await server.connect("bob");
      await bob.request("roomJoin", "r1");
      expectResult(await one.request("roomJoin", "r1"));
      expectResult(await one.request("roomJoin", "r2"));
      const sockets = expectResult(await two.request("listOwnSockets")) as Record<string, string[]>;
      expect(Object.keys(sockets).sort()).toEqual([one.id, two.id].sort());
      expect([...sockets[one.id]!].sort()).toEqual(["r1", "r2"]);
      expect(sockets[two.id]).toEqual([]);
      expect(await server.service.execUserCommand(true, "listOwnSockets")).toEqual([{}]);
    });

    it("systemMessage goes to the user's other sockets only, needs one argument, and accepts null", async () => {
      const server = await harness();
      const one = await server.connect("alice");
      const two = await server.connect("alice");
      const bob = await server.connect("bob");
      expect(await one.request("systemMessage", { kind: "typing", n: 1 })).toEqual({ error: null, results: [null] });
      expect(await two.next("systemMessage")).toEqual([{ kind: "typing", n: 1 }]);
      expectResult(await one.request("systemMessage", null, "extra"));
      expect(await two.next("systemMessage")).toEqual([null]);
      const missing: ReplyView = await one.request("systemMessage");
      expectError(missing, "wrongArgumentsCount", 1, 0);
      await expectNone(server, one, "systemMessage");
      await expectNone(server, bob, "systemMessage");
      await server.fence(two);
      expect(two.all("systemMessage")).toHaveLength(2);

      // Server side without an id: every socket of the user.
      await server.service.execUserCommand("alice", "systemMessage", "from server");
      expect(await one.next("systemMessage")).toEqual(["from server"]);
      expect(await two.next("systemMessage")).toEqual(["from server"]);
      await expectNone(server, bob, "systemMessage");
    });
  });

  describeHooksAndServerApi(harness);
}
