/**
 * `storeConsistencyFailure` and `transportConsistencyFailure` (PROTOCOL.md §7.2–§7.4, §14.1): when a presence
 * update fails, the service reports it and carries on. Each test gives the service the real memory store or
 * socket.io transport with one method that fails, as a store or transport does when its backend breaks.
 */
import type { Store, Transport } from "@chat/core";
import { Collector } from "@chat/conformance";
import { memoryStore } from "@chat/store-memory";
import { afterEach, describe, expect, it } from "vitest";
import { closeNodes, startNode } from "./helpers/chat-nodes.js";

afterEach(closeNodes);

const broken = new Error("backend unreachable");

/** The memory store with `method` failing. `memoryStore()` is a plain object of closures, so a spread copy is it. */
function storeFailing(method: "removeSocket" | "removeUserFromRoom" | "leaveSocket"): Store {
  return { ...memoryStore(), [method]: () => Promise.reject(broken) };
}

type Failure = [error: unknown, info: unknown];

describe("storeConsistencyFailure", () => {
  it("reports a socket whose disconnect clean-up failed; onDisconnect then gets only the id", async () => {
    const disconnects = new Collector<unknown>();
    const node = await startNode({ store: storeFailing("removeSocket") }, { onDisconnect: async (_service, info) => disconnects.listener(info) });
    const failures = new Collector<Failure>();
    node.service.on("storeConsistencyFailure", (error, info) => failures.listener([error, info]));
    const alice = await node.login("alice");
    alice.socket.disconnect();

    expect(await failures.waitFor((items) => items.length > 0)).toEqual([[broken, { userName: "alice", id: alice.id, opType: "userSockets" }]]);
    expect(await disconnects.waitFor((items) => items.length > 0)).toEqual([{ id: alice.id }]);
  });

  it("reports a removal on access loss that the store failed, and the command still succeeds", async () => {
    const node = await startNode({ store: storeFailing("removeUserFromRoom") });
    const failures = new Collector<Failure>();
    node.service.on("storeConsistencyFailure", (error, info) => failures.listener([error, info]));
    await node.service.addRoom("club", { owner: "owner" });
    const owner = await node.login("owner");
    const dave = await node.login("dave");
    expect(await dave.request("roomJoin", "club")).toEqual([null, 1]);

    expect(await owner.request("roomAddToList", "club", "blacklist", ["dave"])).toEqual([null, null]);
    expect(await failures.waitFor((items) => items.length > 0)).toEqual([[broken, { userName: "dave", roomName: "club", opType: "roomUserlist" }]]);
  });

  it("reports a rejected join that could not be rolled back in the store", async () => {
    const node = await startNode(
      { store: storeFailing("leaveSocket") },
      {
        onJoin: async () => {
          throw new Error("not today");
        },
      },
    );
    const failures = new Collector<Failure>();
    node.service.on("storeConsistencyFailure", (error, info) => failures.listener([error, info]));
    await node.service.addRoom("lobby");
    const alice = await node.login("alice");

    const [error] = await alice.request("roomJoin", "lobby");
    expect(error).not.toBeNull();
    expect(failures.items).toEqual([[broken, { userName: "alice", roomName: "lobby", opType: "userRooms" }]]);
  });
});

describe("transportConsistencyFailure", () => {
  it("reports a socket the transport failed to take out of a room's channel, and the leave still succeeds", async () => {
    // The real transport, except that taking a socket out of "lobby" fails.
    const failingLeave = (transport: Transport): Transport => ({
      ...transport,
      leaveChannel(socketId, channel) {
        if (channel === "lobby") throw broken;
        transport.leaveChannel(socketId, channel);
      },
    });
    const node = await startNode({ store: memoryStore() }, {}, failingLeave);
    const failures = new Collector<Failure>();
    node.service.on("transportConsistencyFailure", (error, info) => failures.listener([error, info]));
    await node.service.addRoom("lobby");
    const alice = await node.login("alice");
    expect(await alice.request("roomJoin", "lobby")).toEqual([null, 1]);

    expect(await alice.request("roomLeave", "lobby")).toEqual([null, 0]);
    expect(failures.items).toEqual([[broken, { userName: "alice", roomName: "lobby", id: alice.id, opType: "transportChannel" }]]);
  });

  it("reports a removed socket the transport failed to take out of the channel; the user is still told and removed", async () => {
    const failingLeave = (transport: Transport): Transport => ({
      ...transport,
      leaveChannel(socketId, channel) {
        if (channel === "club") throw broken;
        transport.leaveChannel(socketId, channel);
      },
    });
    const node = await startNode({ store: memoryStore() }, {}, failingLeave);
    const failures = new Collector<Failure>();
    node.service.on("transportConsistencyFailure", (error, info) => failures.listener([error, info]));
    await node.service.addRoom("club", { owner: "owner" });
    const owner = await node.login("owner");
    const dave = await node.login("dave");
    expect(await dave.request("roomJoin", "club")).toEqual([null, 1]);

    expect(await owner.request("roomAddToList", "club", "blacklist", ["dave"])).toEqual([null, null]);
    await dave.received("roomAccessRemoved", "club");
    expect(failures.items).toEqual([[broken, { userName: "dave", roomName: "club", id: dave.id, opType: "transportChannel" }]]);
    expect(await node.service.roomHasInList("club", "userlist", "dave")).toBe(false);
  });
});
