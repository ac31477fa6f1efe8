/** Protection against clients that send too much, read too slowly, or stop answering. */
import { once } from "node:events";
import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CloseCode } from "../src/index.js";
import { wsUrl } from "./helpers/raw-client.js";
import { closeCallerServers, listenCallerServer } from "./helpers/caller-server.js";
import { closeTransports, startTransport } from "./helpers/transports.js";
import { WsPeer, closePeers } from "./helpers/ws-peer.js";

afterEach(async () => {
  await closePeers();
  await closeTransports();
  await closeCallerServers();
});

const local = { port: 0, host: "127.0.0.1" };

describe("maxPayload", () => {
  it("closes a client whose message is larger with 1009; others, and smaller messages, are unaffected", async () => {
    const { transport, host } = await startTransport({ ...local, maxPayload: 1000 });
    const big = await WsPeer.connect(wsUrl(transport));
    const bigId = await host.nextConnected();
    const other = await WsPeer.connect(wsUrl(transport));
    const fits = "x".repeat(900);
    await expect(big.request("echo", [fits])).resolves.toEqual({ error: null, results: [fits] });
    big.send("echo", ["x".repeat(1000)]);
    expect((await big.closedByServer).code).toBe(CloseCode.messageTooBig);
    await host.waitDisconnected(bigId);
    expect(transport.hasSocket(bigId)).toBe(false);
    expect(host.requests).toHaveLength(1);
    await expect(other.request("echo", ["ok"])).resolves.toEqual({ error: null, results: ["ok"] });
  });
});

describe("maxBufferedBytes", () => {
  it("closes a client that does not read with 4429, once more than the limit waits to be sent", async () => {
    const { transport, host } = await startTransport({ ...local, maxBufferedBytes: 1024 * 1024 });
    const slow = await WsPeer.connect(wsUrl(transport));
    const id = await host.nextConnected();
    const other = await WsPeer.connect(wsUrl(transport));
    const otherId = await host.nextConnected();
    slow.ws.pause();
    const chunk = "y".repeat(512 * 1024);
    // The kernel's socket buffers take some megabytes first; then the transport's own buffer grows past the limit.
    for (let i = 0; i < 200 && transport.hasSocket(id); i++) transport.emitToSocket(id, "bulk", [chunk]);
    expect(transport.hasSocket(id)).toBe(false);
    expect(host.disconnectedIds).toEqual([id]);
    slow.ws.resume();
    expect((await slow.closedByServer).code).toBe(CloseCode.slowConsumer);
    transport.emitToSocket(otherId, "still", ["here"]);
    expect(await other.next("still")).toEqual(["here"]);
  });

  it("cuts a slow consumer that still does not read a grace period after the 4429", async () => {
    // On a server of the test's own, to hold the server side of the connection.
    const { server, port } = await listenCallerServer();
    const serverSides: Socket[] = [];
    server.on("connection", (socket: Socket) => serverSides.push(socket));
    const { transport, host } = await startTransport({ server, maxBufferedBytes: 1024 * 1024 });
    const slow = await WsPeer.connect(`ws://127.0.0.1:${port}/chat-service`);
    const id = await host.nextConnected();
    slow.ws.pause();
    const chunk = "y".repeat(512 * 1024);
    for (let i = 0; i < 200 && transport.hasSocket(id); i++) transport.emitToSocket(id, "bulk", [chunk]);
    expect(transport.hasSocket(id)).toBe(false);
    // Without the cut, `ws` would hold the connection and its buffer 30 s for a close frame the peer is not
    // reading: past the test's 10 s limit.
    await once(serverSides[0]!, "close");
    // The paused peer would never read the end of its connection.
    slow.ws.terminate();
  });
});

describe("heartbeat", () => {
  it("terminates a client that stops answering pings, within about two intervals, and reports it", async () => {
    const { transport, host } = await startTransport({ ...local, pingInterval: 100 });
    const silent = await WsPeer.connect(wsUrl(transport), { client: { autoPong: false } });
    const id = await host.nextConnected();
    const opened = Date.now();
    let pings = 0;
    silent.ws.on("ping", () => pings++);
    // Terminated, not closed: a dead peer would never read a close frame.
    expect((await silent.closedByServer).code).toBe(1006);
    await host.waitDisconnected(id);
    // One ping went unanswered; the next tick terminated instead of pinging again.
    expect(pings).toBeLessThanOrEqual(1);
    expect(Date.now() - opened).toBeLessThan(1000);
  });

  it("keeps a client that answers pings", async () => {
    const { transport, host } = await startTransport({ ...local, pingInterval: 50 });
    const peer = await WsPeer.connect(wsUrl(transport));
    const id = await host.nextConnected();
    await new Promise<void>((resolve) => {
      let pings = 0;
      peer.ws.on("ping", () => ++pings === 4 && resolve());
    });
    expect(transport.hasSocket(id)).toBe(true);
    await expect(peer.request("echo", [1])).resolves.toEqual({ error: null, results: [1] });
    expect(host.disconnectedIds).toEqual([]);
  });
});
