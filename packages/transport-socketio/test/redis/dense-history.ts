/**
 * The dense-history check: instances × senders × messages, all posting concurrently to one room, must give
 * every id 1…N exactly once, in order, in the history and in every member's stream.
 */
import { expectResult, type TestClient, type TestServer } from "@chat/conformance";
import type { Store } from "@chat/core";
import { expect } from "vitest";

interface Posted {
  id: number;
  author: string;
  textMessage: string;
}

export async function checkDenseHistory(servers: TestServer[], store: Store, sendersPerInstance: number, messagesPerSender: number): Promise<void> {
  const total = servers.length * sendersPerInstance * messagesPerSender;
  await servers[0]!.service.addRoom("dense", { historyMaxSize: total });
  const senders: TestClient[] = [];
  for (const [i, server] of servers.entries()) {
    for (let s = 0; s < sendersPerInstance; s++) senders.push(await server.connect(`sender-${i}-${s}`));
  }
  for (const sender of senders) expectResult(await sender.request("roomJoin", "dense"));

  // Every sender posts its messages one after another; all senders on all instances at once.
  const acked = await Promise.all(
    senders.map(async (sender) => {
      const ids: number[] = [];
      for (let m = 0; m < messagesPerSender; m++) {
        ids.push(expectResult(await sender.request("roomMessage", "dense", { textMessage: `${sender.userName}:${m}` })) as number);
      }
      return ids;
    }),
  );
  const everyId = Array.from({ length: total }, (_, k) => k + 1);
  expect(acked.flat().sort((a, b) => a - b)).toEqual(everyId);

  // The history: ids 1…total, each message the one its sender was told it got, each sender's in sending order.
  const history = ((await store.getMessagesAfter("dense", 0, total)) ?? []).reverse() as unknown as Posted[];
  expect(history.map((message) => message.id)).toEqual(everyId);
  const byId = new Map(history.map((message) => [message.id, message]));
  for (const [k, sender] of senders.entries()) {
    expect(acked[k]!.map((id) => byId.get(id)!.textMessage)).toEqual(Array.from({ length: messagesPerSender }, (_, m) => `${sender.userName}:${m}`));
  }

  // Every member's stream: all ids, once each, in order.
  for (const member of senders) {
    for (let k = 0; k < total; k++) await member.next("roomMessage");
    const stream = member.all("roomMessage").map(([, message]) => (message as Posted).id);
    expect(stream, `${member.userName}'s stream`).toEqual(everyId);
  }
}
