/**
 * An unmodified chat-service 1.0 client — socket.io-client 2, default options, callbacks — against the real
 * service: the wire contract of PROTOCOL.md §3–4 end to end.
 */
import { createChatServer, type ChatService } from "@chat/core";
import { memoryStore } from "@chat/store-memory";
import ioV2 from "socket.io-client-v2";
import { afterEach, expect, it } from "vitest";
import { socketIoTransport } from "../src/index.js";
import { closeClients, trackClient } from "./helpers/clients.js";
import { once } from "./helpers/deferred.js";

let service: ChatService | undefined;
afterEach(async () => {
  closeClients();
  await service?.close();
});

function request(client: ReturnType<typeof ioV2>, event: string, ...args: unknown[]): Promise<unknown[]> {
  return new Promise((resolve) => client.emit(event, ...args, (...reply: unknown[]) => resolve(reply)));
}

it("logs in, joins, posts and reads history as chat-service 1.0 clients do", async () => {
  const transport = socketIoTransport({ port: 0, host: "127.0.0.1", serverOptions: { allowEIO3: true } });
  service = await createChatServer(
    { store: memoryStore(), transports: [transport], enableUserlistUpdates: true },
    { onConnect: (chat, id) => chat.transport.getHandshakeData(id).query.user as string },
  );
  await service.addRoom("default", { owner: "admin" });

  // socket.io-client 2 with its defaults: polling first, then the upgrade.
  const client = trackClient(ioV2(`http://127.0.0.1:${transport.address()!.port}/chat-service`, { query: { user: "alice" }, forceNew: true, reconnection: false }));
  const [userName, authData] = (await once(client, "loginConfirmed")) as [string, { id: string }];
  expect(userName).toBe("alice");
  expect(authData.id).toMatch(/^\/chat-service#/);

  const joinedNotice = once(client, "roomUserJoined");
  expect(await request(client, "roomJoin", "default")).toEqual([null, 1]);
  expect(await joinedNotice).toEqual(["default", "alice"]);

  const message = once(client, "roomMessage");
  expect(await request(client, "roomMessage", "default", { textMessage: "Hello!" })).toEqual([null, 1]);
  expect(await message).toEqual(["default", { textMessage: "Hello!", author: "alice", timestamp: expect.any(Number), id: 1 }]);

  const [error, history] = await request(client, "roomRecentHistory", "default");
  expect(error).toBeNull();
  expect(history).toEqual([{ textMessage: "Hello!", author: "alice", timestamp: expect.any(Number), id: 1 }]);
  expect(await request(client, "roomJoin", "nowhere")).toEqual(["ChatServiceError: No such room nowhere", null]);
  expect(await request(client, "listOwnSockets")).toEqual([null, { [authData.id]: ["default"] }]);
  expect(await request(client, "roomLeave", "default")).toEqual([null, 0]);
});
