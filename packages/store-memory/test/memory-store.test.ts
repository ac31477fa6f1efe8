import { roomInit } from "@chat/conformance";
import { jsonTextOf } from "@chat/core";
import { describe, expect, it } from "vitest";
import { memoryStore } from "../src/index.js";

describe("memoryStore options", () => {
  it("uses a lockTTL of 5000 ms by default", () => {
    expect(memoryStore().lockTTL).toBe(5000);
    expect(memoryStore({}).lockTTL).toBe(5000);
  });

  it("uses the lockTTL it is given, 0 included", () => {
    expect(memoryStore({ lockTTL: 250 }).lockTTL).toBe(250);
    expect(memoryStore({ lockTTL: 0 }).lockTTL).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, "5000", null])("refuses lockTTL %s, naming the package", (lockTTL) => {
    expect(() => memoryStore({ lockTTL: lockTTL as number })).toThrow(/^@chat\/store-memory: lockTTL/);
  });
});

describe("memoryStore shared by several instances", () => {
  it("gives every service holding the same object one state, as a cluster", async () => {
    const store = memoryStore();
    const [a, b] = ["instance-a", "instance-b"];
    await store.addRoom("lobby", roomInit());
    await store.ensureUser("alice");
    expect(await store.addSocket("alice", "s1", a)).toBe(1);
    expect(await store.addSocket("alice", "s2", b)).toBe(2);
    await store.joinSocket("alice", "s1", "lobby");
    expect(await store.joinSocket("alice", "s2", "lobby")).toEqual({ kind: "joined", njoined: 2, changed: true });
    expect(await store.getInstanceSockets(a)).toEqual({ s1: "alice" });
    expect(await store.getInstanceSockets(b)).toEqual({ s2: "alice" });

    // Instance a goes away; b prunes what a left behind and keeps its own socket.
    expect(await store.pruneUserSockets("alice", a, [])).toEqual(["s1"]);
    expect(await store.getUserRoomSockets("alice", "lobby")).toEqual(["s2"]);
    expect(await store.getRoomList("lobby", "userlist")).toEqual(["alice"]);
    expect(await store.getDirectAccess("alice", null)).toMatchObject({ nconnected: 1 });
  });

  it("close() leaves the state to the other services", async () => {
    const store = memoryStore();
    await store.ensureUser("bob");
    await store.close();
    expect(await store.hasUser("bob")).toBe(true);
    await store.addRoom("after-close", roomInit());
    expect(await store.hasRoom("after-close")).toBe(true);
  });

  it("keeps separate stores apart", async () => {
    const [one, two] = [memoryStore(), memoryStore()];
    await one.ensureUser("carol");
    expect(await two.hasUser("carol")).toBe(false);
  });
});

describe("memoryStore internals worth pinning", () => {
  it("keeps nested binary values by reference, as chat-service 1.0's memory store did", async () => {
    const store = memoryStore();
    await store.addRoom("r", roomInit());
    const data = Buffer.from([1, 2, 3]);
    await store.appendMessage("r", { textMessage: "x", timestamp: 1, data });
    const [stored] = (await store.getRecentMessages("r", 1))!;
    expect(stored!.data).toBe(data);
  });

  it("marks every page without binary data with its JSON text, made once per message", async () => {
    const store = memoryStore();
    await store.addRoom("r", roomInit());
    await store.appendMessage("r", { textMessage: "one", timestamp: 1, nested: { n: 1 } });
    await store.appendMessage("r", { textMessage: "two", timestamp: 2 });
    const first = (await store.getMessagesAfter("r", 0, 10))!;
    expect(jsonTextOf(first)).toBe(JSON.stringify(first));
    // A copy handed out may be changed; the stored message, and so its text, may not.
    first[1]!.textMessage = "changed by a reader";
    const recent = (await store.getRecentMessages("r", 10))!;
    expect(jsonTextOf(recent)).toBe(JSON.stringify(recent));
    expect(recent[1]!.textMessage).toBe("one");
    expect(jsonTextOf(await store.getRecentMessages("r", 0))).toBe("[]");
  });

  it("registering a known socket id again moves it to the new owner and instance", async () => {
    const store = memoryStore();
    await store.addRoom("r", roomInit());
    await store.addSocket("u1", "s", "i1");
    await store.joinSocket("u1", "s", "r");
    expect(await store.addSocket("u2", "s", "i2")).toBe(1);
    expect(await store.getSocket("s")).toEqual({ userName: "u2", instanceUID: "i2" });
    expect(await store.getUserSockets("u1")).toEqual({});
    expect(await store.getInstanceSockets("i1")).toEqual({});
    expect(await store.getRoomList("r", "userlist")).toEqual([]);
  });
});
