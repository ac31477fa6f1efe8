import ioV2 from "socket.io-client-v2";
import { afterEach, describe, expect, it } from "vitest";
import type { Middleware } from "../src/index.js";
import { closeClients, connectClient, socketIdOf, trackClient, transportUrl } from "./helpers/clients.js";
import { once } from "./helpers/deferred.js";
import { closeTransports, startTransport } from "./helpers/transports.js";

afterEach(async () => {
  closeClients();
  await closeTransports();
});

const v2Options = { forceNew: true, reconnection: false, transports: ["websocket"] };

function connectV2(url: string, options: Record<string, unknown> = {}) {
  const client = trackClient(ioV2(url, { ...v2Options, ...options }));
  return once(client, "connect").then(() => client);
}

function requestV2(client: ReturnType<typeof ioV2>, event: string, ...args: unknown[]): Promise<unknown[]> {
  return new Promise((resolve) => client.emit(event, ...args, (...reply: unknown[]) => resolve(reply)));
}

describe("socket.io-client 2 (chat-service 1.0 clients) with allowEIO3", () => {
  const options = { port: 0, host: "127.0.0.1", serverOptions: { allowEIO3: true } };

  it("connects with a namespace-prefixed id and makes requests with acks, binary included", async () => {
    const { transport, host } = await startTransport(options);
    const client = await connectV2(`${transportUrl(transport)}/chat-service`, { query: { user: "alice" } });
    expect(client.id).toMatch(/^\/chat-service#/);
    expect(host.connectedIds).toEqual([client.id]);
    expect(transport.getHandshakeData(client.id).query).toMatchObject({ user: "alice", EIO: "3" });

    await expect(requestV2(client, "roomJoin", "lobby")).resolves.toEqual([null, "lobby"]);
    await expect(requestV2(client, "fail", "r")).resolves.toEqual(["ChatServiceError: No such room r", null]);
    const [error, echoed] = await requestV2(client, "roomMessage", { data: Buffer.from([7, 8]) });
    expect(error).toBeNull();
    expect(Buffer.isBuffer((echoed as { data: unknown }).data)).toBe(true);
    expect(echoed).toEqual({ data: Buffer.from([7, 8]) });

    const notified = once(client, "roomMessage");
    transport.joinChannel(client.id, "lobby");
    transport.emit("lobby", "roomMessage", ["lobby", { textMessage: "hi" }]);
    await expect(notified).resolves.toEqual(["lobby", { textMessage: "hi" }]);

    const id = client.id;
    const reason = once(client, "disconnect");
    transport.disconnect(id);
    await expect(reason).resolves.toEqual(["io server disconnect"]);
    expect(host.disconnectedIds).toEqual([id]);
  });

  it("connects with socket.io-client 2's default transports (polling, then upgrade)", async () => {
    const { transport, host } = await startTransport(options);
    const client = await connectV2(`${transportUrl(transport)}/chat-service`, { transports: ["polling", "websocket"] });
    expect(host.connectedIds).toEqual([client.id]);
    await expect(requestV2(client, "roomJoin", "lobby")).resolves.toEqual([null, "lobby"]);
  });

  it("shares channels with socket.io-client 4 clients", async () => {
    const { transport } = await startTransport(options);
    const url = `${transportUrl(transport)}/chat-service`;
    const old = await connectV2(url);
    const current = await connectClient(url);
    transport.joinChannel(old.id, "lobby");
    transport.joinChannel(socketIdOf(current), "lobby");
    const received = [once(old, "roomMessage"), once(current, "roomMessage")];
    transport.emit("lobby", "roomMessage", ["lobby", { author: "bob", data: Buffer.from([1, 2]) }]);
    for (const args of await Promise.all(received)) {
      expect(args).toEqual(["lobby", { author: "bob", data: Buffer.from([1, 2]) }]);
    }
  });

  it("sees the namespace query of the CONNECT packet in the handshake query, as socket.io 2 did", async () => {
    const { transport } = await startTransport(options);
    const manager = new ioV2.Manager(transportUrl(transport), v2Options);
    trackClient(manager);
    const client = manager.socket("/chat-service", { query: { token: "from-connect-packet" } });
    await once(client, "connect");
    expect(transport.getHandshakeData(client.id).query).toMatchObject({ token: "from-connect-packet" });
  });

  it("gets a middleware refusal as an error event carrying the message", async () => {
    const refuse: Middleware = (_socket, next) => next(new Error("not allowed"));
    const { transport, host } = await startTransport({ ...options, middleware: refuse });
    const client = trackClient(ioV2(`${transportUrl(transport)}/chat-service`, v2Options));
    await expect(once(client, "error")).resolves.toEqual(["not allowed"]);
    expect(host.connectedIds).toEqual([]);
  });
});
