/**
 * roomJoin answers `timeout` when the user/room lock stays taken (PROTOCOL.md §7.5): here another
 * holder — as another instance would — keeps it in the store. The server's real backoff runs (11–23 s); roomLeave
 * and the removals take the same lock path (see also core's test/locks.test.ts, on a fake clock).
 */
import { expectError, expectResult } from "@chat/conformance";
import { afterEach, expect, it } from "vitest";
import { socketIoHarness } from "./chat/socket-io-harness.js";

const { harness, closeAll } = socketIoHarness();
afterEach(closeAll);

it("answers timeout to roomJoin while another holder keeps the lock, then joins once it is free", { timeout: 40_000 }, async () => {
  const server = await harness();
  await server.service.addRoom("busy");
  const alice = await server.connect("alice");
  const store = server.service.store;
  expect(await store.acquireLock("alice", "busy", "another-instance", 120_000)).toBe(true);

  expectError(await alice.request("roomJoin", "busy"), "timeout");
  expect(expectResult(await alice.request("listOwnSockets"))).toEqual({ [alice.id]: [] });

  await store.releaseLock("alice", "busy", "another-instance");
  expect(expectResult(await alice.request("roomJoin", "busy"))).toBe(1);
});
