/**
 * Endings: `disconnect` from the server side, a client closing, and `close()` of the whole transport, each
 * reported to `host.disconnected` exactly once.
 * @module
 */
import { describe, expect, it } from "vitest";
import type { TransportContext } from "./context.js";

/** Registers the lifecycle tests. */
export function lifecycleTests(context: TransportContext): void {
  describe("disconnect", () => {
    it("closes the client and reports host.disconnected exactly once", async () => {
      const started = await context.start();
      const [leaving, staying] = await context.connectMany(started, 2);
      started.transport.disconnect(leaving!.id);
      await leaving!.client.closedByServer;
      await started.host.waitDisconnected(leaving!.id);
      expect(started.transport.hasSocket(leaving!.id)).toBe(false);
      expect(started.transport.hasSocket(staying!.id)).toBe(true);
      started.transport.disconnect(leaving!.id);
      expect(() => started.transport.disconnect("nobody")).not.toThrow();
      // The other socket still works; and close() must not report the departed socket again.
      await expect(staying!.client.request("echo", ["still here"])).resolves.toEqual({ error: null, results: ["still here"] });
      await started.transport.close();
      expect(started.host.disconnectCount(leaving!.id)).toBe(1);
      expect(started.host.disconnectedIds).toHaveLength(2);
    });

    it("delivers notifications sent just before disconnect, as a login rejection needs", async () => {
      const started = await context.start({
        onConnected: (socketId) => {
          started.transport.emitToSocket(socketId, "loginRejected", ["ChatServiceError: go away"]);
          started.transport.disconnect(socketId);
        },
      });
      const { client, id } = await context.connect(started);
      await client.closedByServer;
      expect(client.received).toEqual([["loginRejected", "ChatServiceError: go away"]]);
      await started.host.waitDisconnected(id);
      expect(started.transport.hasSocket(id)).toBe(false);
      await started.transport.close();
      expect(started.host.disconnectedIds).toEqual([id]);
    });

    it("lets host.request disconnect its socket and respond afterwards", async () => {
      const started = await context.start({
        answer: ({ socketId, respond }) => {
          started.transport.disconnect(socketId);
          respond?.({ error: null, results: ["too late"] });
        },
      });
      const { client, id } = await context.connect(started);
      void client.request("first", []);
      await client.closedByServer;
      await started.host.waitDisconnected(id);
      expect(started.host.requests.map(({ event }) => event)).toEqual(["first"]);
    });
  });

  describe("client close", () => {
    it("reports host.disconnected exactly once", async () => {
      const started = await context.start();
      const [leaving, staying] = await context.connectMany(started, 2);
      await leaving!.client.close();
      await started.host.waitDisconnected(leaving!.id);
      expect(started.transport.hasSocket(leaving!.id)).toBe(false);
      expect(started.transport.hasSocket(staying!.id)).toBe(true);
      await context.fence(started.transport, staying!);
      await started.transport.close();
      expect(started.host.disconnectCount(leaving!.id)).toBe(1);
    });

    it("reports many clients leaving at once, each once", async () => {
      const started = await context.start();
      const clients = await context.connectMany(started, 5);
      await Promise.all(clients.map(({ client }) => client.close()));
      await Promise.all(clients.map(({ id }) => started.host.waitDisconnected(id)));
      await started.transport.close();
      expect([...started.host.disconnectedIds].sort()).toEqual(clients.map(({ id }) => id).sort());
    });
  });

  describe("close", () => {
    it("disconnects every client and reports each through host.disconnected before it resolves", async () => {
      const started = await context.start();
      const clients = await context.connectMany(started, 3);
      await started.transport.close();
      expect([...started.host.disconnectedIds].sort()).toEqual(clients.map(({ id }) => id).sort());
      expect(clients.map(({ id }) => started.transport.hasSocket(id))).toEqual([false, false, false]);
      expect(started.transport.getHandshakeData(clients[0]!.id)).toEqual({ isConnected: false, query: {}, headers: {} });
      await Promise.all(clients.map(({ client }) => client.closedByServer));
    });

    it("is idempotent, called together or again", async () => {
      const started = await context.start();
      const { id } = await context.connect(started);
      await Promise.all([started.transport.close(), started.transport.close()]);
      await started.transport.close();
      expect(started.host.disconnectedIds).toEqual([id]);
    });

    it("accepts no connection afterwards, and its methods stay harmless", async () => {
      const started = await context.start();
      const { id } = await context.connect(started);
      await started.transport.close();
      await expect(context.factory.connect(started.transport)).rejects.toBeDefined();
      expect(started.host.connectedIds).toEqual([id]);
      expect(started.transport.joinChannel(id, "lobby")).toBe(false);
      expect(() => {
        started.transport.emit("lobby", "roomMessage", []);
        started.transport.emitToSocket(id, "directMessage", []);
        started.transport.leaveChannel(id, "lobby");
        started.transport.disconnect(id);
      }).not.toThrow();
    });

    it("can be closed without clients, and without having started", async () => {
      const started = await context.start();
      await expect(started.transport.close()).resolves.toBeUndefined();
      await expect(context.factory.create().close()).resolves.toBeUndefined();
      expect(started.host.disconnectedIds).toEqual([]);
    });
  });
}
