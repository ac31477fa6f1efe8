import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { wsUrl } from "./helpers/raw-client.js";
import { closeTransports, startTransport } from "./helpers/transports.js";
import { UpgradeRefused, WsPeer, closePeers } from "./helpers/ws-peer.js";

afterEach(async () => {
  await closePeers();
  await closeTransports();
  vi.restoreAllMocks();
});

const local = { port: 0, host: "127.0.0.1" };

describe("allowOrigin", () => {
  it("a list admits exactly its origins; others, and requests without an Origin, get 403 and never reach the host", async () => {
    const { transport, host } = await startTransport({ ...local, allowOrigin: ["https://good.example"] });
    const url = wsUrl(transport);
    await WsPeer.connect(url, { headers: { Origin: "https://good.example" } });
    expect(host.connectedIds).toHaveLength(1);
    for (const origin of ["https://evil.example", "https://good.example.evil", "http://good.example"]) {
      await expect(WsPeer.connect(url, { headers: { Origin: origin } })).rejects.toEqual(new UpgradeRefused(403));
    }
    await expect(WsPeer.connect(url)).rejects.toEqual(new UpgradeRefused(403));
    expect(host.connectedIds).toHaveLength(1);
  });

  it("a function decides per request, synchronously or not; a throw refuses", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const seen: Array<[string | undefined, string | undefined]> = [];
    const allowOrigin = async (origin: string | undefined, request: IncomingMessage) => {
      seen.push([origin, request.url]);
      if (origin === "https://throws.example") throw new Error("broken check");
      return origin === undefined || origin.endsWith(".good.example");
    };
    const { transport, host } = await startTransport({ ...local, allowOrigin });
    const url = wsUrl(transport);
    await WsPeer.connect(url, { headers: { Origin: "https://a.good.example" } });
    await WsPeer.connect(url);
    await expect(WsPeer.connect(url, { headers: { Origin: "https://bad.example" } })).rejects.toEqual(new UpgradeRefused(403));
    await expect(WsPeer.connect(url, { headers: { Origin: "https://throws.example" } })).rejects.toEqual(new UpgradeRefused(403));
    expect(host.connectedIds).toHaveLength(2);
    expect(seen.map(([origin]) => origin)).toEqual(["https://a.good.example", undefined, "https://bad.example", "https://throws.example"]);
    expect(seen[0]![1]).toBe("/chat-service");
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/^@chat\/transport-ws: allowOrigin threw/));
  });

  it("admits every origin by default", async () => {
    const { transport, host } = await startTransport();
    await WsPeer.connect(wsUrl(transport), { headers: { Origin: "https://anyone.example" } });
    expect(host.connectedIds).toHaveLength(1);
  });
});

describe("getHandshakeData", () => {
  it("gives the query (repeated keys as arrays), a copy of the headers, and the peer address", async () => {
    const { transport, host } = await startTransport();
    await WsPeer.connect(`${wsUrl(transport)}?userName=alice&tag=a&tag=b&empty=&enc=a%20b%26c`, { headers: { "X-Token": "secret" } });
    const id = await host.nextConnected();
    const handshake = transport.getHandshakeData(id);
    expect(handshake).toMatchObject({ isConnected: true, address: "127.0.0.1" });
    expect(handshake.query).toEqual({ userName: "alice", tag: ["a", "b"], empty: "", enc: "a b&c" });
    expect(handshake.headers["x-token"]).toBe("secret");
    expect(handshake.headers.upgrade).toBe("websocket");
    // Copies: what a hook changes does not change what the next caller gets.
    (handshake.query.tag as string[]).push("c");
    handshake.headers["x-token"] = "changed";
    expect(transport.getHandshakeData(id).query.tag).toEqual(["a", "b"]);
    expect(transport.getHandshakeData(id).headers["x-token"]).toBe("secret");
  });

  it("keeps a __proto__ parameter as a plain parameter", async () => {
    const { transport, host } = await startTransport();
    await WsPeer.connect(`${wsUrl(transport)}?__proto__=x&constructor=y`);
    const { query } = transport.getHandshakeData(await host.nextConnected());
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
    expect(Object.keys(query).sort()).toEqual(["__proto__", "constructor"]);
  });
});
