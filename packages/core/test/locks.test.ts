import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatServiceError, type Store } from "../src/index.js";
import { Locks } from "../src/locks.js";

afterEach(() => {
  vi.useRealTimers();
});

/** The two lock methods of a store, over a map of held tokens. */
function lockStore(lockTTL: number, refuseAlways = false) {
  const held = new Map<string, string>();
  let attempts = 0;
  const store = {
    lockTTL,
    async acquireLock(user: string, room: string, token: string) {
      attempts++;
      const key = `${user}/${room}`;
      if (refuseAlways || (held.has(key) && held.get(key) !== token)) return false;
      held.set(key, token);
      return true;
    },
    async releaseLock(user: string, room: string, token: string) {
      const key = `${user}/${room}`;
      if (held.get(key) !== token) return false;
      held.delete(key);
      return true;
    },
  } as unknown as Store;
  return { store, attempts: () => attempts };
}

describe("Locks", () => {
  it("retries 10 times with growing waits, then fails with timeout (PROTOCOL.md §7.5)", async () => {
    vi.useFakeTimers();
    const { store, attempts } = lockStore(5000, true);
    const locks = new Locks(store, () => {});
    const outcome = locks.withLock("u", "r", async () => "ran").catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    const error = await outcome;
    expect(error).toBeInstanceOf(ChatServiceError);
    expect(String(error)).toBe("ChatServiceError: Server operation timeout");
    expect(attempts()).toBe(11);
  });

  it("runs anyway when asked to proceed on timeout (clean-ups must happen)", async () => {
    vi.useFakeTimers();
    const { store } = lockStore(5000, true);
    const locks = new Locks(store, () => {});
    const outcome = locks.withLock("u", "r", async () => "ran", true);
    await vi.runAllTimersAsync();
    expect(await outcome).toBe("ran");
  });

  it("queues contenders of one process without polling the store, and never runs two at once", async () => {
    const { store, attempts } = lockStore(5000);
    const locks = new Locks(store, () => {});
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        locks.withLock("u", "r", async () => {
          maxInside = Math.max(maxInside, ++inside);
          await new Promise((resolve) => setImmediate(resolve));
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
    expect(attempts()).toBe(20);
  });

  it("reports a lock held longer than its TTL with lockTimeExceeded", async () => {
    vi.useFakeTimers();
    const { store } = lockStore(100);
    const exceeded: unknown[] = [];
    const locks = new Locks(store, (token, info) => exceeded.push([token, info]));
    const outcome = locks.withLock("u", "r", () => new Promise((resolve) => setTimeout(resolve, 150)));
    await vi.runAllTimersAsync();
    await outcome;
    expect(exceeded).toEqual([[expect.any(String), { userName: "u", roomName: "r" }]]);
  });
});
