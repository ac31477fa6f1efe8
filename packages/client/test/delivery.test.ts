/**
 * The delivery guarantee, against real servers on both transports: room messages reach the application once,
 * in id order, without gaps, across reconnects; lost ids are reported as `historyGap`.
 */
import { deferred, type Deferred } from "@chat/conformance";
import type { ChatServiceOptions, Hooks } from "@chat/core";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatClient, ChatClientError, TransportName } from "../src/index.js";
import { closeServers, loginGates, startServer, type TestServer } from "./helpers/chat-server.js";
import { closeClients, delivered, idsIn, range, testClient, type Recorded } from "./helpers/clients.js";

afterEach(async () => {
  await closeClients();
  await closeServers();
});

interface Scene {
  server: TestServer;
  alice: { client: ChatClient; recorded: Recorded };
  bob: { client: ChatClient; recorded: Recorded };
  /** Makes alice's next login wait until the returned deferred is resolved. */
  holdNextLogin(): Deferred<void>;
  /** bob posts messages `from..to` to room "r", one after the other. */
  post(from: number, to: number): Promise<void>;
  /** Drops alice's connection from the server side; her next login waits for the returned deferred. */
  dropAlice(): Deferred<void>;
}

/** A server with room "r", and alice and bob logged in (joined to "r" unless `join` is false). */
async function scene(transport: TransportName, options: Omit<ChatServiceOptions, "store" | "transports"> = {}, join = true): Promise<Scene> {
  const gates = loginGates();
  const hooks: Hooks = { onConnect: gates.onConnect };
  const server = await startServer(transport, { options, hooks });
  await server.service.addRoom("r");
  const alice = testClient(transport, server.url, "alice");
  const bob = testClient(transport, server.url, "bob");
  await Promise.all([alice.client.ready, bob.client.ready]);
  if (join) await Promise.all([alice.client.roomJoin("r"), bob.client.roomJoin("r")]);
  const holdNextLogin = (): Deferred<void> => gates.holdNext("alice");
  return {
    server,
    alice,
    bob,
    holdNextLogin,
    async post(from, to) {
      for (let index = from; index <= to; index++) expect(await bob.client.roomMessage("r", { textMessage: `m${index}` })).toBe(index);
    },
    dropAlice() {
      const gate = holdNextLogin();
      server.service.transport.disconnectSocket(alice.client.loginInfo!.authData.id);
      return gate;
    },
  };
}

