/**
 * Per (user, room) locks: exclusion, release by token only, and expiry after the TTL.
 * @module
 */
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { StoreContext } from "./context.js";

/** Registers the lock tests. */
export function lockTests(t: StoreContext): void {
  describe("locks", () => {
    it("exposes lockTTL as a non-negative integer", () => {
      expect(Number.isSafeInteger(t.store.lockTTL)).toBe(true);
      expect(t.store.lockTTL).toBeGreaterThanOrEqual(0);
    });

    it("a held lock refuses other tokens; other rooms and other users are separate locks", async () => {
      const [userName, other, roomName, otherRoom] = ["user", "user", "room", "room"].map(t.name);
      expect(await t.store.acquireLock(userName, roomName, "t1", 10_000)).toBe(true);
      expect(await t.store.acquireLock(userName, roomName, "t2", 10_000)).toBe(false);
      expect(await t.store.acquireLock(userName, otherRoom, "t2", 10_000)).toBe(true);
      expect(await t.store.acquireLock(other, roomName, "t3", 10_000)).toBe(true);
    });

    it("the holding token may take its lock again", async () => {
      const [userName, roomName] = [t.name("user"), t.name("room")];
      expect(await t.store.acquireLock(userName, roomName, "t1", 10_000)).toBe(true);
      expect(await t.store.acquireLock(userName, roomName, "t1", 10_000)).toBe(true);
      expect(await t.store.acquireLock(userName, roomName, "t2", 10_000)).toBe(false);
    });

    it("taking a lock again with the holding token restarts its TTL (how long-running holders renew)", async () => {
      const [userName, roomName] = [t.name("user"), t.name("room")];
      expect(await t.store.acquireLock(userName, roomName, "t1", 10_000)).toBe(true);
      // A TTL of 0 ends at once: if it replaced the first one, the lock is free.
      expect(await t.store.acquireLock(userName, roomName, "t1", 0)).toBe(true);
      expect(await t.store.acquireLock(userName, roomName, "t2", 10_000)).toBe(true);
    });

    it("releaseLock releases only for the holding token", async () => {
      const [userName, roomName] = [t.name("user"), t.name("room")];
      expect(await t.store.releaseLock(userName, roomName, "t1")).toBe(false);
      await t.store.acquireLock(userName, roomName, "t1", 10_000);
      expect(await t.store.releaseLock(userName, roomName, "t2")).toBe(false);
      expect(await t.store.acquireLock(userName, roomName, "t2", 10_000)).toBe(false);
      expect(await t.store.releaseLock(userName, roomName, "t1")).toBe(true);
      expect(await t.store.releaseLock(userName, roomName, "t1")).toBe(false);
      expect(await t.store.acquireLock(userName, roomName, "t2", 10_000)).toBe(true);
    });

    it("keeps the locks of names that a naive key would join apart", async () => {
      const base = t.name("x");
      expect(await t.store.acquireLock(base, "a b", "t1", 10_000)).toBe(true);
      expect(await t.store.acquireLock(`${base} a`, "b", "t2", 10_000)).toBe(true);
      expect(await t.store.acquireLock(`${base}a`, "b", "t3", 10_000)).toBe(true);
      expect(await t.store.acquireLock(base, "ab", "t4", 10_000)).toBe(true);
    });

    it("a lock expires after its TTL: others may take it, and the late holder can no longer release it", async () => {
      const [userName, roomName] = [t.name("user"), t.name("room")];
      const ttl = 300;
      const acquired = Date.now();
      expect(await t.store.acquireLock(userName, roomName, "t1", ttl)).toBe(true);
      const refused = await t.store.acquireLock(userName, roomName, "t2", 10_000);
      // Only a machine too busy to ask again within the TTL (a full parallel test run) may see it expired already.
      if (Date.now() - acquired < ttl) expect(refused).toBe(false);
      // The one real wait of the suite, as short as expiry allows: ask until the lock is free.
      let taken = refused;
      while (!taken && Date.now() - acquired < ttl + 5_000) {
        await sleep(ttl / 10);
        taken = await t.store.acquireLock(userName, roomName, "t2", 10_000);
      }
      expect(taken).toBe(true);
      expect(Date.now() - acquired).toBeGreaterThanOrEqual(ttl - 5);
      expect(await t.store.releaseLock(userName, roomName, "t1")).toBe(false);
      expect(await t.store.acquireLock(userName, roomName, "t3", 10_000)).toBe(false);
      expect(await t.store.releaseLock(userName, roomName, "t2")).toBe(true);
    });
  });
}
