/**
 * Hooks through real clients, message checkers with binary data, `execUserCommand`, the ServiceAPI, `bindHandler`,
 * `onStart` and `onClose` (PROTOCOL.md §5, §10, §13, §14.2; §0 Fixed rows 11–13, 19).
 * @module
 */
import { ChatServiceError, type ChatService, type ExecInfo } from "@chat/core";
import { describe, expect, it } from "vitest";
import { expectError, expectNone, expectPlainError, expectResult, type ChatHarness } from "./harness.js";

/** The rejection of a promise that must fail. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** Asserts a server-side error is a raw ChatServiceError (not a string) with this code and these args. */
export function expectRawError(error: unknown, service: ChatService, code: string, ...args: unknown[]): void {
  expect(error).toBeInstanceOf(service.ChatServiceError);
  expect((error as { code: string }).code).toBe(code);
  expect((error as { args: unknown[] }).args).toEqual(args);
}

/** The bytes of a binary value as a client or the server holds it (Buffer, typed array or ArrayBuffer). */
export function bytes(value: unknown): number[] {
  if (value instanceof ArrayBuffer) return [...new Uint8Array(value)];
  if (ArrayBuffer.isView(value)) return [...new Uint8Array(value.buffer, value.byteOffset, value.byteLength)];
  throw new Error(`not binary data: ${JSON.stringify(value)}`);
}

const text = (textMessage: string) => ({ textMessage });
const queryName = (service: ChatService, id: string) => service.transport.getHandshakeData(id).query.userName as string;

