/**
 * Requests: `host.request` with or without `respond`, results and errors as the client receives them, a reply
 * delivered once, and binary values both ways.
 * @module
 */
import { describe, expect, it } from "vitest";
import type { TransportContext } from "./context.js";
import { noRoomError } from "./recording-host.js";
import type { RawError } from "./types.js";

/** Registers the request tests. */
export function requestTests(context: TransportContext): void {
  describe("requests", () => {
    it("hands a request to host.request with a respond whose results reach the client", async () => {
      const started = await context.start();
      const { client, id } = await context.connect(started);
      const reply = await client.request("roomMessage", ["lobby", { textMessage: "hi" }]);
      expect(reply).toEqual({ error: null, results: ["lobby", { textMessage: "hi" }] });
      expect(started.host.requests).toHaveLength(1);
      const [recorded] = started.host.requests;
      expect(recorded).toMatchObject({ socketId: id, event: "roomMessage", args: ["lobby", { textMessage: "hi" }] });
      expect(recorded!.respond).toBeTypeOf("function");
    });

    it("delivers no results, one, or several, and answers requests in any order", async () => {
      const started = await context.start();
      const { client } = await context.connect(started);
      const replies = await Promise.all([
        client.request("noArgs", []),
        client.request("one", [null]),
        client.request("several", [1, "two", [3], { four: 4 }]),
      ]);
      expect(replies.map(({ results }) => results)).toEqual([[], [null], [1, "two", [3], { four: 4 }]]);
      expect(replies.every(({ error }) => error === null)).toBe(true);
    });

    it("passes no respond when the client wants no reply", async () => {
      const started = await context.start();
      const { client, id } = await context.connect(started);
      client.send("roomMessage", ["lobby", { textMessage: "fire and forget" }]);
      const recorded = await started.host.nextRequest();
      expect(recorded).toMatchObject({ socketId: id, event: "roomMessage", args: ["lobby", { textMessage: "fire and forget" }] });
      expect(recorded.respond).toBeUndefined();
    });

    it("delivers a reply once when respond is called twice", async () => {
      const started = await context.start({
        answer: ({ respond }) => {
          respond?.({ error: null, results: ["first"] });
          respond?.({ error: null, results: ["second"] });
          respond?.({ error: noRoomError("third") });
        },
      });
      const connected = await context.connect(started);
      const before = connected.client.repliesReceived;
      await expect(connected.client.request("twice", [])).resolves.toEqual({ error: null, results: ["first"] });
      await context.fence(started.transport, connected);
      expect(connected.client.repliesReceived - before).toBe(1);
    });

    it("forgets a respond that is called after its socket left", async () => {
      let late: (() => void) | undefined;
      const started = await context.start({
        answer: ({ respond }) => {
          late = () => respond?.({ error: null, results: ["late"] });
        },
      });
      const { client, id } = await context.connect(started);
      void client.request("slow", []);
      await started.host.nextRequest();
      await client.close();
      await started.host.waitDisconnected(id);
      expect(late).toBeDefined();
      expect(() => late!()).not.toThrow();
    });
  });

  describe("errors", () => {
    const expectErrorForm = (error: RawError | null, rawObjects: boolean): void => {
      const { text, object } = noRoomError("r");
      expect(error, "an error reply").not.toBeNull();
      const textOnly = context.factory.errorForm === "text-or-object" && !rawObjects;
      if (textOnly || error!.text !== undefined) expect(error!.text).toBe(text);
      if (!textOnly || error!.code !== undefined) {
        expect(error!.code).toBe(object.code);
        expect(error!.args).toEqual(object.args);
      }
    };

    it("delivers an error outcome (useRawErrorObjects: false)", async () => {
      const started = await context.start({ useRawErrorObjects: false });
      const { client } = await context.connect(started);
      const reply = await client.request("fail", ["r"]);
      expectErrorForm(reply.error, false);
      expect(reply.results).toEqual([]);
    });

    it("delivers an error outcome (useRawErrorObjects: true)", async () => {
      const started = await context.start({ useRawErrorObjects: true });
      const { client } = await context.connect(started);
      const reply = await client.request("fail", ["r"]);
      expectErrorForm(reply.error, true);
      expect(reply.results).toEqual([]);
    });
  });

  describe("binary values", () => {
    const payload = () => ({ textMessage: "file", files: [{ name: "a.bin", data: Buffer.from([0, 1, 2, 255]) }] });

    it("carries Buffers nested in request args and in results as binary", async () => {
      const started = await context.start();
      const { client } = await context.connect(started);
      const reply = await client.request("roomMessage", ["lobby", payload(), Buffer.from("top")]);
      const [room, received, top] = started.host.requests[0]!.args as [string, ReturnType<typeof payload>, Buffer];
      expect(room).toBe("lobby");
      expect(Buffer.isBuffer(received.files[0]!.data)).toBe(true);
      expect(received).toEqual(payload());
      expect(Buffer.isBuffer(top)).toBe(true);
      expect(top.toString()).toBe("top");

      expect(reply.error).toBeNull();
      const [, echoed, echoedTop] = reply.results as [string, ReturnType<typeof payload>, Buffer];
      expect(Buffer.isBuffer(echoed.files[0]!.data)).toBe(true);
      expect(echoed).toEqual(payload());
      expect(Buffer.isBuffer(echoedTop)).toBe(true);
      expect(echoedTop.toString()).toBe("top");
    });

    it("carries Buffers in notifications, to a socket and to a channel", async () => {
      const started = await context.start();
      const { client, id } = await context.connect(started);
      started.transport.emitToSocket(id, "directMessage", [payload()]);
      expect(started.transport.joinChannel(id, "files")).toBe(true);
      started.transport.emit("files", "roomMessage", ["files", payload()]);
      const [direct] = (await client.next("directMessage")) as [ReturnType<typeof payload>];
      const [, broadcast] = (await client.next("roomMessage")) as [string, ReturnType<typeof payload>];
      for (const value of [direct, broadcast]) {
        expect(Buffer.isBuffer(value.files[0]!.data)).toBe(true);
        expect(value).toEqual(payload());
      }
    });
  });
}
