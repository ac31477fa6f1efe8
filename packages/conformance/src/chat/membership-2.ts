/**
 * Membership, part 2: room messages (PROTOCOL.md §8.19, §10), disconnects (§7.3, §13 onLeave/onDisconnect),
 * `disconnectUserSockets` and a disconnect racing a join (§0 Fixed row 18).
 * @module
 */
import type { DisconnectInfo, JoinLeaveInfo } from "@chat/core";
import { describe, expect, it } from "vitest";
import { expectError, expectNone, expectResult, type ChatHarness, type TestClient, type TestServer } from "./harness.js";

/** The room's userlist, read server side. */
export async function userlist(server: TestServer, roomName: string): Promise<string[]> {
  const [list] = await server.service.execUserCommand(true, "roomGetAccessList", roomName, "userlist");
  return list as string[];
}

/** Records hook calls (copies of their info argument). */
export function recorder<T extends object>(): { calls: T[]; hook: (service: unknown, info: T) => void } {
  const calls: T[] = [];
  return { calls, hook: (_service, info) => void calls.push({ ...info }) };
}

/** Where the first notification named `event` sits in what `client` received (-1 if none). */
export function position(client: TestClient, event: string, ...leadingArgs: unknown[]): number {
  return client.received.findIndex(([name, ...args]) => name === event && leadingArgs.every((value, index) => args[index] === value));
}

/** `onDisconnect` recorder that lets a test wait for a socket's cleanup. */
function disconnectWatcher() {
  const infos = new Map<string, DisconnectInfo>();
  const waiters = new Map<string, (info: DisconnectInfo) => void>();
  return {
    hook: (_service: unknown, info: DisconnectInfo) => {
      infos.set(info.id, { ...info });
      waiters.get(info.id)?.(infos.get(info.id)!);
    },
    wait(id: string): Promise<DisconnectInfo> {
      const known = infos.get(id);
      return known ? Promise.resolve(known) : new Promise((resolve) => waiters.set(id, resolve));
    },
  };
}

