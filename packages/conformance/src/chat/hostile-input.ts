/**
 * Hostile input (PROTOCOL.md §5.2, §4.3, §10, §11, §0 Fixed row 15): everything from the network is hostile
 * until validated. Bad input gets its documented error, the server keeps serving, and no state changes.
 * @module
 */
import { commandArguments, commandNames, type ArgumentKind, type CommandName } from "@chat/core";
import { describe, expect, it } from "vitest";
import { sorted } from "../helpers.js";
import { expectError, expectNone, expectResult, type ChatHarness, type TestClient, type TestServer } from "./harness.js";
import { describeHostileInputPart2, snapshotState } from "./hostile-input-2.js";

/** A value each argument kind accepts (validation-wise). */
const validValue: Record<ArgumentKind, unknown> = {
  string: "r",
  stringArray: ["x"],
  boolean: false,
  id: 0,
  limit: 1,
  message: { textMessage: "x" },
  any: null,
};

/** Values each kind refuses, as the server receives them (socket.io carries JSON: NaN and Infinity become null). */
const invalidValues: Record<ArgumentKind, unknown[]> = {
  string: [42, null, true, ["r"], { r: 1 }],
  stringArray: ["x", [1], ["x", null], { 0: "x" }, null, false],
  boolean: ["true", 0, 1, null, {}],
  id: [-1, 1.5, null, 2 ** 53, 1e21, "1", true, []],
  limit: [0, -1, 0.5, null, 2 ** 53, "10", false, {}],
  message: ["hi", 5, [], null, {}, { textMessage: 1 }, { textMessage: "x", extra: 1 }, { text: "x" }, { textMessage: ["x"] }, [{ textMessage: "x" }]],
  any: [],
};

function kinds(command: CommandName): readonly ArgumentKind[] {
  return commandArguments[command];
}

/** Valid arguments for every command in a state where each of them succeeds (see the "extra arguments" test). */
const succeedingCalls: [CommandName, unknown[]][] = [
  ["directAddToList", ["blacklist", ["x"]]],
  ["directGetAccessList", ["blacklist"]],
  ["directRemoveFromList", ["blacklist", ["x"]]],
  ["directGetWhitelistMode", []],
  ["directSetWhitelistMode", [false]],
  ["directMessage", ["bob", { textMessage: "hi" }]],
  ["listOwnSockets", []],
  ["roomCreate", ["extra", false]],
  ["roomDelete", ["extra"]],
  ["roomLeave", ["r"]],
  ["roomJoin", ["r"]],
  ["roomAddToList", ["r", "whitelist", ["y"]]],
  ["roomRemoveFromList", ["r", "whitelist", ["y"]]],
  ["roomGetAccessList", ["r", "whitelist"]],
  ["roomGetOwner", ["r"]],
  ["roomGetWhitelistMode", ["r"]],
  ["roomSetWhitelistMode", ["r", false]],
  ["roomMessage", ["r", { textMessage: "m" }]],
  ["roomHistoryGet", ["r", 0, 10]],
  ["roomHistoryInfo", ["r"]],
  ["roomNotificationsInfo", ["r"]],
  ["roomRecentHistory", ["r"]],
  ["roomUserSeen", ["r", "alice"]],
  ["systemMessage", [{ any: "data" }]],
];

async function roomWithAlice(harness: ChatHarness, options: Parameters<ChatHarness>[0] = {}, hooks: Parameters<ChatHarness>[1] = {}) {
  const server = await harness(options, hooks);
  await server.service.addRoom("r", { owner: "alice" });
  const alice = await server.connect("alice");
  expectResult(await alice.request("roomJoin", "r"));
  return { server, alice };
}

const snapshot = (server: TestServer, names: string[] = []) => snapshotState(server.service, ["alice", "bob"], ["r"], ["r", "extra", ...names]);

/** Sends an unknown event with an ack, then a valid request: the unknown one must stay unanswered. */
async function expectIgnored(client: TestClient, event: string, ...args: unknown[]): Promise<void> {
  let answered = false;
  void client.request(event, ...args).then(() => (answered = true));
  expect(Object.keys(expectResult(await client.request("listOwnSockets")) as object)).toEqual([client.id]);
  expect(answered, `${JSON.stringify(event)} must never be acknowledged`).toBe(false);
}

