/**
 * Several service instances sharing one store and one bus behave as one service: fan-out, echoes, removals and
 * direct messages cross instances through the bus, each transport serving only its own sockets.
 */
import { expectError, expectNone, expectResult } from "@chat/conformance";
import { afterEach, describe, expect, it } from "vitest";
import { socketIoHarness } from "./chat/socket-io-harness.js";

const { cluster, closeAll } = socketIoHarness();
afterEach(closeAll);

describe("a cluster of instances on one store and bus", () => {
  it("delivers room messages and presence across instances, once each", async () => {
    const [a, b] = await cluster(2, { enableUserlistUpdates: true });
    await a!.service.addRoom("lobby");
    const alice = await a!.connect("alice");
    const bob = await b!.connect("bob");
    expectResult(await alice.request("roomJoin", "lobby"));
    expectResult(await bob.request("roomJoin", "lobby"));
    expect(await alice.next("roomUserJoined")).toEqual(["lobby", "alice"]);
    expect(await alice.next("roomUserJoined")).toEqual(["lobby", "bob"]);

    for (let i = 1; i <= 20; i++) expect(expectResult(await (i % 2 ? alice : bob).request("roomMessage", "lobby", { textMessage: `m${i}` }))).toBe(i);
    await b!.fence(bob);
    await a!.fence(alice);
    for (const client of [alice, bob]) {
      const ids = client.all("roomMessage").map(([, message]) => (message as { id: number }).id);
      expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    }

    await bob.disconnect();
    expect(await alice.next("roomUserLeft")).toEqual(["lobby", "bob"]);
  });

  it("echoes to the user's sockets on other instances", async () => {
    const [a, b] = await cluster(2);
    await a!.service.addRoom("lobby");
    const here = await a!.connect("carol");
    const there = await b!.connect("carol");
    expect(await here.next("socketConnectEcho")).toEqual([there.id, 2]);
    expectResult(await there.request("roomJoin", "lobby"));
    expect(await here.next("roomJoinedEcho")).toEqual(["lobby", there.id, 1]);
    expect(Object.keys(expectResult(await here.request("listOwnSockets")) as object).sort()).toEqual([here.id, there.id].sort());
    expectResult(await there.request("systemMessage", { ping: 1 }));
    expect(await here.next("systemMessage")).toEqual([{ ping: 1 }]);
    await expectNone(b!, there, "systemMessage");
  });

  it("removes a user who lost access from the channel of the instance holding its socket", async () => {
    const [a, b] = await cluster(2);
    await a!.service.addRoom("club", { owner: "owner" });
    const owner = await a!.connect("owner");
    const dave = await b!.connect("dave");
    expectResult(await owner.request("roomJoin", "club"));
    expectResult(await dave.request("roomJoin", "club"));
    expectResult(await owner.request("roomAddToList", "club", "blacklist", ["dave"]));
    expect(await dave.next("roomAccessRemoved")).toEqual(["club"]);
    expectResult(await owner.request("roomMessage", "club", { textMessage: "after" }));
    await expectNone(b!, dave, "roomMessage");
    expectError(await dave.request("roomJoin", "club"), "notAllowed");
  });

  it("delivers direct messages and disconnects a user's sockets on every instance", async () => {
    const [a, b] = await cluster(2, { enableDirectMessages: true });
    const erin = await a!.connect("erin");
    const frank = await b!.connect("frank");
    const reply = expectResult(await erin.request("directMessage", "frank", { textMessage: "psst" }));
    expect(await frank.next("directMessage")).toEqual([reply]);
    a!.service.disconnectUserSockets("frank");
    expect(await frank.disconnected).toBe("io server disconnect");
  });

  it("recovers a dead instance's sockets from a live one", async () => {
    const [a, b] = await cluster(2, { enableUserlistUpdates: true });
    await a!.service.addRoom("lobby");
    const alice = await a!.connect("alice");
    const ghost = await b!.connect("ghost");
    expectResult(await alice.request("roomJoin", "lobby"));
    expectResult(await ghost.request("roomJoin", "lobby"));
    // The store still believes b's sockets are there, as after a crash: recover b from a.
    await a!.service.instanceRecovery(b!.service.instanceUID);
    expect(await alice.next("roomUserLeft")).toEqual(["lobby", "ghost"]);
    expect(expectResult(await alice.request("roomGetAccessList", "lobby", "userlist"))).toEqual(["alice"]);
    // §0 row 26: the dead instance's registry is emptied (chat-service 1.0 emptied the caller's instead).
    expect(await a!.service.store.getInstanceSockets(b!.service.instanceUID)).toEqual({});
    expect(await a!.service.store.getInstanceSockets(a!.service.instanceUID)).toEqual({ [alice.id]: "alice" });
  });

  it("userStateSync checks the rooms of every socket, not only rooms all sockets share (§0 row 26)", async () => {
    const [a] = await cluster(1);
    await a!.service.addRoom("red");
    await a!.service.addRoom("blue");
    const one = await a!.connect("gina");
    const two = await a!.connect("gina");
    expectResult(await one.request("roomJoin", "red"));
    expectResult(await two.request("roomJoin", "blue"));
    // A store inconsistency: gina's socket is in red, but red's userlist lost her.
    await a!.service.store.removeFromRoomList("red", "userlist", ["gina"]);
    await a!.service.userStateSync("gina");
    expect(await one.next("roomAccessRemoved")).toEqual(["red"]);
    expect(await two.next("roomAccessRemoved")).toEqual(["red"]);
    const sockets = expectResult(await one.request("listOwnSockets"));
    expect(sockets).toEqual({ [one.id]: [], [two.id]: ["blue"] });
  });
});
