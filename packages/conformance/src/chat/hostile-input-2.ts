/**
 * Hostile input, part 2 (PROTOCOL.md §5.2, §10, §11): oversized frames and a seeded fuzz run against a live room.
 * Also the state snapshot helper shared with part 1.
 * @module
 */
import { commandArguments, commandNames, isCommandName, type ArgumentKind, type ChatService } from "@chat/core";
import { describe, expect, it } from "vitest";
import { expectNone, expectResult, type ChatHarness, type ReplyView, type TestClient } from "./harness.js";

/** Server-side view of everything a hostile request could have changed, for before/after comparison. */
export async function snapshotState(service: ChatService, users: string[], rooms: string[], names: string[]): Promise<unknown> {
  const read = async (context: Parameters<ChatService["execUserCommand"]>[0], command: string, ...args: unknown[]) => {
    try {
      return (await service.execUserCommand(context, command, ...args))[0];
    } catch (error) {
      return `failed: ${String(error)}`;
    }
  };
  const snapshot: Record<string, unknown> = {};
  for (const name of names) snapshot[`hasRoom ${JSON.stringify(name)}`] = await service.hasRoom(name);
  for (const name of names) snapshot[`hasUser ${JSON.stringify(name)}`] = await service.hasUser(name);
  for (const room of rooms) {
    for (const list of ["adminlist", "whitelist", "blacklist", "userlist"]) {
      snapshot[`${room} ${list}`] = await read(true, "roomGetAccessList", room, list);
    }
    snapshot[`${room} mode`] = await read(true, "roomGetWhitelistMode", room);
    snapshot[`${room} owner`] = await read(true, "roomGetOwner", room);
    snapshot[`${room} history`] = await read(true, "roomHistoryInfo", room);
    snapshot[`${room} messages`] = await read(true, "roomRecentHistory", room);
  }
  for (const user of users) {
    snapshot[`${user} whitelist`] = await read(user, "directGetAccessList", "whitelist");
    snapshot[`${user} blacklist`] = await read(user, "directGetAccessList", "blacklist");
    snapshot[`${user} mode`] = await read(user, "directGetWhitelistMode");
    snapshot[`${user} sockets`] = await read(user, "listOwnSockets");
  }
  return snapshot;
}

