/**
 * Connections: `host.connected` with unique ids, `hasSocket`, and `getHandshakeData`.
 * @module
 */
import { describe, expect, it } from "vitest";
import type { TransportContext } from "./context.js";

/** Registers the connection tests. */
export function connectionTests(context: TransportContext): void {
  describe("connections", () => {
    it("has a name", () => {
      const transport = context.factory.create();
      expect(transport.name).toBeTypeOf("string");
      expect(transport.name).not.toBe("");
    });

    it("reports a connecting client to host.connected, and then has its socket", async () => {
      const started = await context.start();
      const { id } = await context.connect(started);
      expect(id).toBeTypeOf("string");
      expect(id).not.toBe("");
      expect(started.host.connectedIds).toEqual([id]);
      expect(started.transport.hasSocket(id)).toBe(true);
      expect(started.transport.hasSocket("nobody")).toBe(false);
      expect(started.host.disconnectedIds).toEqual([]);
    });

    it("gives every socket its own id, across transports too", async () => {
      const first = await context.start();
      const second = await context.start();
      const ids = [
        ...(await context.connectMany(first, 3)).map(({ id }) => id),
        ...(await context.connectMany(second, 3)).map(({ id }) => id),
      ];
      expect(new Set(ids).size).toBe(6);
      // Each transport has its own sockets only.
      expect(ids.map((id) => first.transport.hasSocket(id))).toEqual([true, true, true, false, false, false]);
      expect(ids.map((id) => second.transport.hasSocket(id))).toEqual([false, false, false, true, true, true]);
    });

    it("attributes each request to the socket that sent it", async () => {
      const started = await context.start();
      const [a, b] = await context.connectMany(started, 2);
      await b!.client.request("whoAmI", ["b"]);
      await a!.client.request("whoAmI", ["a"]);
      expect(started.host.requests.map(({ socketId, args }) => [socketId, args[0]])).toEqual([
        [b!.id, "b"],
        [a!.id, "a"],
      ]);
    });
  });

  describe("getHandshakeData", () => {
    it("returns the handshake query and headers, header names in lower case", async () => {
      const started = await context.start();
      const { id } = await context.connect(started, {
        query: { userName: "alice", token: "a b&c" },
        headers: { "X-Conformance-Header": "yes" },
      });
      const handshake = started.transport.getHandshakeData(id);
      expect(handshake.isConnected).toBe(true);
      // A transport may add parameters of its own (socket.io adds EIO and transport).
      expect(handshake.query).toMatchObject({ userName: "alice", token: "a b&c" });
      expect(handshake.headers["x-conformance-header"]).toBe("yes");
      expect(handshake.headers).not.toHaveProperty("X-Conformance-Header");
      if (handshake.address !== undefined) expect(handshake.address).toBeTypeOf("string");
    });

    it("returns { isConnected: false, query: {}, headers: {} } for an unknown or departed socket", async () => {
      const started = await context.start();
      expect(started.transport.getHandshakeData("nobody")).toEqual({ isConnected: false, query: {}, headers: {} });
      const { client, id } = await context.connect(started, { query: { userName: "alice" } });
      await client.close();
      await started.host.waitDisconnected(id);
      expect(started.transport.getHandshakeData(id)).toEqual({ isConnected: false, query: {}, headers: {} });
    });
  });
}
