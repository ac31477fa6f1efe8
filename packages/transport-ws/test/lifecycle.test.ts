import { once } from "node:events";
import { connect } from "node:net";
import { RecordingHost } from "@chat/conformance";
import { afterEach, describe, expect, it } from "vitest";
import { CloseCode } from "../src/index.js";
import { wsUrl } from "./helpers/raw-client.js";
import { closeTransports, createTransport, startTransport } from "./helpers/transports.js";
import { UpgradeRefused, WsPeer, closePeers } from "./helpers/ws-peer.js";

afterEach(async () => {
  await closePeers();
  await closeTransports();
});

describe("start", () => {
  it("is named ws, and has no server or address before it starts", () => {
    const transport = createTransport({ port: 0 });
    expect(transport.name).toBe("ws");
    expect(transport.server).toBeUndefined();
    expect(transport.address()).toBeNull();
  });

  it("listens on its own port, answers plain HTTP with 404 and other paths' upgrades with 400", async () => {
    const { transport, host } = await startTransport();
    expect(transport.address()).toEqual({ port: expect.any(Number), address: "127.0.0.1" });
    expect(transport.server).toBeDefined();
    const base = `http://127.0.0.1:${transport.address()!.port}`;
    expect((await fetch(`${base}/chat-service`)).status).toBe(404);
    expect((await fetch(`${base}/anything`)).status).toBe(404);
    await expect(WsPeer.connect(wsUrl(transport, "/other"))).rejects.toEqual(new UpgradeRefused(400));
    await expect(WsPeer.connect(wsUrl(transport, "/chat-service/x"))).rejects.toEqual(new UpgradeRefused(400));
    expect(host.connectedIds).toEqual([]);
    // The query string is not part of the path.
    await WsPeer.connect(`${wsUrl(transport)}?a=1`);
    expect(host.connectedIds).toHaveLength(1);
  });

  it("routes by the parsed path: an absolute-form request target reaches the transport too", async () => {
    const { transport, host } = await startTransport();
    const { port } = transport.address()!;
    const socket = connect(port, "127.0.0.1");
    socket.write(
      `GET http://127.0.0.1:${port}/chat-service?userName=a HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n` +
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    );
    const [response] = (await once(socket, "data")) as [Buffer];
    expect(response.toString("latin1")).toMatch(/^HTTP\/1\.1 101 /);
    expect(transport.getHandshakeData(await host.nextConnected()).query).toEqual({ userName: "a" });
    socket.destroy();
  });

  it.each([
    ["/chat-service?userName=a#b=1", { userName: "a" }],
    ["/chat-service#frag?userName=a", {}],
  ])("reads the query of %s as a URL parser does: a fragment is not part of it", async (target, query) => {
    const { transport, host } = await startTransport();
    const socket = connect(transport.address()!.port, "127.0.0.1");
    socket.write(
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n` +
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    );
    const [response] = (await once(socket, "data")) as [Buffer];
    expect(response.toString("latin1")).toMatch(/^HTTP\/1\.1 101 /);
    expect(transport.getHandshakeData(await host.nextConnected()).query).toEqual(query);
    socket.destroy();
  });

  it("serves a custom path", async () => {
    const { transport, host } = await startTransport({ port: 0, host: "127.0.0.1", path: "/ws" });
    await expect(WsPeer.connect(wsUrl(transport))).rejects.toEqual(new UpgradeRefused(400));
    await WsPeer.connect(wsUrl(transport, "/ws"));
    expect(host.connectedIds).toHaveLength(1);
  });

  it("refuses to start twice", async () => {
    const { transport } = await startTransport();
    await expect(transport.start(new RecordingHost())).rejects.toThrow(/^@chat\/transport-ws: already started/);
  });

  it("rejects when its port is taken, and can be closed afterwards", async () => {
    const { transport: first } = await startTransport();
    const second = createTransport({ port: first.address()!.port, host: "127.0.0.1" });
    await expect(second.start(new RecordingHost())).rejects.toMatchObject({ code: "EADDRINUSE" });
    expect(second.server).toBeUndefined();
    expect(second.address()).toBeNull();
    await expect(second.close()).resolves.toBeUndefined();
  });
});

describe("disconnect", () => {
  it("closes with 4000 after the frames sent before, and reports the socket at once", async () => {
    const { transport, host } = await startTransport();
    const peer = await WsPeer.connect(wsUrl(transport));
    const id = await host.nextConnected();
    for (let i = 0; i < 50; i++) transport.emitToSocket(id, "sequence", [i]);
    transport.disconnect(id);
    expect(host.disconnectedIds).toEqual([id]);
    expect(transport.hasSocket(id)).toBe(false);
    expect(await peer.closedByServer).toEqual({ code: CloseCode.serverDisconnect, reason: "disconnected by the server" });
    expect(peer.all("sequence")).toEqual(Array.from({ length: 50 }, (_, i) => [i]));
    expect(host.disconnectedIds).toEqual([id]);
  });
});

describe("close", () => {
  it("closes clients with 1001, reports each before it resolves, and stops listening", async () => {
    const { transport, host } = await startTransport();
    const url = wsUrl(transport);
    const peers = [await WsPeer.connect(url), await WsPeer.connect(url)];
    await transport.close();
    expect(host.disconnectedIds).toHaveLength(2);
    for (const peer of peers) expect((await peer.closedByServer).code).toBe(CloseCode.goingAway);
    expect(transport.address()).toBeNull();
    await expect(WsPeer.connect(url)).rejects.toBeInstanceOf(Error);
  });

  it("cuts a client that never answers the close frame once the grace period is over", async () => {
    const { transport, host } = await startTransport();
    const socket = connect(transport.address()!.port, "127.0.0.1");
    socket.write(
      "GET /chat-service HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    );
    await once(socket, "data");
    await host.nextConnected();
    // The peer reads nothing and answers nothing: only the grace period ends its connection.
    const cut = once(socket, "close");
    await transport.close();
    await cut;
    expect(host.disconnectedIds).toHaveLength(1);
  });

  it("is idempotent, and a closed transport cannot start again", async () => {
    const { transport, host } = await startTransport();
    await WsPeer.connect(wsUrl(transport));
    const id = await host.nextConnected();
    await Promise.all([transport.close(), transport.close()]);
    await transport.close();
    expect(host.disconnectedIds).toEqual([id]);
    await expect(transport.start(host)).rejects.toThrow(/^@chat\/transport-ws: cannot start a closed/);
  });

  it("can be closed without having started, and then never starts", async () => {
    const transport = createTransport({ port: 0 });
    await transport.close();
    await expect(transport.start(new RecordingHost())).rejects.toThrow(/closed/);
  });

  it("cleans up when closed while starting", async () => {
    const transport = createTransport({ port: 0, host: "127.0.0.1" });
    const started = transport.start(new RecordingHost());
    const closed = transport.close();
    await started;
    await closed;
    expect(transport.address()).toBeNull();
  });
});