export function describeHooksAndServerApi(harness: ChatHarness): void {
  describe("hooks and server API", () => {
    it("a before hook continues on undefined or [], and answers a non-empty array instead of running the command", async () => {
      const server = await harness({}, {
        roomMessageBefore: ({ args: [, message] }) => {
          const { textMessage } = message as { textMessage: string };
          if (textMessage === "intercept") return ["x", 2];
          return textMessage === "empty" ? [] : undefined;
        },
      });
      await server.service.addRoom("r");
      const alice = await server.connect("alice");
      expectResult(await alice.request("roomJoin", "r"));
      expect(await alice.request("roomMessage", "r", text("plain"))).toEqual({ error: null, results: [1] });
      expect(await alice.request("roomMessage", "r", text("intercept"))).toEqual({ error: null, results: ["x", 2] });
      expect(await alice.request("roomMessage", "r", text("empty"))).toEqual({ error: null, results: [2] });
      const history = expectResult(await alice.request("roomRecentHistory", "r")) as { textMessage: string }[];
      expect(history.map((m) => m.textMessage)).toEqual(["empty", "plain"]);
      await server.fence(alice);
      expect(alice.all("roomMessage").map(([, m]) => (m as { textMessage: string }).textMessage)).toEqual(["plain", "empty"]);
    });

    it("a throwing before hook answers its error and the command does not run", async () => {
      const server = await harness({}, {
        roomJoinBefore: ({ args: [roomName], server: service }) => {
          if (roomName === "a") throw new Error("boom");
          if (roomName === "b") throw new service.ChatServiceError("notAllowed");
          if (roomName === "c") return Promise.reject(undefined);
        },
      });
      for (const room of ["a", "b", "c"]) await server.service.addRoom(room);
      const alice = await server.connect("alice");
      expectPlainError(await alice.request("roomJoin", "a"), "Error: boom");
      expectError(await alice.request("roomJoin", "b"), "notAllowed");
      expectPlainError(await alice.request("roomJoin", "c"), "Error: undefined");
      expect(expectResult(await alice.request("listOwnSockets"))).toEqual({ [alice.id]: [] });
      expect(await server.service.roomHasInList("a", "userlist", "alice")).toBe(false);
    });

    it("with useRawErrorObjects, a hook's plain Error reaches the client as internalError carrying its text", async () => {
      const server = await harness({ useRawErrorObjects: true }, {
        roomJoinBefore: () => {
          throw new Error("boom");
        },
      });
      await server.service.addRoom("r");
      const alice = await server.connect("alice");
      expectError(await alice.request("roomJoin", "r"), "internalError", "Error: boom");
    });

    it("a before hook rewriting execInfo.args or bypassPermissions is honoured by the command", async () => {
      const server = await harness({}, {
        roomMessageBefore: (info) => {
          if (info.args[0] === "public") info.args[0] = "moderated";
        },
        roomGetOwnerBefore: (info) => {
          info.bypassPermissions = true;
        },
      });
      await server.service.addRoom("public");
      await server.service.addRoom("moderated");
      const alice = await server.connect("alice");
      const bob = await server.connect("bob");
      expectResult(await alice.request("roomJoin", "public"));
      expectResult(await alice.request("roomJoin", "moderated"));
      expectResult(await bob.request("roomJoin", "public"));
      expect(expectResult(await alice.request("roomMessage", "public", text("hello")))).toBe(1);
      const [room, message] = await alice.next("roomMessage");
      expect(room).toBe("moderated");
      expect(message).toMatchObject({ textMessage: "hello", author: "alice", id: 1 });
      expect(expectResult(await alice.request("roomRecentHistory", "public"))).toEqual([]);
      await expectNone(server, bob, "roomMessage");
      await server.service.addRoom("closed", { owner: "zed" });
      expect(await bob.request("roomGetOwner", "closed")).toEqual({ error: null, results: ["zed"] });
    });

    it("an after hook sees results and errors, runs on failure, and can replace either", async () => {
      const seen: [unknown, unknown][] = [];
      const server = await harness({}, {
        roomJoinAfter: ({ results, error }) => void seen.push([results, error]),
        roomGetOwnerAfter: ({ error }) => (error ? ["recovered"] : undefined),
        roomGetWhitelistModeAfter: () => {
          throw new ChatServiceError("notAllowed");
        },
        roomHistoryInfoAfter: () => ["a", "b"],
        roomNotificationsInfoAfter: (info) => {
          info.results = ["mutated"];
        },
      });
      await server.service.addRoom("r", { owner: "alice" });
      const alice = await server.connect("alice");
      expectResult(await alice.request("roomJoin", "r"));
      expectError(await alice.request("roomJoin", "nowhere"), "noRoom", "nowhere");
      expect(seen[0]).toEqual([[1], null]);
      expect(seen[1]![0]).toBeNull();
      expectRawError(seen[1]![1], server.service, "noRoom", "nowhere");
      expect(await alice.request("roomGetOwner", "nowhere")).toEqual({ error: null, results: ["recovered"] });
      expect(await alice.request("roomGetOwner", "r")).toEqual({ error: null, results: ["alice"] });
      expectError(await alice.request("roomGetWhitelistMode", "r"), "notAllowed");
      expect(await alice.request("roomHistoryInfo", "r")).toEqual({ error: null, results: ["a", "b"] });
      expect(await alice.request("roomNotificationsInfo", "r")).toEqual({ error: null, results: ["mutated"] });
    });

    it("extra client arguments reach restArgs, and execInfo.data is shared by before and after hooks", async () => {
      let before: ExecInfo | undefined;
      const server = await harness({}, {
        listOwnSocketsBefore: (info) => {
          before = { ...info };
          info.data.extra = info.restArgs;
        },
        listOwnSocketsAfter: (info) => [info.results![0], info.data.extra, info.args],
      });
      const alice = await server.connect("alice");
      const reply = await alice.request("listOwnSockets", "token", { k: 1 });
      expect(reply).toEqual({ error: null, results: [{ [alice.id]: [] }, ["token", { k: 1 }], []] });
      expect(before).toMatchObject({ userName: "alice", id: alice.id, isLocalCall: false, bypassPermissions: null, bypassHooks: false });
      expect(before!.server).toBe(server.service);
    });

    it("message checkers accept custom objects, refuse with their error, and carry binary data", async () => {
      const refuse = (input: unknown) => {
        const message = input as Record<string, unknown>;
        if (message.refuse === "service") throw new ChatServiceError("notAllowed");
        if (message.refuse) throw new Error("bad message");
      };
      const server = await harness({ enableDirectMessages: true }, { roomMessagesChecker: refuse, directMessagesChecker: refuse });
      await server.service.addRoom("r");
      const alice = await server.connect("alice");
      const bob = await server.connect("bob");
      expectResult(await alice.request("roomJoin", "r"));
      expectResult(await bob.request("roomJoin", "r"));
      const blob = Buffer.from([0, 1, 2, 254, 255]);

      expect(expectResult(await alice.request("roomMessage", "r", { kind: "image", meta: { blob, name: "x.png" }, id: 77 }))).toBe(1);
      const [, received] = await bob.next("roomMessage");
      expect(received).toMatchObject({ kind: "image", author: "alice", id: 1, timestamp: expect.any(Number) });
      expect(bytes((received as unknown as { meta: { blob: unknown } }).meta.blob)).toEqual([...blob]);
      const [stored] = expectResult(await bob.request("roomRecentHistory", "r")) as { meta: { blob: unknown; name: string } }[];
      expect(bytes(stored!.meta.blob)).toEqual([...blob]);
      expect(stored!.meta.name).toBe("x.png");

      expectError(await alice.request("roomMessage", "r", { refuse: "service" }), "notAllowed");
      expectPlainError(await alice.request("roomMessage", "r", { refuse: true }), "Error: bad message");
      expectError(await alice.request("roomMessage", "r", ["not", "plain"]), "badArgument", 1, ["not", "plain"]);
      expect(expectResult(await bob.request("roomHistoryInfo", "r"))).toMatchObject({ lastMessageId: 1 });

      const reply = expectResult(await alice.request("directMessage", "bob", { file: blob, id: 5, timestamp: 3 })) as Record<string, unknown>;
      expect(reply).not.toHaveProperty("id");
      expect(reply.timestamp).toBeGreaterThan(3);
      expect(reply.author).toBe("alice");
      const [direct] = await bob.next("directMessage");
      expect(bytes((direct as { file: unknown }).file)).toEqual([...blob]);
      expect(direct).toMatchObject({ author: "alice", timestamp: reply.timestamp });
      expectError(await alice.request("directMessage", "bob", { refuse: "service" }), "notAllowed");
      const serverSide = await rejection(server.service.execUserCommand("alice", "directMessage", "bob", { refuse: "service" }));
      expectRawError(serverSide, server.service, "notAllowed");
      await server.fence(bob);
      expect(bob.all("directMessage")).toHaveLength(1);
      expect(bob.all("roomMessage")).toHaveLength(1);
    });

    it("execUserCommand checks command, socket and user, and answers raw errors", async () => {
      const server = await harness();
      const { service } = server;
      await service.addRoom("r");
      const bob = await server.connect("bob");
      expectRawError(await rejection(service.execUserCommand("bob", "nope")), service, "noCommand", "nope");
      expectRawError(await rejection(service.execUserCommand("bob", "roomJoin", "r")), service, "noSocket", "roomJoin");
      expectRawError(await rejection(service.execUserCommand("bob", "roomLeave", "r")), service, "noSocket", "roomLeave");
      expectRawError(await rejection(service.execUserCommand("ghost", "listOwnSockets")), service, "noUser", "ghost");
      await service.addUser("alice");
      // Fixed row 19: the id must be a socket of that user.
      expectRawError(await rejection(service.execUserCommand({ userName: "alice", id: bob.id }, "roomJoin", "r")), service, "invalidSocket", bob.id);
      expectRawError(await rejection(service.execUserCommand({ userName: "alice", id: "nope" }, "systemMessage", 1)), service, "invalidSocket", "nope");
      expectRawError(await rejection(service.execUserCommand("bob", "roomJoin")), service, "noSocket", "roomJoin");
      expectRawError(await rejection(service.execUserCommand({ userName: "bob", id: bob.id }, "roomJoin")), service, "wrongArgumentsCount", 1, 0);
      expect(await service.roomHasInList("r", "userlist", "alice")).toBe(false);
      expect(await service.roomHasInList("r", "userlist", "bob")).toBe(false);
      await expectNone(server, bob, "roomJoinedEcho");
    });

    it("execUserCommand joins a given socket of the user, echoing to all of the user's sockets", async () => {
      const server = await harness();
      await server.service.addRoom("r");
      const one = await server.connect("alice");
      const two = await server.connect("alice");
      const bob = await server.connect("bob");
      expect(await server.service.execUserCommand({ userName: "alice", id: one.id }, "roomJoin", "r")).toEqual([1]);
      expect(await one.next("roomJoinedEcho")).toEqual(["r", one.id, 1]);
      expect(await two.next("roomJoinedEcho")).toEqual(["r", one.id, 1]);
      await expectNone(server, bob, "roomJoinedEcho");
      const sockets = expectResult(await two.request("listOwnSockets"));
      expect(sockets).toEqual({ [one.id]: ["r"], [two.id]: [] });
    });

    it("execUserCommand runs hooks unless bypassHooks, copies extra context keys, and resolves overrides as is", async () => {
      const contexts: unknown[] = [];
      const server = await harness({}, {
        roomMessageBefore: (info) => {
          contexts.push({ isLocalCall: info.isLocalCall, tag: info.tag, id: info.id, bypassPermissions: info.bypassPermissions });
          if ((info.args[1] as { textMessage: string }).textMessage === "override") return ["over", "ride"];
          throw new Error("boom");
        },
      });
      await server.service.addRoom("r");
      const alice = await server.connect("alice");
      expectResult(await alice.request("roomJoin", "r"));
      const error = await rejection(server.service.execUserCommand({ userName: "alice", tag: 7 }, "roomMessage", "r", text("x")));
      expect(error).toBeInstanceOf(Error);
      expect(String(error)).toBe("Error: boom");
      expect(contexts).toEqual([{ isLocalCall: true, tag: 7, id: null, bypassPermissions: false }]);
      expect(await server.service.execUserCommand("alice", "roomMessage", "r", text("override"))).toEqual(["over", "ride"]);
      expect(await server.service.execUserCommand({ userName: "alice", bypassHooks: true }, "roomMessage", "r", text("y"))).toEqual([1]);
      expect(contexts).toHaveLength(2);
      expect(await alice.next("roomMessage")).toEqual(["r", { textMessage: "y", author: "alice", timestamp: expect.any(Number), id: 1 }]);
    });

    it("addUser, deleteUser, hasUser, userHasInList and hasDirectAccess", async () => {
      const server = await harness();
      const { service } = server;
      expectRawError(await rejection(service.addUser("a:b")), service, "invalidName", "a:b");
      expect(await service.hasUser("bob")).toBe(false);
      await service.addUser("bob", { blacklist: ["alice"] });
      expect(await service.hasUser("bob")).toBe(true);
      expectRawError(await rejection(service.addUser("bob")), service, "userExists", "bob");
      await service.addUser("carol", { whitelist: ["alice"], whitelistOnly: true });

      expect(await service.userHasInList("bob", "blacklist", "alice")).toBe(true);
      expect(await service.userHasInList("bob", "whitelist", "alice")).toBe(false);
      expectRawError(await rejection(service.userHasInList("ghost", "blacklist", "alice")), service, "noUser", "ghost");
      expectRawError(await rejection(service.userHasInList("bob", "userlist", "alice")), service, "noList", "userlist");
      expect(await service.hasDirectAccess("bob", "alice")).toBe(false);
      expect(await service.hasDirectAccess("bob", "dave")).toBe(true);
      expect(await service.hasDirectAccess("carol", "alice")).toBe(true);
      expect(await service.hasDirectAccess("carol", "dave")).toBe(false);
      expect(await service.hasDirectAccess("ghost", "alice")).toBe(false);
      expect(await service.hasDirectAccess("dave", "dave")).toBe(false);

      const carol = await server.connect("carol");
      expect(expectResult(await carol.request("directGetAccessList", "whitelist"))).toEqual(["alice"]);
      expect(expectResult(await carol.request("directGetWhitelistMode"))).toBe(true);

      expectRawError(await rejection(service.deleteUser("ghost")), service, "noUser", "ghost");
      expectRawError(await rejection(service.deleteUser("carol")), service, "userOnline", "carol");
      await carol.disconnect();
      await service.deleteUser("carol");
      expect(await service.hasUser("carol")).toBe(false);
      await service.deleteUser("bob");
      expect(await service.hasUser("bob")).toBe(false);
    });

    it("checkArguments validates like a request, but extra arguments are an error", async () => {
      const server = await harness();
      const { service } = server;
      await expect(service.checkArguments("roomJoin", "r")).resolves.toBeUndefined();
      expectRawError(await rejection(service.checkArguments("roomJoin", "r", "extra")), service, "wrongArgumentsCount", 1, 2);
      expectRawError(await rejection(service.checkArguments("roomJoin")), service, "wrongArgumentsCount", 1, 0);
      expectRawError(await rejection(service.checkArguments("roomJoin", 5)), service, "badArgument", 0, 5);
      expectRawError(await rejection(service.checkArguments("roomMessage", "r", { textMessage: "x", y: 1 })), service, "badArgument", 1, { textMessage: "x", y: 1 });
      expectRawError(await rejection(service.checkArguments("nope")), service, "noCommand", "nope");
    });

    it("bindHandler from onConnect answers a custom event with the handler's values, and converts its errors", async () => {
      const bound: boolean[] = [];
      const server = await harness({}, {
        onConnect: (service, id) => {
          const userName = queryName(service, id);
          bound.push(service.transport.bindHandler(id, "whoami", async (...args) => [userName, args]));
          bound.push(service.transport.bindHandler(id, "fail", () => {
            throw new Error("nope");
          }));
          bound.push(service.transport.bindHandler(id, "refuse", async () => Promise.reject(new ChatServiceError("notAllowed"))));
          return userName;
        },
      });
      const alice = await server.connect("alice");
      expect(bound).toEqual([true, true, true]);
      expect(await alice.request("whoami", 1, "two")).toEqual({ error: null, results: ["alice", [1, "two"]] });
      expectPlainError(await alice.request("fail"), "Error: nope");
      expectError(await alice.request("refuse"), "notAllowed");
    });

    it("onStart runs before the service is ready, and onClose receives null on a clean close", async () => {
      const order: string[] = [];
      const closes: unknown[][] = [];
      const server = await harness({}, {
        onStart: async (service) => {
          order.push("onStart");
          service.once("ready", () => order.push("ready"));
          await service.addUser("seeded");
        },
        onClose: (service, error) => void closes.push([service, error]),
      });
      expect(order).toEqual(["onStart", "ready"]);
      expect(await server.service.hasUser("seeded")).toBe(true);
      const alice = await server.connect("alice");
      const closed = new Promise<unknown>((resolve) => server.service.once("closed", resolve));
      await server.service.close();
      expect(closes).toEqual([[server.service, null]]);
      expect(await closed).toBeNull();
      expect(await alice.disconnected).toBe("io server disconnect");
    });
  });
}
