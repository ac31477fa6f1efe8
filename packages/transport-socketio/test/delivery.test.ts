import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type ClientSocket,
  closeClients,
  connectClient,
  flush,
  recordEvents,
  socketIdOf,
  transportUrl,
} from "./helpers/clients.js";
import { once } from "./helpers/deferred.js";
import { closeTransports, startTransport } from "./helpers/transports.js";

afterEach(async () => {
  closeClients();
  await closeTransports();
});

async function setup(clientCount: number) {
  const { transport, host } = await startTransport();
  const url = `${transportUrl(transport)}/chat-service`;
  const clients: ClientSocket[] = [];
  for (let i = 0; i < clientCount; i++) clients.push(await connectClient(url));
  const received = clients.map(recordEvents);
  // Resolves once every client has received everything sent to it so far.
  const flushAll = () => Promise.all(clients.map((client) => flush(transport, client)));
  const events = (index: number) => received[index].filter(([event]) => event !== "flush");
  return { transport, host, clients, ids: clients.map(socketIdOf), flushAll, events };
}

describe("channels", () => {
  it("delivers to the members of a channel, except the one named", async () => {
    const { transport, ids, flushAll, events } = await setup(3);
    expect(transport.joinChannel(ids[0], "lobby")).toBe(true);
    expect(transport.joinChannel(ids[1], "lobby")).toBe(true);
    transport.emit("lobby", "roomMessage", ["lobby", { textMessage: "one" }], ids[0]);
    transport.emit("lobby", "roomUserJoined", ["lobby", "bob"]);
    await flushAll();
    expect(events(0)).toEqual([["roomUserJoined", "lobby", "bob"]]);
    expect(events(1)).toEqual([
      ["roomMessage", "lobby", { textMessage: "one" }],
      ["roomUserJoined", "lobby", "bob"],
    ]);
    expect(events(2)).toEqual([]);
  });

  it("emits to a channel as one local broadcast, encoded once for all recipients", async () => {
    const { transport, ids } = await setup(2);
    const adapter = transport.server!.of("/chat-service").adapter;
    const broadcast = vi.spyOn(adapter, "broadcast");
    const encode = vi.spyOn(transport.server!.encoder, "encode");
    transport.joinChannel(ids[0], "lobby");
    transport.joinChannel(ids[1], "lobby");
    transport.emit("lobby", "roomMessage", ["lobby", { textMessage: "once" }], ids[1]);
    expect(broadcast).toHaveBeenCalledTimes(1);
    expect(broadcast.mock.calls[0][1]).toMatchObject({
      rooms: new Set(["lobby"]),
      except: new Set([ids[1]]),
      // Local only: the core, not the adapter, reaches other instances.
      flags: { local: true },
    });
    expect(encode).toHaveBeenCalledTimes(1);
  });

  it("stops delivering to a socket that left the channel", async () => {
    const { transport, ids, flushAll, events } = await setup(2);
    transport.joinChannel(ids[0], "lobby");
    transport.joinChannel(ids[1], "lobby");
    transport.leaveChannel(ids[1], "lobby");
    transport.leaveChannel("nobody", "lobby");
    transport.emit("lobby", "roomMessage", ["lobby", { textMessage: "after" }]);
    await flushAll();
    expect(events(0)).toEqual([["roomMessage", "lobby", { textMessage: "after" }]]);
    expect(events(1)).toEqual([]);
  });

  it("refuses to join a socket that is not connected here", async () => {
    const { transport } = await setup(0);
    expect(transport.joinChannel("nobody", "lobby")).toBe(false);
  });

  it("emits a notification to one socket, binary included", async () => {
    const { transport, ids, flushAll, events } = await setup(2);
    transport.emitToSocket(ids[1], "directMessage", [{ author: "alice", data: Buffer.from("bytes") }]);
    transport.emitToSocket("nobody", "directMessage", [{}]);
    await flushAll();
    expect(events(0)).toEqual([]);
    expect(events(1)).toEqual([["directMessage", { author: "alice", data: Buffer.from("bytes") }]]);
    const [, payload] = events(1)[0] as [string, { data: unknown }];
    expect(Buffer.isBuffer(payload.data)).toBe(true);
  });

  it("broadcasts Buffers as binary to a channel", async () => {
    const { transport, ids, flushAll, events } = await setup(1);
    transport.joinChannel(ids[0], "files");
    transport.emit("files", "roomMessage", ["files", { data: new Uint8Array([1, 2, 3]) }]);
    await flushAll();
    const [, , message] = events(0)[0] as [string, string, { data: unknown }];
    expect(Buffer.isBuffer(message.data)).toBe(true);
    expect([...(message.data as Buffer)]).toEqual([1, 2, 3]);
  });
});

describe("disconnection", () => {
  it("disconnects a socket from the server side", async () => {
    const { transport, host, clients, ids } = await setup(2);
    const reason = once(clients[0], "disconnect");
    transport.disconnect(ids[0]);
    transport.disconnect("nobody");
    expect(host.disconnectedIds).toEqual([ids[0]]);
    expect(await reason).toEqual(["io server disconnect", undefined]);
    expect(transport.hasSocket(ids[0])).toBe(false);
    expect(transport.joinChannel(ids[0], "lobby")).toBe(false);
    expect(clients[1].connected).toBe(true);
    await transport.close();
    expect(host.disconnectCount(ids[0])).toBe(1);
  });

  it("reports a client-side disconnect once", async () => {
    const { transport, host, clients, ids } = await setup(1);
    clients[0].disconnect();
    await host.waitDisconnected(ids[0]);
    expect(transport.hasSocket(ids[0])).toBe(false);
    expect(transport.getHandshakeData(ids[0])).toEqual({ isConnected: false, query: {}, headers: {} });
    await transport.close();
    expect(host.disconnectedIds).toEqual([ids[0]]);
  });

  it("reports a dropped connection", async () => {
    const { host, clients, ids } = await setup(1);
    // Closing the Manager ends the underlying connection without a socket.io DISCONNECT packet.
    clients[0].io.engine.close();
    await host.waitDisconnected(ids[0]);
    expect(host.disconnectCount(ids[0])).toBe(1);
  });
});

describe("handshake data", () => {
  it("returns the query, headers and address of a connected socket", async () => {
    const { transport } = await startTransport();
    const client = await connectClient(`${transportUrl(transport)}/chat-service`, {
      query: { user: "alice", token: "t0k" },
      extraHeaders: { "x-chat-test": "yes" },
    });
    const data = transport.getHandshakeData(socketIdOf(client));
    expect(data.isConnected).toBe(true);
    expect(data.query).toMatchObject({ user: "alice", token: "t0k" });
    expect(data.headers).toMatchObject({ "x-chat-test": "yes" });
    expect(data.address).toBe("127.0.0.1");
  });

  it("answers an unknown socket with empty data", async () => {
    const { transport } = await startTransport();
    expect(transport.getHandshakeData("nobody")).toEqual({ isConnected: false, query: {}, headers: {} });
  });
});