export function describeMembership2(harness: ChatHarness): void {
  describe("roomMessage", () => {
    it("numbers messages 1, 2, 3 per room and delivers them to every joined socket only", async () => {
      const server = await harness();
      await server.service.addRoom("r");
      await server.service.addRoom("s");
      const a1 = await server.connect("alice");
      const a2 = await server.connect("alice");
      const bob = await server.connect("bob");
      const carol = await server.connect("carol");
      for (const [client, room] of [[a1, "r"], [bob, "r"], [carol, "s"]] as const) expectResult(await client.request("roomJoin", room));

      expect(expectResult(await a1.request("roomMessage", "r", { textMessage: "one" }))).toBe(1);
      expect(expectResult(await bob.request("roomMessage", "r", { textMessage: "two" }))).toBe(2);
      expect(expectResult(await carol.request("roomMessage", "s", { textMessage: "other" }))).toBe(1);
      // a2 is not joined, but alice is (through a1): user-level membership lets it post.
      expect(expectResult(await a2.request("roomMessage", "r", { textMessage: "three" }))).toBe(3);

      const texts = (client: TestClient, room: string) =>
        client.all("roomMessage").filter(([name]) => name === room).map(([, message]) => (message as { textMessage: string; id: number }));
      for (const client of [a1, bob]) {
        await server.fence(client);
        expect(texts(client, "r").map((m) => [m.textMessage, m.id])).toEqual([["one", 1], ["two", 2], ["three", 3]]);
      }
      expect(texts(a1, "r")[2]).toMatchObject({ author: "alice" });
      expect(texts(bob, "r")[1]).toMatchObject({ author: "bob" });
      // The sender's unjoined socket and a member of another room get nothing of room r.
      await expectNone(server, a2, "roomMessage");
      await expectNone(server, carol, "roomMessage", "r");
      await expectNone(server, bob, "roomMessage", "s");

      // History returns exactly what was broadcast.
      const broadcast = texts(bob, "r");
      expect(expectResult(await bob.request("roomRecentHistory", "r"))).toEqual([...broadcast].reverse());
      expect(expectResult(await a2.request("roomHistoryGet", "r", 0, 10))).toEqual([...broadcast].reverse());
      expect(expectResult(await bob.request("roomHistoryGet", "r", 1, 1))).toEqual([broadcast[1]]);
    });

    it("refuses non-members with notJoined, even the owner and admins, and unknown rooms with noRoom", async () => {
      const server = await harness();
      await server.service.addRoom("r", { owner: "olga", adminlist: ["adam"] });
      const bob = await server.connect("bob");
      expectResult(await bob.request("roomJoin", "r"));
      for (const name of ["carol", "olga", "adam"]) {
        const client = await server.connect(name);
        expectError(await client.request("roomMessage", "r", { textMessage: "hi" }), "notJoined", "r");
      }
      expectError(await bob.request("roomMessage", "nowhere", { textMessage: "hi" }), "noRoom", "nowhere");
      await expectNone(server, bob, "roomMessage");
      expect((await server.service.execUserCommand(true, "roomHistoryInfo", "r"))[0]).toMatchObject({ lastMessageId: 0, historySize: 0 });
    });

    it("overwrites the reserved fields id, timestamp and author (custom format via roomMessagesChecker)", async () => {
      const server = await harness({}, { roomMessagesChecker: () => undefined });
      await server.service.addRoom("r");
      const alice = await server.connect("alice");
      const bob = await server.connect("bob");
      expectResult(await alice.request("roomJoin", "r"));
      expectResult(await bob.request("roomJoin", "r"));
      const before = Date.now();
      const input = { textMessage: "hi", id: 99, timestamp: 5, author: "mallory", extra: { nested: [1, 2] } };
      expect(await alice.request("roomMessage", "r", input)).toEqual({ error: null, results: [1] });
      const [room, message] = await bob.next("roomMessage");
      expect(room).toBe("r");
      expect(message).toEqual({ textMessage: "hi", extra: { nested: [1, 2] }, author: "alice", timestamp: expect.any(Number), id: 1 });
      expect(message.timestamp).toBeGreaterThanOrEqual(before);
      expect((await alice.next("roomMessage"))[1]).toEqual(message);
      expect(expectResult(await bob.request("roomRecentHistory", "r"))).toEqual([message]);
    });
  });

  describe("disconnect", () => {
    it("cleans a joined socket: echoes, roomUserLeft only for the last socket, onLeave and onDisconnect", async () => {
      const leaves = recorder<JoinLeaveInfo>();
      const watcher = disconnectWatcher();
      const server = await harness({ enableUserlistUpdates: true }, { onLeave: leaves.hook, onDisconnect: watcher.hook });
      await server.service.addRoom("r");
      await server.service.addRoom("s");
      const a1 = await server.connect("alice");
      const a2 = await server.connect("alice");
      const bob = await server.connect("bob");
      const carol = await server.connect("carol");
      for (const [client, room] of [[bob, "r"], [bob, "s"], [a1, "r"], [a1, "s"], [a2, "r"]] as const) {
        expectResult(await client.request("roomJoin", room));
      }
      const before = Date.now();

      await a1.disconnect();
      await server.fence(a2);
      expect(a2.all("roomLeftEcho").sort()).toEqual([["r", a1.id, 1], ["s", a1.id, 0]]);
      expect(a2.all("socketDisconnectEcho")).toEqual([[a1.id, 1]]);
      expect(position(a2, "roomLeftEcho")).toBeLessThan(position(a2, "socketDisconnectEcho"));
      expect(await bob.next("roomUserLeft")).toEqual(["s", "alice"]);
      await expectNone(server, bob, "roomUserLeft", "r");
      await expectNone(server, a2, "roomUserLeft");
      await expectNone(server, carol, "roomUserLeft");
      await expectNone(server, bob, "roomLeftEcho");
      await expectNone(server, bob, "socketDisconnectEcho");

      const info = await watcher.wait(a1.id);
      expect(info.id).toBe(a1.id);
      expect(info.nconnected).toBe(1);
      const pairs = info.roomsRemoved!.map((room, index) => [room, info.joinedSockets![index]]);
      expect(pairs.sort()).toEqual([["r", 1], ["s", 0]]);
      expect([...leaves.calls].sort((x, y) => x.roomName.localeCompare(y.roomName))).toEqual([
        { id: a1.id, roomName: "r", njoined: 1 },
        { id: a1.id, roomName: "s", njoined: 0 },
      ]);
      expect((await userlist(server, "r")).sort()).toEqual(["alice", "bob"]);
      expect(await userlist(server, "s")).toEqual(["bob"]);
      const seen = expectResult(await bob.request("roomUserSeen", "s", "alice")) as { joined: boolean; timestamp: number };
      expect(seen.joined).toBe(false);
      expect(seen.timestamp).toBeGreaterThanOrEqual(before);
      expect(expectResult(await a2.request("listOwnSockets"))).toEqual({ [a2.id]: ["r"] });

      await a2.disconnect();
      expect(await bob.next("roomUserLeft")).toEqual(["r", "alice"]);
      expect(await watcher.wait(a2.id)).toEqual({ id: a2.id, roomsRemoved: ["r"], joinedSockets: [0], nconnected: 0 });
      expect(leaves.calls.at(-1)).toEqual({ id: a2.id, roomName: "r", njoined: 0 });
      expect(await userlist(server, "r")).toEqual(["bob"]);
    });

    it("disconnectUserSockets disconnects every socket of the user, and only those", async () => {
      const watcher = disconnectWatcher();
      const server = await harness({ enableUserlistUpdates: true }, { onDisconnect: watcher.hook });
      await server.service.addRoom("r");
      const a1 = await server.connect("alice");
      const a2 = await server.connect("alice");
      const bob = await server.connect("bob");
      expectResult(await a1.request("roomJoin", "r"));
      expectResult(await bob.request("roomJoin", "r"));

      server.service.disconnectUserSockets("alice");
      expect(await a1.disconnected).toBe("io server disconnect");
      expect(await a2.disconnected).toBe("io server disconnect");
      await watcher.wait(a1.id);
      await watcher.wait(a2.id);
      expect(await bob.next("roomUserLeft")).toEqual(["r", "alice"]);
      expect(await userlist(server, "r")).toEqual(["bob"]);
      expect(expectResult(await bob.request("listOwnSockets"))).toEqual({ [bob.id]: ["r"] });
      const other = await server.connect("alice");
      expect(expectResult(await other.request("listOwnSockets"))).toEqual({ [other.id]: [] });
    });

    it("a disconnect racing a join of the same socket leaves no ghost (Fixed row 18)", async () => {
      const server = await harness({ enableUserlistUpdates: true });
      await server.service.addRoom("r");
      const a1 = await server.connect("alice");
      for (let round = 0; round < 5; round++) {
        const racer = await server.connect("alice");
        racer.send("roomJoin", "r");
        await racer.disconnect();
        expect(await userlist(server, "r")).not.toContain("alice");
        expect(expectResult(await a1.request("listOwnSockets"))).toEqual({ [a1.id]: [] });
        // The lock of (alice, r) is free and no ghost socket counts: a1 is alone in the room.
        expect(expectResult(await a1.request("roomJoin", "r"))).toBe(1);
        expect(expectResult(await a1.request("roomLeave", "r"))).toBe(0);
        expect(await userlist(server, "r")).toEqual([]);
      }
    });

    it("a join waiting for the user's room lock while its socket disconnects fails and leaves no ghost", async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      let started!: () => void;
      const racerStarted = new Promise<void>((resolve) => (started = resolve));
      let finished!: (error: unknown) => void;
      const racerFinished = new Promise<unknown>((resolve) => (finished = resolve));
      let holder = "";
      let racerId = "";
      const server = await harness({ enableUserlistUpdates: true }, {
        onJoin: async (_service, { id }) => {
          if (id !== holder) return;
          holding();
          await gate;
        },
        roomJoinBefore: ({ id }) => void (id === racerId && started()),
        roomJoinAfter: ({ id, error }) => void (id === racerId && finished(error)),
      });
      await server.service.addRoom("r");
      const a1 = await server.connect("alice");
      const racer = await server.connect("alice");
      holder = a1.id;
      racerId = racer.id;
      const first = a1.request("roomJoin", "r");
      await held;
      racer.send("roomJoin", "r");
      await racerStarted;
      await racer.disconnect();
      release();
      expect(expectResult(await first)).toBe(1);
      expect(String(await racerFinished)).toBe(`ChatServiceError: Socket ${racer.id} is not connected`);
      expect(await userlist(server, "r")).toEqual(["alice"]);
      expect(expectResult(await a1.request("listOwnSockets"))).toEqual({ [a1.id]: ["r"] });
      expect(expectResult(await a1.request("roomLeave", "r"))).toBe(0);
      expect(await userlist(server, "r")).toEqual([]);
      await expectNone(server, a1, "roomJoinedEcho");
    });

    it("a socket disconnected during its own onJoin ends up fully cleaned", async () => {
      const watcher = disconnectWatcher();
      let victim = "";
      const server = await harness({ enableUserlistUpdates: true }, {
        onDisconnect: watcher.hook,
        onJoin: (service, { id }) => {
          if (id === victim) service.transport.disconnectSocket(id);
        },
      });
      await server.service.addRoom("r");
      const a1 = await server.connect("alice");
      const bob = await server.connect("bob");
      expectResult(await bob.request("roomJoin", "r"));
      const racer = await server.connect("alice");
      victim = racer.id;
      racer.send("roomJoin", "r");
      expect(await racer.disconnected).toBe("io server disconnect");
      await watcher.wait(racer.id);
      await server.fence(bob);
      // Whatever the join managed before the cleanup, bob saw alice leave as often as join.
      expect(bob.all("roomUserLeft").filter(([, user]) => user === "alice").length).toBe(bob.all("roomUserJoined").filter(([, user]) => user === "alice").length);
      expect(await userlist(server, "r")).toEqual(["bob"]);
      expect(expectResult(await a1.request("listOwnSockets"))).toEqual({ [a1.id]: [] });
      expect(expectResult(await a1.request("roomJoin", "r"))).toBe(1);
      expect(await a1.next("socketDisconnectEcho")).toEqual([racer.id, 1]);
    });
  });
}
