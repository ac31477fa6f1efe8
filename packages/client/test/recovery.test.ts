/**
 * Acceptance test of the delivery guarantee: alice reads a room while bob posts 300+ messages into it without
 * pause, and alice's connection is cut three ways — a server-side disconnect, a TCP connection destroyed under
 * the WebSocket, and a restart of the whole server on the same port with its state in a real Redis. Alice's
 * application must see exactly ids 1..N, in order, each once; bob's messages during each outage come from the
 * history, in pages.
 */
import { Collector } from "@chat/conformance";
import { startRedis, type RedisServer } from "@chat/redis-testing";
import { redisStore } from "@chat/store-redis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isChatClientError, type ChatClient, type TransportName } from "../src/index.js";
import { closeServers, loginGates, startServer, type TestServer } from "./helpers/chat-server.js";
import { closeClients, delivered, idsIn, range, testClient } from "./helpers/clients.js";

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis?.stop());
afterEach(async () => {
  await closeClients();
  await closeServers();
});

const N = 300;

/** bob posts until the server acknowledged id `N`; a message whose reply was lost in an outage is not resent. */
async function postUntil(bob: ChatClient, acked: Collector<number>): Promise<void> {
  for (let sequence = 1; ; sequence++) {
    try {
      const id = await bob.roomMessage("r", { textMessage: `b${sequence}` });
      acked.listener(id);
      if (id >= N) return;
    } catch (error) {
      // Stored or not, the server decided; alice's stream must show whatever it stored.
      if (!isChatClientError(error, "connectionLost")) throw error;
    }
  }
}

describe.each<TransportName>(["socket.io", "ws"])("recovery over %s", (transport) => {
  it(`delivers exactly 1..N (N ≥ ${N}) across a disconnect, a TCP cut and a server restart on Redis`, { timeout: 60_000 }, async () => {
    const prefix = `client-recovery-${transport.replace(".", "")}-${Date.now()}`;
    const gates = loginGates();
    const holdAlice = () => gates.holdNext("alice");
    const serve = (port?: number): Promise<TestServer> =>
      startServer(transport, {
        port,
        store: redisStore({ url: redis.url, prefix }),
        options: { historyMaxGetMessages: 25 },
        hooks: { onConnect: gates.onConnect },
      });

    let server = await serve();
    await server.service.addRoom("r");
    const offline = { offlineTimeout: 60_000 };
    const alice = testClient(transport, server.url, "alice", offline);
    const bob = testClient(transport, server.url, "bob", offline);
    await Promise.all([alice.client.ready, bob.client.ready]);
    await Promise.all([alice.client.roomJoin("r"), bob.client.roomJoin("r")]);

    const acked = new Collector<number>();
    const ackedAtLeast = (id: number) => acked.waitFor((items) => items.some((item) => item >= id));
    const posting = postUntil(bob.client, acked);

    // 1. Server-side disconnect; alice's next login waits until bob posted 30 more.
    await delivered(alice.recorded, "r", 50);
    let gate = holdAlice();
    server.service.transport.disconnectSocket(alice.client.loginInfo!.authData.id);
    await ackedAtLeast(acked.items.at(-1)! + 30);
    gate.resolve();

    // 2. The TCP connection under alice's WebSocket destroyed from the server side.
    await delivered(alice.recorded, "r", 120);
    gate = holdAlice();
    expect(server.cutTcp("alice")).toBe(1);
    await ackedAtLeast(acked.items.at(-1)! + 30);
    gate.resolve();

    // 3. The whole server restarted on the same port, state in Redis; bob reconnects first and posts on.
    await delivered(alice.recorded, "r", 200);
    const { port } = server;
    const lastBeforeRestart = acked.items.at(-1)!;
    await server.close();
    // Only now: a login held by the old server would hold up its close.
    gate = holdAlice();
    server = await serve(port);
    await ackedAtLeast(lastBeforeRestart + 30);
    gate.resolve();

    await posting;
    const { lastMessageId } = await bob.client.roomHistoryInfo("r");
    expect(lastMessageId).toBeGreaterThanOrEqual(N);
    await delivered(alice.recorded, "r", lastMessageId);
    // The last messages may have come from the catch-up, which ends before `login` is emitted.
    await alice.recorded.logins.waitFor((items) => items.length === 4);
    expect(idsIn(alice.recorded, "r")).toEqual(range(1, lastMessageId));
    expect(alice.recorded.gaps.items).toEqual([]);
    expect(alice.recorded.logins.items.map((login) => login.reconnected)).toEqual([false, true, true, true]);
    expect(alice.recorded.errors.items).toEqual([]);
  });

  it("reports messages rotated out during an outage as a gap, and resumes after it", { timeout: 30_000 }, async () => {
    const gates = loginGates();
    const server = await startServer(transport, {
      store: redisStore({ url: redis.url, prefix: `client-gap-${transport.replace(".", "")}-${Date.now()}` }),
      options: { historyMaxSize: 10, historyMaxGetMessages: 4 },
      hooks: { onConnect: gates.onConnect },
    });
    await server.service.addRoom("r");
    const alice = testClient(transport, server.url, "alice");
    const bob = testClient(transport, server.url, "bob");
    await Promise.all([alice.client.ready, bob.client.ready]);
    await Promise.all([alice.client.roomJoin("r"), bob.client.roomJoin("r")]);
    const post = async (from: number, to: number) => {
      for (let id = from; id <= to; id++) expect(await bob.client.roomMessage("r", { textMessage: `m${id}` })).toBe(id);
    };
    await post(1, 5);
    await delivered(alice.recorded, "r", 5);
    const gate = gates.holdNext("alice");
    expect(server.cutTcp("alice")).toBe(1);
    await post(6, 40);
    gate.resolve();
    await alice.recorded.logins.waitFor((items) => items.length === 2);
    await post(41, 45);
    await delivered(alice.recorded, "r", 45);
    // The ring holds 31..40 when alice comes back: 6..30 are gone.
    expect(alice.recorded.gaps.items).toEqual([["r", { from: 6, to: 30 }]]);
    expect(idsIn(alice.recorded, "r")).toEqual([...range(1, 5), ...range(31, 45)]);
  });
});
