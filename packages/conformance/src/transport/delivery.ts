/**
 * Notifications: channels (`joinChannel`, `leaveChannel`, `emit` with `except`), `emitToSocket`, and order.
 * @module
 */
import { describe, expect, it } from "vitest";
import { receivedOf, type Connected, type Started, type TransportContext } from "./context.js";

/** Registers the delivery tests. */
export function deliveryTests(context: TransportContext): void {
  /** Fences every client, then returns what each received of `event`. */
  const settled = async (started: Started, clients: readonly Connected[], event: string): Promise<unknown[][][]> => {
    await Promise.all(clients.map((connected) => context.fence(started.transport, connected)));
    return clients.map(({ client }) => receivedOf(client, event));
  };

  describe("channels", () => {
    it("joinChannel returns true for a local socket and false for an unknown one", async () => {
      const started = await context.start();
      const { id } = await context.connect(started);
      expect(started.transport.joinChannel(id, "lobby")).toBe(true);
      expect(started.transport.joinChannel(id, "lobby")).toBe(true);
      expect(started.transport.joinChannel("nobody", "lobby")).toBe(false);
      expect(() => started.transport.leaveChannel("nobody", "lobby")).not.toThrow();
      expect(() => started.transport.leaveChannel(id, "never-joined")).not.toThrow();
    });

    it("emit reaches every member and no one else", async () => {
      const started = await context.start();
      const clients = await context.connectMany(started, 3);
      const [a, b] = clients;
      started.transport.joinChannel(a!.id, "lobby");
      started.transport.joinChannel(b!.id, "lobby");
      started.transport.emit("lobby", "roomMessage", ["lobby", { textMessage: "hello" }]);
      expect(await settled(started, clients, "roomMessage")).toEqual([
        [["lobby", { textMessage: "hello" }]],
        [["lobby", { textMessage: "hello" }]],
        [],
      ]);
    });

    it("emit skips the socket named by except", async () => {
      const started = await context.start();
      const clients = await context.connectMany(started, 3);
      for (const { id } of clients) started.transport.joinChannel(id, "lobby");
      started.transport.emit("lobby", "roomMessage", ["lobby", 1], clients[1]!.id);
      expect(await settled(started, clients, "roomMessage")).toEqual([[["lobby", 1]], [], [["lobby", 1]]]);
    });

    it("emit with an except that is not a member, or not a socket, reaches every member", async () => {
      const started = await context.start();
      const clients = await context.connectMany(started, 3);
      const [a, b, outsider] = clients;
      started.transport.joinChannel(a!.id, "lobby");
      started.transport.joinChannel(b!.id, "lobby");
      started.transport.emit("lobby", "roomMessage", [1], outsider!.id);
      started.transport.emit("lobby", "roomMessage", [2], "nobody");
      expect(await settled(started, clients, "roomMessage")).toEqual([[[1], [2]], [[1], [2]], []]);
    });

    it("hasChannelMembers, when implemented, tells whether a local socket is in a channel", async (test) => {
      const started = await context.start();
      const has = started.transport.hasChannelMembers?.bind(started.transport);
      if (has === undefined) return test.skip();
      const [a, b, leaving] = await context.connectMany(started, 3);
      expect(has("lobby")).toBe(false);
      started.transport.joinChannel(a!.id, "lobby");
      started.transport.joinChannel(b!.id, "lobby");
      started.transport.joinChannel(leaving!.id, "other");
      started.transport.joinChannel("nobody", "ghosts");
      expect([has("lobby"), has("other"), has("ghosts")]).toEqual([true, true, false]);
      started.transport.leaveChannel(a!.id, "lobby");
      expect(has("lobby")).toBe(true);
      started.transport.leaveChannel(b!.id, "lobby");
      expect(has("lobby")).toBe(false);
      // A socket that disconnects leaves every channel.
      started.transport.disconnect(leaving!.id);
      await started.host.waitDisconnected(leaving!.id);
      expect(has("other")).toBe(false);
    });

    it("keeps channels apart", async () => {
      const started = await context.start();
      const clients = await context.connectMany(started, 2);
      started.transport.joinChannel(clients[0]!.id, "red");
      started.transport.joinChannel(clients[1]!.id, "blue");
      started.transport.emit("red", "color", ["red"]);
      started.transport.emit("blue", "color", ["blue"]);
      started.transport.emit("green", "color", ["green"]);
      expect(await settled(started, clients, "color")).toEqual([[["red"]], [["blue"]]]);
    });

    it("leaveChannel stops delivery to that socket only", async () => {
      const started = await context.start();
      const clients = await context.connectMany(started, 2);
      const [a, b] = clients;
      for (const { id } of clients) started.transport.joinChannel(id, "lobby");
      started.transport.joinChannel(a!.id, "other");
      started.transport.leaveChannel(a!.id, "lobby");
      started.transport.emit("lobby", "roomMessage", ["after leave"]);
      started.transport.emit("other", "roomMessage", ["still in other"]);
      expect(await settled(started, [a!, b!], "roomMessage")).toEqual([[["still in other"]], [["after leave"]]]);
    });

    it("forgets the channels of a socket that left", async () => {
      const started = await context.start();
      const [a, b] = await context.connectMany(started, 2);
      started.transport.joinChannel(a!.id, "lobby");
      started.transport.joinChannel(b!.id, "lobby");
      await a!.client.close();
      await started.host.waitDisconnected(a!.id);
      expect(started.transport.joinChannel(a!.id, "lobby")).toBe(false);
      expect(() => started.transport.emit("lobby", "roomMessage", ["after"])).not.toThrow();
      expect(await settled(started, [b!], "roomMessage")).toEqual([[["after"]]]);
    });
  });

  describe("emitToSocket", () => {
    it("reaches that socket only", async () => {
      const started = await context.start();
      const clients = await context.connectMany(started, 3);
      started.transport.emitToSocket(clients[1]!.id, "directMessage", [{ author: "alice", textMessage: "psst" }]);
      expect(() => started.transport.emitToSocket("nobody", "directMessage", [])).not.toThrow();
      expect(await settled(started, clients, "directMessage")).toEqual([[], [[{ author: "alice", textMessage: "psst" }]], []]);
    });

    it("carries values of every JSON type", async () => {
      const started = await context.start();
      const { client, id } = await context.connect(started);
      const values = ["text", "", 0, -1.5, true, false, null, [], {}, { nested: [{ deep: ["x"] }] }];
      started.transport.emitToSocket(id, "values", values);
      started.transport.emitToSocket(id, "nothing", []);
      expect(await client.next("values")).toEqual(values);
      expect(await client.next("nothing")).toEqual([]);
    });
  });

  describe("order", () => {
    it("keeps per-socket order for many notifications to many sockets", async () => {
      const started = await context.start();
      const clients = await context.connectMany(started, 5);
      for (const { id } of clients) started.transport.joinChannel(id, "lobby");
      const count = 200;
      for (let sequence = 0; sequence < count; sequence++) {
        started.transport.emit("lobby", "sequence", [sequence]);
        // Interleave direct notifications, which share each socket's one stream with the channel's.
        if (sequence % 50 === 0) for (const { id } of clients) started.transport.emitToSocket(id, "sequence", [`direct ${sequence}`]);
      }
      const expected: unknown[][] = [];
      for (let sequence = 0; sequence < count; sequence++) {
        expected.push([sequence]);
        if (sequence % 50 === 0) expected.push([`direct ${sequence}`]);
      }
      expect(await settled(started, clients, "sequence")).toEqual(clients.map(() => expected));
    });

    it("delivers notifications sent before a reply ahead of that reply", async () => {
      const started = await context.start({
        answer: ({ socketId, args, respond }) => {
          started.transport.emitToSocket(socketId, "progress", [args[0], "before"]);
          respond?.({ error: null, results: [args[0]] });
          started.transport.emitToSocket(socketId, "progress", [args[0], "after"]);
        },
      });
      const { client } = await context.connect(started);
      await client.request("work", [1]);
      // Only "before" is certain by now: "after" may have arrived in the same read as the reply.
      expect(receivedOf(client, "progress")[0]).toEqual([1, "before"]);
    });
  });
}
