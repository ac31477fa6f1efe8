/**
 * Binary data through a real service (PROTOCOL.md §10): with a `roomMessagesChecker`, a message may carry
 * Buffers; they reach the store and other clients as Buffers, and come back from history as Buffers.
 */
import { type ChatService, createChatServer } from "@chat/core";
import { memoryStore } from "@chat/store-memory";
import { afterEach, expect, it } from "vitest";
import { wsTransport } from "../src/index.js";
import { logInPeer } from "./helpers/login.js";
import { wsUrl } from "./helpers/raw-client.js";
import { closePeers } from "./helpers/ws-peer.js";

let service: ChatService | undefined;

afterEach(async () => {
  await closePeers();
  await service?.close();
  service = undefined;
});

it("carries Buffers in a room message to the store, to another client and back from history", async () => {
  const transport = wsTransport({ port: 0, host: "127.0.0.1" });
  const checked: unknown[] = [];
  service = await createChatServer(
    { store: memoryStore(), transports: [transport] },
    {
      onConnect: (chat, id) => chat.transport.getHandshakeData(id).query.userName as string,
      roomMessagesChecker: (message) => void checked.push(message),
    },
  );
  await service.addRoom("files");
  const url = wsUrl(transport);
  const alice = await logInPeer(url, "alice");
  const bob = await logInPeer(url, "bob");
  for (const { peer } of [alice, bob]) expect(await peer.request("roomJoin", ["files"])).toEqual({ error: null, results: [1] });

  const data = Buffer.from([0, 1, 2, 127, 128, 255]);
  const message = { name: "a.bin", data, parts: [{ chunk: Buffer.from("xyz") }] };
  expect(await alice.peer.request("roomMessage", ["files", message])).toEqual({ error: null, results: [1] });
  expect(Buffer.isBuffer((checked[0] as { data: unknown }).data)).toBe(true);

  const [room, received] = (await bob.peer.next("roomMessage")) as [string, typeof message & { author: string; id: number }];
  expect(room).toBe("files");
  expect(Buffer.isBuffer(received.data)).toBe(true);
  expect(received).toEqual({ ...message, author: "alice", id: 1, timestamp: expect.any(Number) });

  const [stored] = (await service.execUserCommand(true, "roomRecentHistory", "files"))[0] as Array<typeof message>;
  expect(Buffer.isBuffer(stored!.data)).toBe(true);
  expect(Buffer.isBuffer(stored!.parts[0]!.chunk)).toBe(true);

  const history = await bob.peer.request("roomHistoryGet", ["files", 0, 10]);
  const [fromHistory] = history.results[0] as Array<typeof message>;
  expect(Buffer.isBuffer(fromHistory!.data)).toBe(true);
  expect(fromHistory).toEqual(received);
});