export function describeHostileInput(harness: ChatHarness): void {
  describe("hostile input", () => {
    it("every command: too few arguments → wrongArgumentsCount(N, M), nothing changes", async () => {
      const { server, alice } = await roomWithAlice(harness, { enableRoomsManagement: true, enableDirectMessages: true });
      const before = await snapshot(server);
      let checked = 0;
      for (const command of commandNames) {
        const spec = kinds(command);
        for (let count = 0; count < spec.length; count++) {
          expectError(await alice.request(command, ...spec.slice(0, count).map((kind) => validValue[kind])), "wrongArgumentsCount", spec.length, count);
          checked++;
        }
      }
      expect(checked).toBe(commandNames.reduce((sum, command) => sum + kinds(command).length, 0));
      expect(await snapshot(server)).toEqual(before);
      await expectNone(server, alice, "roomMessage");
    });

    for (const command of commandNames) {
      const spec = kinds(command);
      if (spec.every((kind) => invalidValues[kind].length === 0)) continue;
      it(`${command}: a wrong type at each position → badArgument(i, value), checked before permissions, nothing changes`, async () => {
        // Hostile bob is in no room and has no rights: validation still answers first.
        const { server } = await roomWithAlice(harness);
        const bob = await server.connect("bob");
        const before = await snapshot(server);
        for (let position = 0; position < spec.length; position++) {
          for (const bad of invalidValues[spec[position]!]) {
            const args = spec.map((kind) => validValue[kind]);
            args[position] = bad;
            const reply = await bob.request(command, ...args, "rest", 1);
            expectError(reply, "badArgument", position, bad);
            expect(reply.error!.text).toBe(`ChatServiceError: Bad argument at position ${position}, value ${JSON.stringify(bad)}`);
          }
        }
        expect(await snapshot(server)).toEqual(before);
      });
    }

    it("every command accepts extra arguments (they become restArgs)", async () => {
      const restArgs: unknown[][] = [];
      const hooks = Object.fromEntries(commandNames.map((command) => [`${command}Before`, (info: { restArgs: unknown[] }) => void restArgs.push(info.restArgs)]));
      const { server, alice } = await roomWithAlice(harness, { enableRoomsManagement: true, enableDirectMessages: true }, hooks);
      await server.connect("bob");
      restArgs.length = 0;
      for (const [command, args] of succeedingCalls) {
        const reply = await alice.request(command, ...args, "extra", 7, { deep: [null] });
        expect(reply.error, `${command}: ${reply.error?.text}`).toBeNull();
      }
      expect(succeedingCalls.map(([command]) => command).sort()).toEqual([...commandNames].sort());
      expect(restArgs).toEqual(succeedingCalls.map(() => ["extra", 7, { deep: [null] }]));
    });

    it("roomHistoryGet: ids and limits must be non-negative safe integers (limit ≥ 1), even when joined", async () => {
      const { server, alice } = await roomWithAlice(harness);
      expectResult(await alice.request("roomMessage", "r", { textMessage: "one" }));
      for (const id of [-1, -0.5, 0.5, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 64, "0", null, true]) {
        const received = typeof id === "number" && !Number.isFinite(id) ? null : id;
        expectError(await alice.request("roomHistoryGet", "r", id, 10), "badArgument", 1, received);
      }
      for (const limit of [0, -1, 0.5, 1.5, NaN, Infinity, 2 ** 53, "10", null]) {
        const received = typeof limit === "number" && !Number.isFinite(limit) ? null : limit;
        expectError(await alice.request("roomHistoryGet", "r", 0, limit), "badArgument", 2, received);
      }
      // The largest safe values are fine: the limit is capped, the id past the end gives [].
      expect(expectResult(await alice.request("roomHistoryGet", "r", 0, Number.MAX_SAFE_INTEGER))).toEqual([expect.objectContaining({ textMessage: "one", id: 1 })]);
      expect(expectResult(await alice.request("roomHistoryGet", "r", Number.MAX_SAFE_INTEGER, 1))).toEqual([]);
      // An invalid id on a room that does not exist is still a badArgument: validation comes first.
      expectError(await alice.request("roomHistoryGet", "nowhere", -1, 1), "badArgument", 1, -1);
      expect(await server.service.hasRoom("nowhere")).toBe(false);
    });

    it("messages: non-objects, extra keys and non-string textMessage → badArgument(1, …), nothing stored or sent", async () => {
      const { server, alice } = await roomWithAlice(harness, { enableDirectMessages: true });
      const bob = await server.connect("bob");
      const bad = invalidValues.message;
      for (const message of bad) {
        expectError(await alice.request("roomMessage", "r", message), "badArgument", 1, message);
        expectError(await alice.request("directMessage", "bob", message), "badArgument", 1, message);
      }
      expect(expectResult(await alice.request("roomHistoryInfo", "r"))).toMatchObject({ lastMessageId: 0, historySize: 0 });
      await expectNone(server, alice, "roomMessage");
      await expectNone(server, bob, "directMessage");
    });

    it("with checkers, any plain object is accepted; reserved id/timestamp are replaced and author is the sender", async () => {
      const checked: unknown[] = [];
      const checker = (message: unknown) => void checked.push(message);
      const { server, alice } = await roomWithAlice(harness, { enableDirectMessages: true }, { roomMessagesChecker: checker, directMessagesChecker: checker });
      const bob = await server.connect("bob");
      expectResult(await bob.request("roomJoin", "r"));
      for (const message of ["hi", 5, [], null, [{ textMessage: "x" }]]) {
        expectError(await alice.request("roomMessage", "r", message), "badArgument", 1, message);
        expectError(await alice.request("directMessage", "bob", message), "badArgument", 1, message);
      }
      expect(checked).toEqual([]);
      const forged = { textMessage: 5, id: 999, timestamp: 1, author: "mallory", nested: { id: 1, author: "x" } };
      const start = Date.now();
      expect(expectResult(await alice.request("roomMessage", "r", forged))).toBe(1);
      const [, message] = await bob.next("roomMessage");
      expect(message).toEqual({ textMessage: 5, id: 1, timestamp: expect.any(Number), author: "alice", nested: { id: 1, author: "x" } });
      expect(message.timestamp).toBeGreaterThanOrEqual(start);
      const direct = expectResult(await alice.request("directMessage", "bob", forged)) as Record<string, unknown>;
      expect(direct).toEqual({ textMessage: 5, timestamp: expect.any(Number), author: "alice", nested: { id: 1, author: "x" } });
      expect(direct.timestamp).toBeGreaterThanOrEqual(start);
      expect(await bob.next("directMessage")).toEqual([direct]);
      expect(checked).toHaveLength(2);
    });

    it("names: forbidden characters → invalidName on roomCreate and noRoom on roomJoin; access lists take any string", async () => {
      const { server, alice } = await roomWithAlice(harness, { enableRoomsManagement: true });
      const forbidden = [":", "a:b", "{", "b}", "{x}", "a\u0000", "\u0001b", "\t", "\n", "x\u001f", "\u007f", "del\u007fete", ""];
      for (const name of forbidden) {
        expectError(await alice.request("roomCreate", name, false), "invalidName", name);
        expect(await server.service.hasRoom(name)).toBe(false);
        expectError(await alice.request("roomJoin", name), "noRoom", name);
      }
      expectError(await alice.request("roomJoin", "echo:alice"), "noRoom", "echo:alice");
      const allowed = "a b#/%é😀\u0080";
      expect(expectResult(await alice.request("roomCreate", allowed, false))).toBeNull();
      expect(expectResult(await alice.request("roomJoin", allowed))).toBe(1);
      expect(expectResult(await alice.request("roomAddToList", "r", "whitelist", forbidden))).toBeNull();
      expect(expectResult(await alice.request("roomGetAccessList", "r", "whitelist"))).toEqual(expect.arrayContaining(forbidden));
      expect(expectResult(await alice.request("directAddToList", "blacklist", forbidden))).toBeNull();
      expect(expectResult(await alice.request("directGetAccessList", "blacklist"))).toEqual(expect.arrayContaining(forbidden));
    });

    it("over-limit room and direct lists → listLimitExceeded, lists unchanged", async () => {
      const { alice } = await roomWithAlice(harness, { roomListSizeLimit: 2, directListSizeLimit: 2 });
      for (const list of ["whitelist", "blacklist", "adminlist"]) {
        expectError(await alice.request("roomAddToList", "r", list, ["u1", "u2", "u3"]), "listLimitExceeded", list);
        expect(expectResult(await alice.request("roomAddToList", "r", list, ["u1", "u2"]))).toBeNull();
        expectError(await alice.request("roomAddToList", "r", list, ["u3"]), "listLimitExceeded", list);
        expect(sorted(expectResult(await alice.request("roomGetAccessList", "r", list)) as string[])).toEqual(["u1", "u2"]);
      }
      for (const list of ["whitelist", "blacklist"]) {
        expectError(await alice.request("directAddToList", list, ["u1", "u2", "u3"]), "listLimitExceeded", list);
        expect(expectResult(await alice.request("directAddToList", list, ["u1", "u2"]))).toBeNull();
        expectError(await alice.request("directAddToList", list, ["u3"]), "listLimitExceeded", list);
        expect(sorted(expectResult(await alice.request("directGetAccessList", list)) as string[])).toEqual(["u1", "u2"]);
      }
    });

    it("unknown and prototype event names are never acknowledged, and the client keeps being served", async () => {
      const { server, alice } = await roomWithAlice(harness);
      let disconnected = false;
      void alice.disconnected.then(() => (disconnected = true));
      const before = await snapshot(server);
      const events = ["toString", "__proto__", "constructor", "hasOwnProperty", "valueOf", "isPrototypeOf", "__defineGetter__", "noSuchCommand", "roomjoin", "ROOMJOIN", "roomJoin ", "", "roomMessageBefore", "onConnect", "loginConfirmed"];
      for (const event of events) {
        await expectIgnored(alice, event);
        await expectIgnored(alice, event, "r", { textMessage: "x" });
      }
      expect(expectResult(await alice.request("roomMessage", "r", { textMessage: "alive" }))).toBe(1);
      await server.fence(alice);
      expect(disconnected).toBe(false);
      const after = (await snapshot(server)) as Record<string, unknown>;
      expect({ ...after, "r history": undefined, "r messages": undefined }).toEqual({ ...(before as object), "r history": undefined, "r messages": undefined });
    });

    it("requests sent before loginConfirmed are ignored, not answered, and do not break the login", async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let seen!: (id: string) => void;
      const pendingId = new Promise<string>((resolve) => (seen = resolve));
      const server = await harness({}, {
        onConnect: async (service, id) => {
          const name = service.transport.getHandshakeData(id).query.userName as string;
          if (name === "early") {
            seen(id);
            await gate;
          }
          return name;
        },
      });
      await server.service.addRoom("r");
      const early = await server.openPending({ userName: "early" });
      const id = await pendingId;
      const answered: string[] = [];
      void early.request("roomJoin", "r").then(() => answered.push("roomJoin"));
      void early.request("listOwnSockets").then(() => answered.push("listOwnSockets"));
      void early.request("roomMessage", "r", { textMessage: "too early" }).then(() => answered.push("roomMessage"));
      // The service did get all three while the login was pending; it just never answers them.
      await server.requestsArrived(id, 3);
      release();
      expect((await early.loginConfirmed)[0]).toBe("early");
      // A reply to an early request would have arrived before this one: replies keep their connection's order.
      expect(await early.request("listOwnSockets")).toEqual({ error: null, results: [{ [id]: [] }] });
      expect(answered).toEqual([]);
      expect(await server.service.execUserCommand(true, "roomGetAccessList", "r", "userlist")).toEqual([[]]);
      expect((await server.service.execUserCommand(true, "roomHistoryInfo", "r"))[0]).toMatchObject({ lastMessageId: 0 });
      early.close();
    });
  });

  describeHostileInputPart2(harness);
}
