/**
 * `listInstances`: the heartbeats every live instance reads to find dead ones.
 *
 * The store may be shared with other tests and runs (a persistent Redis), so the list is never assumed to hold
 * only this test's instances: every assertion looks at this test's own UIDs.
 * @module
 */
import { describe, expect, it } from "vitest";
import type { StoreContext } from "./context.js";

/** Registers the instance-list tests. */
export function instanceListTests(t: StoreContext): void {
  describe("listInstances", () => {
    it("lists an instance from its first heartbeat, with its latest one", async () => {
      const [i1, i2] = [t.name("instance"), t.name("instance")];
      expect(await t.store.listInstances()).not.toHaveProperty([i1]);
      await t.store.setInstanceHeartbeat(i1, 1_700_000_000_123);
      await t.store.setInstanceHeartbeat(i2, 1_700_000_000_200);
      await t.store.setInstanceHeartbeat(i1, 1_700_000_000_456);
      const listed = await t.store.listInstances();
      expect(listed[i1]).toBe(1_700_000_000_456);
      expect(listed[i2]).toBe(1_700_000_000_200);
    });

    it("does not list an instance that has sockets but no heartbeat", async () => {
      const userName = await t.user();
      const silent = t.name("instance");
      await t.socket(userName, silent);
      expect(await t.store.listInstances()).not.toHaveProperty([silent]);
    });

    it("removeInstance takes the instance off the list, and only that one", async () => {
      const userName = await t.user();
      const [gone, alive] = [t.name("instance"), t.name("instance")];
      await t.socket(userName, gone);
      await t.store.setInstanceHeartbeat(gone, 1);
      await t.store.setInstanceHeartbeat(alive, 2);
      await t.store.removeInstance(gone);
      const listed = await t.store.listInstances();
      expect(listed).not.toHaveProperty([gone]);
      expect(listed[alive]).toBe(2);
    });

    it("the returned record is the caller's", async () => {
      const instanceUID = t.name("instance");
      await t.store.setInstanceHeartbeat(instanceUID, 7);
      const listed = await t.store.listInstances();
      listed[instanceUID] = 8;
      expect((await t.store.listInstances())[instanceUID]).toBe(7);
    });
  });
}
