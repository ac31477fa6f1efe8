/**
 * Dead-instance detection (PROTOCOL.md §0, "Added"): a live instance finds an instance whose heartbeat is older
 * than `heartbeatTimeout` and cleans up its sockets as disconnects would, without anyone calling
 * `instanceRecovery`; exactly one live instance does it.
 *
 * A dead instance is written into the shared store as a crashed one leaves it: a heartbeat that stopped, and
 * sockets in its registry joined to rooms. The live instances are real services with real socket.io clients.
 */
import { randomBytes } from "node:crypto";
import { memoryBus, type Store } from "@chat/core";
import { Collector } from "@chat/conformance";
import { memoryStore } from "@chat/store-memory";
import { afterEach, describe, expect, it } from "vitest";
import { closeNodes, startNode, type ChatNode } from "./helpers/chat-nodes.js";

afterEach(closeNodes);

const timing = { heartbeatRate: 50, heartbeatTimeout: 200 };
/** Room for the event loop and the socket round trip on a busy test machine. */
const slack = 200;
/** The user part of the store lock that guards a dead instance's clean-up (see the core README). */
const reaperLockUser = "\u0000instance";

/**
 * Writes a crashed instance into the store: for each user, one socket joined to the given rooms, then the last
 * heartbeat (written last so that no sweep sees the instance half made).
 */
async function deadInstance(store: Store, lastHeartbeat: number, sockets: Record<string, string[]>) {
  const instanceUID = `dead-${randomBytes(6).toString("hex")}`;
  const socketIds: Record<string, string> = {};
  for (const [userName, rooms] of Object.entries(sockets)) {
    const socketId = `${instanceUID}-${userName}`;
    socketIds[userName] = socketId;
    await store.ensureUser(userName);
    await store.addSocket(userName, socketId, instanceUID);
    for (const roomName of rooms) expect((await store.joinSocket(userName, socketId, roomName)).kind).toBe("joined");
  }
  await store.setInstanceHeartbeat(instanceUID, lastHeartbeat);
  return { instanceUID, socketIds };
}

type NodeName = "a" | "b";
type StoreCall =
  | { node: NodeName; method: "listInstances"; at: number }
  | { node: NodeName; method: "acquireLock"; instanceUID: string; taken: boolean; at: number };

/**
 * The real store, reporting each service's sweeps (`listInstances`) and dead-instance lock attempts to `calls`.
 * `memoryStore()` is a plain object of closures, so a spread copy is the same store with two methods wrapped.
 */
function watchedStore(store: Store, node: NodeName, calls: Collector<StoreCall>): Store {
  return {
    ...store,
    async listInstances() {
      calls.listener({ node, method: "listInstances", at: Date.now() });
      return store.listInstances();
    },
    async acquireLock(userName, roomName, token, ttl) {
      const taken = await store.acquireLock(userName, roomName, token, ttl);
      if (userName === reaperLockUser) calls.listener({ node, method: "acquireLock", instanceUID: roomName, taken, at: Date.now() });
      return taken;
    },
  };
}

/** Two instances of one cluster on a watched memory store, with a room "lobby" that sends userlist updates. */
async function twoInstances() {
  const store = memoryStore();
  const bus = memoryBus();
  const calls = new Collector<StoreCall>();
  const recovered = new Collector<[node: NodeName, instanceUID: string, sockets: number]>();
  const nodes: Record<NodeName, ChatNode> = {
    a: await startNode({ store: watchedStore(store, "a", calls), bus, enableUserlistUpdates: true, ...timing }),
    b: await startNode({ store: watchedStore(store, "b", calls), bus, enableUserlistUpdates: true, ...timing }),
  };
  for (const node of ["a", "b"] as const) {
    nodes[node].service.on("instanceRecovered", (instanceUID, sockets) => recovered.listener([node, instanceUID, sockets]));
  }
  await nodes.a.service.addRoom("lobby");
  /** Resolves once each service has started `count` sweeps after `since` (so all but its last have finished). */
  const sweepsAfter = (since: number, count: number) =>
    calls.waitFor((items) =>
      (["a", "b"] as const).every((node) => items.filter((c) => c.node === node && c.method === "listInstances" && c.at > since).length >= count),
    );
  return { store, calls, recovered, sweepsAfter, ...nodes };
}