/** mulberry32: a tiny seeded PRNG, so that a failing fuzz run can be replayed exactly. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const unknownEvents = ["toString", "__proto__", "constructor", "hasOwnProperty", "valueOf", "roomjoin", "ROOMJOIN", "roomJoin ", "", "loginConfirmed", "roomMessageBefore", "__fence", "echo:alice"];

function fuzzer(seed: number) {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const controlString = () => Array.from({ length: 1 + int(8) }, () => String.fromCharCode(pick([0, 1, 9, 10, 13, 27, 31, 127, 0x3a, 0x7b, 0x7d, 0x41 + int(26)]))).join("");
  const strings = () =>
    pick([
      "honest", "alice", "bob", "mallory", "nowhere", "whitelist", "blacklist", "adminlist", "userlist", "__proto__", "constructor",
      "toString", "", ":", "{}", "a\u0000b", "\u007f", "echo:alice", controlString(), controlString(), "x".repeat(10_000), "é😀\u2028",
    ]);
  const numbers = () => pick([0, 1, -1, 1.5, -0.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 60), 1e308, NaN, Infinity, int(1000)]);
  const value = (depth: number): unknown => {
    switch (int(depth > 3 ? 5 : 9)) {
      case 0: return numbers();
      case 1: return strings();
      case 2: return random() < 0.5;
      case 3: return null;
      case 4: return pick([{ textMessage: strings() }, { textMessage: numbers() }, { textMessage: "x", author: "alice", id: 1 }]);
      case 5: return Array.from({ length: int(4) }, () => value(depth + 1));
      case 6: return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(["__proto__", "textMessage", "id", "a", strings()]), value(depth + 1)]));
      case 7: return Array.from({ length: 1 + int(4) }, strings);
      default: {
        let nested: unknown = pick([1, "deep", null]);
        for (let level = 0; level < 50; level++) nested = random() < 0.5 ? [nested] : { textMessage: nested };
        return nested;
      }
    }
  };
  const plausible = (kind: ArgumentKind): unknown => {
    switch (kind) {
      case "string": return strings();
      case "stringArray": return Array.from({ length: int(4) }, strings);
      case "boolean": return random() < 0.5;
      case "id": return random() < 0.7 ? int(50) : numbers();
      case "limit": return random() < 0.7 ? 1 + int(200) : numbers();
      case "message": return random() < 0.7 ? { textMessage: strings() } : value(0);
      case "any": return value(0);
    }
  };
  return {
    request(): [string, unknown[]] {
      const command = random() < 0.75 ? pick(commandNames) : pick(unknownEvents);
      if (!isCommandName(command) || random() < 0.4) return [command, Array.from({ length: int(5) }, () => value(0))];
      // Half of the real commands get arguments of the right shape, to reach past validation into the commands.
      const args = commandArguments[command].map((kind: ArgumentKind) => plausible(kind));
      if (args.length > 0 && random() < 0.2) args[int(args.length)] = value(0);
      if (random() < 0.2) args.push(value(0));
      return [command, args];
    },
  };
}

export function describeHostileInputPart2(harness: ChatHarness): void {
  describe("hostile input: transport limits and fuzzing", () => {
    it("drops a connection that sends a frame over the transport limit; other clients keep being served, nothing is stored", async () => {
      const cleaned = new Map<string, () => void>();
      const cleanup = (id: string) => new Promise<void>((resolve) => cleaned.set(id, resolve));
      const server = await harness({}, { onDisconnect: (_service, info) => cleaned.get(info.id)?.() });
      await server.service.addRoom("r");
      const alice = await server.connect("alice");
      const bob = await server.connect("bob");
      expectResult(await alice.request("roomJoin", "r"));
      expectResult(await bob.request("roomJoin", "r"));
      const aliceCleaned = cleanup(alice.id);
      let acked = false;
      void alice.request("roomMessage", "r", { textMessage: "x".repeat(1_100_000) }).then(() => (acked = true));
      expect(await alice.disconnected).not.toBe("io client disconnect");
      await aliceCleaned;
      expect(acked).toBe(false);
      await expectNone(server, bob, "roomMessage");
      const info = expectResult(await bob.request("roomHistoryInfo", "r")) as { lastMessageId: number; historySize: number };
      expect(info).toMatchObject({ lastMessageId: 0, historySize: 0 });
      expect(expectResult(await bob.request("roomGetAccessList", "r", "userlist"))).toEqual(["bob"]);
      expect(expectResult(await bob.request("roomMessage", "r", { textMessage: "still here" }))).toBe(1);
      expect((await bob.next("roomMessage"))[1]).toMatchObject({ textMessage: "still here", author: "bob", id: 1 });
      expect((await server.service.execUserCommand("alice", "listOwnSockets"))[0]).toEqual({});
      const again = await server.connect("alice");
      expect(Object.keys(expectResult(await again.request("listOwnSockets")) as object)).toEqual([again.id]);
    });

    it("survives 1000 seeded malformed requests while honest clients keep chatting; state only changes by honest actions", async () => {
      const server = await harness({ enableDirectMessages: true });
      const internalErrors: unknown[] = [];
      server.service.on("internalError", (error) => internalErrors.push(error));
      await server.service.addRoom("honest", { owner: "alice", whitelistOnly: true, whitelist: ["bob"] });
      const alice = await server.connect("alice");
      const bob = await server.connect("bob");
      expectResult(await alice.request("roomJoin", "honest"));
      expectResult(await bob.request("roomJoin", "honest"));
      expectResult(await alice.request("directAddToList", "blacklist", ["eve"]));
      const hostiles = [await server.connect("mallory"), await server.connect("trudy")];
      const connected = new Map<TestClient, boolean>(hostiles.map((client) => [client, true]));
      for (const client of hostiles) void client.disconnected.then(() => connected.set(client, false));

      const names = ["honest", "alice", "bob", "mallory", "trudy", "nowhere", "__proto__", "constructor", "toString", "", ":", "{}", "a\u0000b", "\u007f", "eve"];
      const watched = { users: ["alice", "bob"], rooms: ["honest"] };
      const before = (await snapshotState(server.service, watched.users, watched.rooms, names)) as Record<string, unknown>;
      const historyBefore = before["honest history"] as { lastMessageId: number };

      const fuzz = fuzzer(0xc0ffee);
      const replies: { command: string; args: unknown[]; reply: ReplyView }[] = [];
      const unknownAcks: string[] = [];
      const rounds = 20;
      const perRound = 50;
      for (let round = 0; round < rounds; round++) {
        const pending: Promise<void>[] = [];
        for (let n = 0; n < perRound; n++) {
          const [command, args] = fuzz.request();
          const reply = hostiles[n % hostiles.length]!.request(command, ...args);
          if (isCommandName(command)) pending.push(reply.then((view) => void replies.push({ command, args, reply: view })));
          else void reply.then(() => unknownAcks.push(command));
        }
        const honest = await Promise.all([
          alice.request("roomMessage", "honest", { textMessage: `a${round}` }),
          bob.request("roomMessage", "honest", { textMessage: `b${round}` }),
          bob.request("roomHistoryInfo", "honest"),
        ]);
        for (const reply of honest) expectResult(reply);
        await Promise.all(pending);
      }
      const realCount = replies.length;
      expect(realCount).toBeGreaterThan(600);
      // Every hostile client is still served; replies to unknown events would have come before these.
      for (const client of hostiles) {
        expect(Object.keys(expectResult(await client.request("listOwnSockets")) as object)).toEqual([client.id]);
        await server.fence(client);
        expect(connected.get(client)).toBe(true);
      }
      expect(unknownAcks).toEqual([]);
      expect(internalErrors).toEqual([]);
      const succeeded: string[] = [];
      for (const { command, args, reply } of replies) {
        if (reply.error === null) {
          succeeded.push(command);
          continue;
        }
        if (!reply.error.text.startsWith("ChatServiceError: ")) throw new Error(`${command}(${JSON.stringify(args).slice(0, 300)}) → ${reply.error.text.slice(0, 300)}`);
        expect(reply.error.text).not.toMatch(/TypeError|RangeError|Internal server error/);
      }
      const errorKinds = new Set(replies.map(({ reply }) => reply.error?.text.replace(/^ChatServiceError: (\w+ \w+).*$/s, "$1") ?? "ok"));
      // The run reached past validation into the commands' own checks.
      for (const kind of ["Bad argument", "Expected 1", "Expected 2", "Expected 3", "No such", "Action is", "Not joined", "ok"]) expect(errorKinds).toContain(kind);
      // Successes by chance are only commands that touch the hostile user's own state or read nothing shared.
      const harmless = new Set(["directAddToList", "directRemoveFromList", "directGetAccessList", "directGetWhitelistMode", "directSetWhitelistMode", "listOwnSockets", "systemMessage", "roomLeave", "directMessage"]);
      expect(succeeded.filter((command) => !harmless.has(command))).toEqual([]);

      // The honest exchange went through completely and in order.
      const received = alice.all("roomMessage").filter(([room]) => room === "honest").map(([, message]) => (message as { textMessage: string }).textMessage);
      expect(received.length).toBe(2 * rounds);
      for (let round = 0; round < rounds; round++) expect(received).toContain(`a${round}`);
      const history = expectResult(await alice.request("roomHistoryGet", "honest", historyBefore.lastMessageId, 100)) as { author: string }[];
      expect(history.length).toBe(2 * rounds);
      expect(new Set(history.map((message) => message.author))).toEqual(new Set(["alice", "bob"]));

      const after = (await snapshotState(server.service, watched.users, watched.rooms, names)) as Record<string, unknown>;
      const expected = {
        ...before,
        "honest history": { ...(before["honest history"] as object), historySize: 2 * rounds, lastMessageId: historyBefore.lastMessageId + 2 * rounds },
        "honest messages": after["honest messages"],
      };
      expect(after).toEqual(expected);
      // The server still answers everyone, and accepts new logins.
      const carol = await server.connect("carol");
      expect(expectResult(await carol.request("directGetWhitelistMode"))).toBe(false);
    });
  });
}
