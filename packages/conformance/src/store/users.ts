/**
 * Users: existence, removal, whitelist mode and the direct access summary.
 * (The direct lists themselves are covered by the list tests.)
 * @module
 */
import { describe, expect, it } from "vitest";
import { sorted } from "../helpers.js";
import type { StoreContext } from "./context.js";

/** Registers the user tests. */
export function userTests(t: StoreContext): void {
  describe("users", () => {
    it("addUser creates a user with its direct state, and refuses an existing name", async () => {
      const [userName, friend, foe] = ["user", "friend", "foe"].map(t.name);
      expect(await t.store.hasUser(userName)).toBe(false);
      expect(await t.store.addUser(userName, { whitelist: [friend], blacklist: [foe], whitelistOnly: true })).toBe(true);
      expect(await t.store.hasUser(userName)).toBe(true);
      expect(await t.store.getDirectList(userName, "whitelist")).toEqual([friend]);
      expect(await t.store.getDirectList(userName, "blacklist")).toEqual([foe]);
      expect(await t.store.getDirectWhitelistMode(userName)).toBe(true);
      expect(await t.store.addUser(userName, { whitelist: [], blacklist: [], whitelistOnly: false })).toBe(false);
      expect(await t.store.getDirectWhitelistMode(userName)).toBe(true);
      expect(await t.store.getDirectList(userName, "whitelist")).toEqual([friend]);
    });

    it("ensureUser creates a user with empty direct state, and leaves an existing one alone", async () => {
      const fresh = t.name("user");
      await t.store.ensureUser(fresh);
      expect(await t.store.hasUser(fresh)).toBe(true);
      expect(await t.store.getDirectList(fresh, "whitelist")).toEqual([]);
      expect(await t.store.getDirectList(fresh, "blacklist")).toEqual([]);
      expect(await t.store.getDirectWhitelistMode(fresh)).toBe(false);

      const existing = t.name("user");
      const friend = t.name("friend");
      await t.store.addUser(existing, { whitelist: [friend], blacklist: [], whitelistOnly: true });
      await t.store.ensureUser(existing);
      expect(await t.store.getDirectWhitelistMode(existing)).toBe(true);
      expect(await t.store.getDirectList(existing, "whitelist")).toEqual([friend]);
    });

    it("reports a missing user from every user read and write, without throwing", async () => {
      const missing = t.name("missing");
      expect(await t.store.hasUser(missing)).toBe(false);
      expect(await t.store.removeUser(missing)).toBe("noUser");
      expect(await t.store.addToDirectList(missing, "whitelist", [t.name("x")])).toBe("noUser");
      expect(await t.store.removeFromDirectList(missing, "blacklist", [t.name("x")])).toBe(false);
      expect(await t.store.getDirectList(missing, "whitelist")).toBeNull();
      expect(await t.store.directListHas(missing, "blacklist", t.name("x"))).toBeNull();
      expect(await t.store.getDirectWhitelistMode(missing)).toBeNull();
      expect(await t.store.setDirectWhitelistMode(missing, true)).toBe(false);
      expect(await t.store.getDirectAccess(missing, t.name("x"))).toBeNull();
      expect(await t.store.hasUser(missing)).toBe(false);
    });

    it("removeUser refuses while the user has a socket, then deletes the user and its direct state", async () => {
      const userName = await t.user();
      await t.store.addToDirectList(userName, "whitelist", [t.name("friend")]);
      await t.store.setDirectWhitelistMode(userName, true);
      const socketId = await t.socket(userName);
      expect(await t.store.removeUser(userName)).toBe("online");
      expect(await t.store.hasUser(userName)).toBe(true);
      await t.store.removeSocket(userName, socketId);
      expect(await t.store.removeUser(userName)).toBe("ok");
      expect(await t.store.hasUser(userName)).toBe(false);
      expect(await t.store.getDirectList(userName, "whitelist")).toBeNull();
      expect(await t.store.removeUser(userName)).toBe("noUser");
      // The name is free again, with nothing left over.
      await t.store.ensureUser(userName);
      expect(await t.store.getDirectList(userName, "whitelist")).toEqual([]);
      expect(await t.store.getDirectWhitelistMode(userName)).toBe(false);
    });

    it("setDirectWhitelistMode switches the mode both ways", async () => {
      const userName = await t.user();
      expect(await t.store.setDirectWhitelistMode(userName, true)).toBe(true);
      expect(await t.store.getDirectWhitelistMode(userName)).toBe(true);
      expect(await t.store.setDirectWhitelistMode(userName, false)).toBe(true);
      expect(await t.store.getDirectWhitelistMode(userName)).toBe(false);
    });

    it("getDirectAccess reports the recipient's standing towards a sender and its socket count", async () => {
      const [friend, foe, stranger] = ["friend", "foe", "stranger"].map(t.name);
      const recipient = t.name("recipient");
      await t.store.addUser(recipient, { whitelist: [friend], blacklist: [foe], whitelistOnly: true });
      const base = { whitelistOnly: true, senderInWhitelist: false, senderInBlacklist: false, nconnected: 0 };
      expect(await t.store.getDirectAccess(recipient, friend)).toEqual({ ...base, senderInWhitelist: true });
      expect(await t.store.getDirectAccess(recipient, foe)).toEqual({ ...base, senderInBlacklist: true });
      expect(await t.store.getDirectAccess(recipient, stranger)).toEqual(base);
      expect(await t.store.getDirectAccess(recipient, null)).toEqual(base);

      await t.socket(recipient, t.name("instance"));
      await t.socket(recipient, t.name("instance"));
      await t.store.setDirectWhitelistMode(recipient, false);
      expect(await t.store.getDirectAccess(recipient, stranger)).toEqual({ ...base, whitelistOnly: false, nconnected: 2 });
    });

    it("keeps no reference to the init arrays", async () => {
      const userName = t.name("user");
      const whitelist = [t.name("friend")];
      await t.store.addUser(userName, { whitelist, blacklist: [], whitelistOnly: false });
      whitelist.push(t.name("late"));
      expect(await t.store.getDirectList(userName, "whitelist")).toHaveLength(1);
    });

    it("keeps the direct state of different users apart", async () => {
      const [a, b] = [await t.user(), await t.user()];
      const name = t.name("x");
      await t.store.addToDirectList(a, "blacklist", [name]);
      await t.store.setDirectWhitelistMode(a, true);
      expect(await t.store.directListHas(b, "blacklist", name)).toBe(false);
      expect(await t.store.getDirectWhitelistMode(b)).toBe(false);
      expect(sorted((await t.store.getDirectList(a, "blacklist"))!)).toEqual([name]);
    });
  });
}
