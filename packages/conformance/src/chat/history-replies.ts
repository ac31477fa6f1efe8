/**
 * History replies end to end: a page may reach the client as its store's JSON text (`withJsonText` of
 * `@chat/core`), and must then be exactly what the messages would have encoded to; whoever may change a page
 * (an after hook, a server-side caller) gets objects, and the client what they made of it.
 * @module
 */
import { jsonTextOf, type RoomMessage } from "@chat/core";
import { describe, expect, it } from "vitest";
import { bytes } from "./direct-and-hooks-2.js";
import { expectResult, type ChatHarness } from "./harness.js";

/** Texts that JSON escapes, or that are easy to get wrong when texts are joined by hand. */
const awkwardTexts = ["plain", 'quoted "text", commas, ] and }', "line\nbreak\ttab\\backslash", "é 🙂 \u2028 \u0000", "</script>", ""];

export function describeHistoryReplies(harness: ChatHarness): void {
  describe("history replies", () => {
    it("carry every message as it was broadcast, on the first read and on later ones", async () => {
      const server = await harness();
      await server.service.addRoom("r");
      const alice = await server.connect("alice");
      const bob = await server.connect("bob");
      expectResult(await alice.request("roomJoin", "r"));
      expectResult(await bob.request("roomJoin", "r"));
      for (const textMessage of awkwardTexts) expectResult(await alice.request("roomMessage", "r", { textMessage }));
      const broadcast: unknown[] = [];
      for (const _ of awkwardTexts) broadcast.push((await bob.next("roomMessage"))[1]);
      const newestFirst = broadcast.reverse();

      for (let read = 0; read < 2; read++) {
        expect(expectResult(await bob.request("roomHistoryGet", "r", 0, 100))).toEqual(newestFirst);
        expect(expectResult(await bob.request("roomRecentHistory", "r"))).toEqual(newestFirst);
        expect(expectResult(await bob.request("roomHistoryGet", "r", 2, 2))).toEqual(newestFirst.slice(-4, -2));
      }
      expect(expectResult(await bob.request("roomHistoryGet", "r", 100, 10))).toEqual([]);
    });

    it("show the client what an after hook made of the page", async () => {
      const server = await harness({}, {
        roomHistoryGetAfter: (info) => {
          const [page] = info.results as [RoomMessage[]];
          page[0]!.textMessage = "changed by the hook";
          page.push({ textMessage: "added by the hook", author: "hook", timestamp: 0, id: 0 });
        },
      });
      await server.service.addRoom("r");
      const alice = await server.connect("alice");
      expectResult(await alice.request("roomJoin", "r"));
      expectResult(await alice.request("roomMessage", "r", { textMessage: "one" }));
      const changed = expectResult(await alice.request("roomHistoryGet", "r", 0, 10)) as RoomMessage[];
      expect(changed.map((message) => message.textMessage)).toEqual(["changed by the hook", "added by the hook"]);
      // The stored message is untouched: the hook changed a copy.
      const [stored] = expectResult(await alice.request("roomRecentHistory", "r")) as RoomMessage[];
      expect(stored).toMatchObject({ textMessage: "one", author: "alice", id: 1 });
    });

    it("give a server-side caller plain copies, which it may change without changing any later reply", async () => {
      const server = await harness();
      await server.service.addRoom("r");
      const alice = await server.connect("alice");
      expectResult(await alice.request("roomJoin", "r"));
      expectResult(await alice.request("roomMessage", "r", { textMessage: "one" }));
      expectResult(await alice.request("roomHistoryGet", "r", 0, 10));
      const [page] = (await server.service.execUserCommand("alice", "roomHistoryGet", "r", 0, 10)) as [RoomMessage[]];
      expect(jsonTextOf(page)).toBeUndefined();
      page[0]!.textMessage = "changed by the caller";
      const [recent] = (await server.service.execUserCommand("alice", "roomRecentHistory", "r")) as [RoomMessage[]];
      expect(jsonTextOf(recent)).toBeUndefined();
      expect(expectResult(await alice.request("roomHistoryGet", "r", 0, 10))).toEqual([expect.objectContaining({ textMessage: "one", id: 1 })]);
    });

    it("send binary data as binary in a page that also holds plain messages", async () => {
      const server = await harness({}, { roomMessagesChecker: () => {} });
      await server.service.addRoom("r");
      const alice = await server.connect("alice");
      expectResult(await alice.request("roomJoin", "r"));
      expectResult(await alice.request("roomMessage", "r", { textMessage: "before" }));
      expectResult(await alice.request("roomMessage", "r", { file: Buffer.from([1, 2, 255]) }));
      expectResult(await alice.request("roomMessage", "r", { textMessage: "after" }));
      // Read the plain ones alone first, so that whatever a store keeps for them is made before the mixed read.
      expectResult(await alice.request("roomHistoryGet", "r", 2, 1));
      const page = expectResult(await alice.request("roomHistoryGet", "r", 0, 10)) as Record<string, unknown>[];
      expect(page.map((message) => message.id)).toEqual([3, 2, 1]);
      expect(bytes(page[1]!.file)).toEqual([1, 2, 255]);
      expect(page[0]).toMatchObject({ textMessage: "after" });
    });
  });
}