describe.each<TransportName>(["socket.io", "ws"])("delivery over %s", (transport) => {
  it("catches up from the history, page by page, before going online again", async () => {
    const { alice, post, dropAlice } = await scene(transport, { historyMaxGetMessages: 4 });
    await post(1, 3);
    await delivered(alice.recorded, "r", 3);
    let atLogin: number[] = [];
    alice.client.on("login", () => (atLogin = idsIn(alice.recorded, "r")));
    const gate = dropAlice();
    await post(4, 13);
    gate.resolve();
    await alice.recorded.logins.waitFor((items) => items.length === 2);
    expect(atLogin).toEqual(range(1, 13));
    await post(14, 15);
    await delivered(alice.recorded, "r", 15);
    expect(idsIn(alice.recorded, "r")).toEqual(range(1, 15));
    expect(alice.recorded.messages.items.map(([, message]) => message.textMessage)).toEqual(range(1, 15).map((id) => `m${id}`));
    expect(alice.recorded.gaps.items).toEqual([]);
  });

  it("reports ids rotated out of the history as a gap, then goes on", async () => {
    const { alice, post, dropAlice } = await scene(transport, { historyMaxSize: 5, historyMaxGetMessages: 3 });
    await post(1, 3);
    await delivered(alice.recorded, "r", 3);
    const gate = dropAlice();
    await post(4, 20);
    gate.resolve();
    await alice.recorded.logins.waitFor((items) => items.length === 2);
    await post(21, 22);
    await delivered(alice.recorded, "r", 22);
    expect(alice.recorded.gaps.items).toEqual([["r", { from: 4, to: 15 }]]);
    expect(idsIn(alice.recorded, "r")).toEqual([...range(1, 3), ...range(16, 22)]);
  });

  it("reports the whole outage as a gap when the server serves no history", async () => {
    const { alice, post, dropAlice } = await scene(transport, { historyMaxGetMessages: 0 });
    await post(1, 2);
    await delivered(alice.recorded, "r", 2);
    const gate = dropAlice();
    await post(3, 6);
    gate.resolve();
    await alice.recorded.logins.waitFor((items) => items.length === 2);
    await post(7, 7);
    await delivered(alice.recorded, "r", 7);
    expect(alice.recorded.gaps.items).toEqual([["r", { from: 3, to: 6 }]]);
    expect(idsIn(alice.recorded, "r")).toEqual([1, 2, 7]);
  });

  it("recovers from the join's baseline when the connection drops before the first message", async () => {
    const { alice, bob, post, dropAlice } = await scene(transport, {}, false);
    await bob.client.roomJoin("r");
    await post(1, 5);
    await alice.client.roomJoin("r");
    // One round trip: the baseline read the join started has been answered before this reply.
    await alice.client.roomHistoryInfo("r");
    const gate = dropAlice();
    await post(6, 8);
    gate.resolve();
    await alice.recorded.logins.waitFor((items) => items.length === 2);
    await post(9, 9);
    await delivered(alice.recorded, "r", 9);
    expect(idsIn(alice.recorded, "r")).toEqual(range(6, 9));
  });

  it("fills a hole in the live stream from the history, without a reconnect", async () => {
    const { server, alice, post } = await scene(transport);
    await post(1, 1);
    await delivered(alice.recorded, "r", 1);
    // Take alice out of the room's channel behind the service's back: she misses 2..4 live.
    const id = alice.client.loginInfo!.authData.id;
    server.transport.leaveChannel(id, "r");
    await post(2, 4);
    server.transport.joinChannel(id, "r");
    await post(5, 6);
    await delivered(alice.recorded, "r", 6);
    expect(idsIn(alice.recorded, "r")).toEqual(range(1, 6));
    expect(alice.recorded.gaps.items).toEqual([]);
    expect(alice.recorded.logins.items).toHaveLength(1);
  });

  it("starts over, with an error event, when a restarted server lost the room's messages", async () => {
    const { server, alice, bob, post } = await scene(transport);
    await post(1, 3);
    await delivered(alice.recorded, "r", 3);
    const { port } = server;
    await server.close();
    // A fresh memory store: room "r" comes back empty, its ids start at 1 again.
    const roomAdded = deferred();
    const again = await startServer(transport, {
      port,
      hooks: {
        onConnect: async (service, id) => {
          await roomAdded.promise;
          return service.transport.getHandshakeData(id).query.userName as string;
        },
      },
    });
    await again.service.addRoom("r");
    roomAdded.resolve();
    await Promise.all([alice.recorded.logins.waitFor((items) => items.length === 2), bob.recorded.logins.waitFor((items) => items.length === 2)]);
    await post(1, 2);
    await alice.recorded.messages.waitFor((items) => items.length === 5);
    expect(idsIn(alice.recorded, "r")).toEqual([1, 2, 3, 1, 2]);
    expect(alice.recorded.errors.items.map((error) => error.message)).toEqual([expect.stringMatching(/room r restarted its message ids/)]);
    expect(alice.recorded.gaps.items).toEqual([]);
  });

  it("drops a room it cannot join again, with rejoinFailed", async () => {
    const { server, alice, dropAlice } = await scene(transport);
    const failed = new Promise<[string, ChatClientError]>((resolve) => alice.client.once("rejoinFailed", (...args) => resolve(args)));
    const gate = dropAlice();
    await server.service.deleteRoom("r");
    gate.resolve();
    const [room, error] = await failed;
    expect(room).toBe("r");
    expect(error).toMatchObject({ code: "noRoom", args: ["r"] });
    await alice.recorded.logins.waitFor((items) => items.length === 2);
    expect(alice.client.rooms).toEqual([]);
  });

  it("stops tracking a room on roomAccessRemoved and on roomLeave", async () => {
    const { server, alice } = await scene(transport);
    await server.service.addRoom("other");
    await alice.client.roomJoin("other");
    expect(alice.client.rooms).toEqual(["r", "other"]);
    const removed = new Promise<string>((resolve) => alice.client.once("roomAccessRemoved", resolve));
    await server.service.deleteRoom("r");
    expect(await removed).toBe("r");
    expect(alice.client.rooms).toEqual(["other"]);
    await alice.client.roomLeave("other");
    expect(alice.client.rooms).toEqual([]);
  });
});
