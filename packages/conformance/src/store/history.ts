/**
 * History: ids, the ring capacity, recent reads and the id windows of PROTOCOL.md §8.15, copies and binary data.
 * @module
 */
import { describe, expect, it } from "vitest";
import { jsonTextOf, type ProcessedMessage, type RoomMessage } from "@chat/core";
import type { StoreContext } from "./context.js";

/** The message a test stores as number `n`. */
export function message(n: number): ProcessedMessage & { timestamp: number } {
  return { textMessage: `message ${n}`, author: "author", timestamp: 1_700_000_000_000 + n };
}

/** Creates a room of the given capacity and stores `count` messages in it. */
async function roomWithMessages(t: StoreContext, historyMaxSize: number, count: number): Promise<string> {
  const roomName = await t.room({ historyMaxSize });
  for (let n = 1; n <= count; n++) await t.store.appendMessage(roomName, message(n));
  return roomName;
}

const ids = (messages: RoomMessage[] | null): number[] | null => messages && messages.map((m) => m.id);

/** Registers the history tests. */
export function historyTests(t: StoreContext): void {
  describe("history", () => {
    it("appendMessage assigns ids 1, 2, 3… and stores the message with its id", async () => {
      const roomName = await t.room();
      expect(await t.store.appendMessage(roomName, message(1))).toBe(1);
      expect(await t.store.appendMessage(roomName, message(2))).toBe(2);
      expect(await t.store.appendMessage(roomName, message(3))).toBe(3);
      expect(await t.store.getRecentMessages(roomName, 10)).toEqual([
        { ...message(3), id: 3 },
        { ...message(2), id: 2 },
        { ...message(1), id: 1 },
      ]);
      expect(await t.store.getHistoryInfo(roomName)).toEqual({ historySize: 3, historyMaxSize: 10, lastMessageId: 3 });
    });

    it("appendMessageByMember stores a member's message in the same id sequence", async () => {
      const roomName = await t.room();
      const userName = await t.user();
      await t.store.joinSocket(userName, await t.socket(userName), roomName);
      expect(await t.store.appendMessage(roomName, message(1))).toBe(1);
      expect(await t.store.appendMessageByMember(roomName, userName, message(2))).toBe(2);
      expect(await t.store.getRecentMessages(roomName, 10)).toEqual([
        { ...message(2), id: 2 },
        { ...message(1), id: 1 },
      ]);
    });

    it("appendMessageByMember refuses a user outside the userlist without consuming an id", async () => {
      const roomName = await t.room({ historyMaxSize: 1 });
      const [member, stranger] = [await t.user(), await t.user()];
      const socketId = await t.socket(member);
      await t.store.joinSocket(member, socketId, roomName);
      expect(await t.store.appendMessageByMember(roomName, stranger, message(1))).toBe(false);
      // Joined sockets, whitelists and adminlists do not count: only the userlist does.
      expect(await t.store.addToRoomList(roomName, "adminlist", [stranger])).toBe("ok");
      expect(await t.store.appendMessageByMember(roomName, stranger, message(1))).toBe(false);
      expect(await t.store.appendMessageByMember(roomName, member, message(1))).toBe(1);
      await t.store.leaveSocket(member, socketId, roomName);
      expect(await t.store.appendMessageByMember(roomName, member, message(2))).toBe(false);
      expect(await t.store.getHistoryInfo(roomName)).toEqual({ historySize: 1, historyMaxSize: 1, lastMessageId: 1 });
      expect(await t.store.getRecentMessages(roomName, 10)).toEqual([{ ...message(1), id: 1 }]);
    });

    it("getRoomAccessAndMessagesAfter reads what getRoomAccess and getMessagesAfter read", async () => {
      const roomName = await roomWithMessages(t, 3, 5);
      const [member, admin] = [await t.user(), await t.user()];
      await t.store.joinSocket(member, await t.socket(member), roomName);
      await t.store.addToRoomList(roomName, "adminlist", [admin]);
      for (const userName of [member, admin, null]) {
        for (const [afterId, limit] of [[0, 10], [1, 2], [3, 10], [5, 10], [2, 0], [-4, 2.5], [99, 3]] as const) {
          expect(await t.store.getRoomAccessAndMessagesAfter(roomName, userName, afterId, limit), `${userName} ${afterId} ${limit}`).toEqual({
            access: await t.store.getRoomAccess(roomName, userName),
            messages: await t.store.getMessagesAfter(roomName, afterId, limit),
          });
        }
      }
      expect((await t.store.getRoomAccessAndMessagesAfter(roomName, member, 0, 10))!.access.inUserlist).toBe(true);
      expect(ids((await t.store.getRoomAccessAndMessagesAfter(roomName, admin, 2, 10))!.messages)).toEqual([5, 4, 3]);
    });

    it("keeps a message without an author as it is", async () => {
      const roomName = await t.room();
      await t.store.appendMessage(roomName, { textMessage: "system", timestamp: 5 });
      const [stored] = (await t.store.getRecentMessages(roomName, 1))!;
      expect(stored).toEqual({ textMessage: "system", timestamp: 5, id: 1 });
      expect("author" in stored!).toBe(false);
    });

    it("getRecentMessages returns the newest `limit` messages, newest first", async () => {
      const roomName = await roomWithMessages(t, 10, 5);
      expect(ids(await t.store.getRecentMessages(roomName, 2))).toEqual([5, 4]);
      expect(ids(await t.store.getRecentMessages(roomName, 5))).toEqual([5, 4, 3, 2, 1]);
      expect(ids(await t.store.getRecentMessages(roomName, 50))).toEqual([5, 4, 3, 2, 1]);
      expect(await t.store.getRecentMessages(roomName, 0)).toEqual([]);
    });

    it("keeps only the newest historyMaxSize messages", async () => {
      const roomName = await roomWithMessages(t, 3, 5);
      expect(await t.store.getHistoryInfo(roomName)).toEqual({ historySize: 3, historyMaxSize: 3, lastMessageId: 5 });
      expect(await t.store.getRecentMessages(roomName, 10)).toEqual([5, 4, 3].map((n) => ({ ...message(n), id: n })));
    });

    it("with capacity 0 keeps nothing but still consumes ids", async () => {
      const roomName = await t.room({ historyMaxSize: 0 });
      expect(await t.store.appendMessage(roomName, message(1))).toBe(1);
      expect(await t.store.appendMessage(roomName, message(2))).toBe(2);
      expect(await t.store.getHistoryInfo(roomName)).toEqual({ historySize: 0, historyMaxSize: 0, lastMessageId: 2 });
      expect(await t.store.getRecentMessages(roomName, 10)).toEqual([]);
      expect(await t.store.getMessagesAfter(roomName, 0, 10)).toEqual([]);
    });

    it("getMessagesAfter returns the messages right after an id, newest first (§8.15)", async () => {
      const roomName = await roomWithMessages(t, 10, 5);
      const after = async (afterId: number, limit: number) => ids(await t.store.getMessagesAfter(roomName, afterId, limit));
      expect(await after(0, 2)).toEqual([2, 1]);
      expect(await after(2, 2)).toEqual([4, 3]);
      expect(await after(3, 10)).toEqual([5, 4]);
      expect(await after(0, 5)).toEqual([5, 4, 3, 2, 1]);
      expect(await after(4, 1)).toEqual([5]);
      expect(await after(5, 3)).toEqual([]);
      expect(await after(9, 3)).toEqual([]);
      expect(await after(-7, 2)).toEqual([2, 1]);
      expect(await after(1, 0)).toEqual([]);
      expect(await after(1, -3)).toEqual([]);
      expect(await t.store.getMessagesAfter(roomName, 3, 1)).toEqual([{ ...message(4), id: 4 }]);
    });

    it("getMessagesAfter leaves out rotated-out ids instead of sliding the window (§8.15 examples)", async () => {
      const roomName = await roomWithMessages(t, 3, 5);
      const after = async (afterId: number, limit: number) => ids(await t.store.getMessagesAfter(roomName, afterId, limit));
      expect(await after(0, 2)).toEqual([]);
      expect(await after(1, 2)).toEqual([3]);
      expect(await after(0, 3)).toEqual([3]);
      expect(await after(0, 5)).toEqual([5, 4, 3]);
      expect(await after(2, 5)).toEqual([5, 4, 3]);
      expect(await after(3, 1)).toEqual([4]);
      expect(await after(4, 5)).toEqual([5]);
    });

    it("updateRoom with a smaller historyMaxSize trims the oldest messages immediately", async () => {
      const roomName = await roomWithMessages(t, 5, 5);
      expect(await t.store.updateRoom(roomName, { whitelistOnly: true })).toBe(true);
      expect((await t.store.getHistoryInfo(roomName))!.historySize).toBe(5);
      expect(await t.store.updateRoom(roomName, { historyMaxSize: 2 })).toBe(true);
      expect(await t.store.getHistoryInfo(roomName)).toEqual({ historySize: 2, historyMaxSize: 2, lastMessageId: 5 });
      expect(ids(await t.store.getRecentMessages(roomName, 10))).toEqual([5, 4]);
      expect(ids(await t.store.getMessagesAfter(roomName, 2, 10))).toEqual([5, 4]);
      // Growing the capacity brings nothing back, and new messages are kept up to it.
      await t.store.updateRoom(roomName, { historyMaxSize: 4 });
      await t.store.appendMessage(roomName, message(6));
      expect(ids(await t.store.getRecentMessages(roomName, 10))).toEqual([6, 5, 4]);
      await t.store.updateRoom(roomName, { historyMaxSize: 0 });
      expect(await t.store.getHistoryInfo(roomName)).toEqual({ historySize: 0, historyMaxSize: 0, lastMessageId: 6 });
    });

    it("keeps its own copy of a stored message and returns copies", async () => {
      const roomName = await t.room();
      const original = message(1);
      await t.store.appendMessage(roomName, original);
      original.textMessage = "changed by the caller";
      original.extra = true;
      const [recent] = (await t.store.getRecentMessages(roomName, 1))!;
      recent!.textMessage = "changed by a reader";
      recent!.id = 42;
      const [after] = (await t.store.getMessagesAfter(roomName, 0, 1))!;
      delete after!.author;
      expect(await t.store.getRecentMessages(roomName, 1)).toEqual([{ ...message(1), id: 1 }]);
      expect(await t.store.getMessagesAfter(roomName, 0, 1)).toEqual([{ ...message(1), id: 1 }]);
    });

    it("reads back nested values deep-equal, Buffers as Buffers", async () => {
      const roomName = await t.room();
      const nested = {
        data: Buffer.from([0, 1, 2, 127, 128, 255]),
        list: [Buffer.from("hé🙂"), 1.5, -3, "two", null, true, false, [Buffer.alloc(0)]],
        deep: { text: "é\n\"quoted\"", zero: 0, empty: {}, none: [] },
      };
      await t.store.appendMessage(roomName, { ...message(1), nested });
      const [stored] = (await t.store.getRecentMessages(roomName, 1))!;
      expect(stored).toEqual({ ...message(1), nested, id: 1 });
      const readBack = stored!.nested as typeof nested;
      expect(Buffer.isBuffer(readBack.data)).toBe(true);
      expect([...readBack.data]).toEqual([0, 1, 2, 127, 128, 255]);
      expect(Buffer.isBuffer(readBack.list[0])).toBe(true);
      expect((readBack.list[0] as Buffer).toString()).toBe("hé🙂");
      expect(Buffer.isBuffer((readBack.list[7] as Buffer[])[0])).toBe(true);
      const [viaWindow] = (await t.store.getMessagesAfter(roomName, 0, 1))!;
      expect(Buffer.isBuffer((viaWindow!.nested as typeof nested).data)).toBe(true);
    });

    it("keeps the histories of different rooms apart", async () => {
      const [a, b] = [await t.room(), await t.room()];
      await t.store.appendMessage(a, message(1));
      await t.store.appendMessage(a, message(2));
      expect(await t.store.appendMessage(b, message(3))).toBe(1);
      expect(await t.store.getRecentMessages(b, 10)).toEqual([{ ...message(3), id: 1 }]);
    });

    it("marks a page with a JSON text (withJsonText) only when it is exactly the page's JSON, never with binary data", async () => {
      const roomName = await t.room();
      await t.store.appendMessage(roomName, { ...message(1), textMessage: 'quoted "é", \n and } ]' });
      await t.store.appendMessage(roomName, { ...message(2), nested: { list: [1, null, "x"], when: new Date(0) } });
      await t.store.appendMessage(roomName, { ...message(3), file: Buffer.from([1, 2]) });
      const plain = [
        await t.store.getMessagesAfter(roomName, 0, 2),
        (await t.store.getRoomAccessAndMessagesAfter(roomName, null, 0, 2))!.messages,
        await t.store.getMessagesAfter(roomName, 10, 2),
      ];
      // Read twice: a store may keep the texts it made on the first read.
      for (const page of [...plain, await t.store.getMessagesAfter(roomName, 0, 2)]) {
        const text = jsonTextOf(page);
        if (text !== undefined) expect(text).toBe(JSON.stringify(page));
      }
      expect(jsonTextOf(await t.store.getRecentMessages(roomName, 2))).toBeUndefined();
      expect(jsonTextOf((await t.store.getRoomAccessAndMessagesAfter(roomName, null, 0, 3))!.messages)).toBeUndefined();
    });
  });
}