describe("dead-instance detection", () => {
  it("cleans up a dead instance's sockets once its heartbeat is heartbeatTimeout old, as disconnects would", async () => {
    const { store, recovered, a } = await twoInstances();
    const alice = await a.login("alice");
    const bob = await a.login("bob");
    expect(await alice.request("roomJoin", "lobby")).toEqual([null, 1]);
    expect(await bob.request("roomJoin", "lobby")).toEqual([null, 1]);

    // ghost was only on the dead instance; bob also has a live socket on a.
    const lastHeartbeat = Date.now();
    const dead = await deadInstance(store, lastHeartbeat, { ghost: ["lobby"], bob: ["lobby"] });

    await alice.received("roomUserLeft", "lobby", "ghost");
    const elapsed = Date.now() - lastHeartbeat;
    expect(elapsed).toBeGreaterThan(timing.heartbeatTimeout);
    expect(elapsed).toBeLessThan(timing.heartbeatTimeout + timing.heartbeatRate + slack);
    await bob.received("roomLeftEcho", "lobby", dead.socketIds.bob, 1);
    await bob.received("socketDisconnectEcho", dead.socketIds.bob, 1);
    await recovered.waitFor((items) => items.length > 0);
    expect(recovered.items.map(([, instanceUID, sockets]) => [instanceUID, sockets])).toEqual([[dead.instanceUID, 2]]);

    const [error, userlist] = await alice.request("roomGetAccessList", "lobby", "userlist");
    expect(error).toBeNull();
    expect((userlist as string[]).sort()).toEqual(["alice", "bob"]);
    expect(await store.getUserSockets("ghost")).toEqual({});
    expect(await store.getUserSockets("bob")).toEqual({ [bob.id]: a.service.instanceUID });
    expect(await store.getInstanceSockets(dead.instanceUID)).toEqual({});
    expect(await store.listInstances()).not.toHaveProperty([dead.instanceUID]);
    // bob kept a socket in the room: he did not leave it.
    await alice.flush();
    expect(alice.all("roomUserLeft")).toEqual([["lobby", "ghost"]]);
  });

  it("never cleans up a live instance, however long it has been running", async () => {
    const { store, recovered, sweepsAfter, a, b } = await twoInstances();
    const alice = await a.login("alice");
    const bob = await b.login("bob");
    expect(await alice.request("roomJoin", "lobby")).toEqual([null, 1]);
    expect(await bob.request("roomJoin", "lobby")).toEqual([null, 1]);
    const dead = await deadInstance(store, Date.now(), { ghost: ["lobby"] });

    // From `since` on, an instance that had stopped beating now would look dead; a sweep started later and
    // finished (the next one started: sweeps never overlap) has judged both live instances.
    const since = Date.now() + timing.heartbeatTimeout;
    await sweepsAfter(since, 2);
    expect(recovered.items.map(([, instanceUID]) => instanceUID)).toEqual([dead.instanceUID]);
    expect(await store.getInstanceSockets(b.service.instanceUID)).toEqual({ [bob.id]: "bob" });
    expect(await store.getInstanceSockets(a.service.instanceUID)).toEqual({ [alice.id]: "alice" });
    expect(Object.keys(await store.listInstances()).sort()).toEqual([a.service.instanceUID, b.service.instanceUID].sort());
    await alice.flush();
    expect(alice.all("roomUserLeft")).toEqual([["lobby", "ghost"]]);
  });

  it("lets exactly one of two live instances clean up a dead one, holding the lock however long it takes", async () => {
    const { store, calls, recovered, sweepsAfter, a, b } = await twoInstances();
    const alice = await a.login("alice");
    const carol = await b.login("carol");
    expect(await alice.request("roomJoin", "lobby")).toEqual([null, 1]);
    expect(await carol.request("roomJoin", "lobby")).toEqual([null, 1]);
    // While the test holds ghost's lock in lobby, the winner's clean-up waits for it; meanwhile the other instance
    // keeps sweeping and must be refused, also after the dead-instance lock's TTL (heartbeatTimeout) has passed.
    expect(await store.acquireLock("ghost", "lobby", "held-by-test", 60_000)).toBe(true);
    const dead = await deadInstance(store, Date.now() - 10 * timing.heartbeatTimeout, { ghost: ["lobby"] });

    const attempts = (items: readonly StoreCall[]) =>
      items.filter((c): c is Extract<StoreCall, { method: "acquireLock" }> => c.method === "acquireLock" && c.instanceUID === dead.instanceUID);
    const winner = attempts(await calls.waitFor((items) => attempts(items).some((c) => c.taken))).find((c) => c.taken)!;
    const renewedLongEnough = winner.at + timing.heartbeatTimeout + timing.heartbeatRate;
    const contested = await calls.waitFor((items) => attempts(items).some((c) => c.node !== winner.node && (c.taken || c.at > renewedLongEnough)));
    expect(attempts(contested).filter((c) => c.node !== winner.node && c.taken)).toEqual([]);
    expect(recovered.items).toEqual([]);
    await store.releaseLock("ghost", "lobby", "held-by-test");

    await alice.received("roomUserLeft", "lobby", "ghost");
    await carol.received("roomUserLeft", "lobby", "ghost");
    await recovered.waitFor((items) => items.length > 0);
    // Any sweep that listed the dead instance before it was removed has finished by the second one after.
    await sweepsAfter(Date.now(), 2);
    expect(recovered.items).toEqual([[winner.node, dead.instanceUID, 1]]);
    await alice.flush();
    await carol.flush();
    expect(alice.all("roomUserLeft")).toEqual([["lobby", "ghost"]]);
    expect(carol.all("roomUserLeft")).toEqual([["lobby", "ghost"]]);
  });

  it("reports a failed sweep with internalError and keeps sweeping", async () => {
    const store = memoryStore();
    let failures = 1;
    const flaky: Store = {
      ...store,
      async listInstances() {
        if (failures-- > 0) throw new Error("store unreachable");
        return store.listInstances();
      },
    };
    const node = await startNode({ store: flaky, enableUserlistUpdates: true, ...timing });
    const errors = new Collector<[error: unknown, context: unknown]>();
    node.service.on("internalError", (error, context) => errors.listener([error, context]));
    const recovered = new Collector<[instanceUID: string, sockets: number]>();
    node.service.on("instanceRecovered", (instanceUID, sockets) => recovered.listener([instanceUID, sockets]));
    const dead = await deadInstance(store, 0, {});

    const [[error, context]] = await errors.waitFor((items) => items.length > 0);
    expect(context).toEqual({ command: "instanceRecovery" });
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("@chat/core: dead-instance detection failed listing instances");
    expect(((error as Error).cause as Error).message).toBe("store unreachable");
    expect(await recovered.waitFor((items) => items.length > 0)).toEqual([[dead.instanceUID, 0]]);
  });

  it("stops sweeping at close(), and a cleanly closed instance leaves no heartbeat to recover", async () => {
    const { store, calls, recovered, a, b } = await twoInstances();
    const alice = await a.login("alice");
    expect(await alice.request("roomJoin", "lobby")).toEqual([null, 1]);
    await a.service.close();
    const closedAt = Date.now();
    expect(await store.listInstances()).not.toHaveProperty([a.service.instanceUID]);

    // b keeps the time: while it sweeps three more times, a would have swept too had its timer survived.
    await calls.waitFor((items) => items.filter((c) => c.node === "b" && c.method === "listInstances" && c.at > closedAt).length >= 3);
    expect(calls.items.filter((c) => c.node === "a" && c.at > closedAt)).toEqual([]);
    expect(recovered.items).toEqual([]);
    expect(await store.getInstanceSockets(a.service.instanceUID)).toEqual({});
    expect(Object.keys(await store.listInstances())).toEqual([b.service.instanceUID]);
  });
});
