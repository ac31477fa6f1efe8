/**
 * Per (user, room) locks (PROTOCOL.md §7.5): joins, leaves, removals and disconnect cleanups of one user in one
 * room run one at a time across the cluster; different users never wait for each other.
 *
 * Contenders inside this process queue locally first, so the store lock (which works across instances) is
 * normally free when asked for and nobody polls it in a single-instance service.
 * @module
 */
import { randomBytes } from "node:crypto";
import { chatError } from "./errors.js";
import type { Store } from "./store.js";

/** Retries after the first failed try, with waits of 100 ms × 1.5^k, each randomised ×1–2 (as chat-service 1.0). */
const retries = 10;
const firstWait = 100;
const backoffFactor = 1.5;

// The global timer (not node:timers/promises) so that tests can drive the backoff with a fake clock.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Which (user, room) lock was held too long: the argument of the `lockTimeExceeded` event. */
export interface LockHolderInfo {
  /** The user of the lock. */
  userName: string;
  /** The room of the lock. */
  roomName: string;
}

export class Locks {
  private readonly queues = new Map<string, Promise<void>>();
  /**
   * Lock tokens need only be unique, not secret: a random prefix per service and a counter, instead of random
   * bytes for each lock (a join takes one, and the random source was 2.5% of the connect profile).
   */
  private readonly tokenPrefix = `${randomBytes(12).toString("base64url")}:`;
  private tokens = 0;

  constructor(
    private readonly store: Store,
    private readonly onTimeExceeded: (token: string, info: LockHolderInfo) => void,
  ) {}

  /**
   * Runs `task` holding the (user, room) lock.
   * @param proceedOnTimeout when the lock cannot be had, run anyway instead of failing with `timeout` — for
   *   clean-ups that must happen whatever holds the lock.
   */
  async withLock<T>(userName: string, roomName: string, task: () => Promise<T>, proceedOnTimeout = false): Promise<T> {
    const take = async (token: string, ttl: number) => ((await this.store.acquireLock(userName, roomName, token, ttl)) ? true : undefined);
    return this.hold(userName, roomName, take, task, proceedOnTimeout);
  }

  /**
   * Like {@link Locks.withLock}, for a task whose first store call also takes the lock (such as
   * `Store.lockAndJoinSocket`): one round trip fewer. `take(token, ttl)` resolves to `undefined` when another token
   * holds the lock, and is then retried with the same backoff; otherwise it took the lock, and `task` goes on from
   * what it resolved to. Fails with `timeout` if the lock cannot be had.
   */
  async withLockTakenBy<S, T>(
    userName: string,
    roomName: string,
    take: (token: string, ttl: number) => Promise<S | undefined>,
    task: (taken: S) => Promise<T>,
  ): Promise<T> {
    return this.hold(userName, roomName, take, (taken) => task(taken!), false);
  }

  /** Queues locally, takes the store lock with `take`, runs `task` (without the lock if `proceedOnTimeout`), releases. */
  private async hold<S, T>(
    userName: string,
    roomName: string,
    take: (token: string, ttl: number) => Promise<S | undefined>,
    task: (taken: S | undefined) => Promise<T>,
    proceedOnTimeout: boolean,
  ): Promise<T> {
    const key = JSON.stringify([userName, roomName]);
    const previous = this.queues.get(key) ?? Promise.resolve();
    let done!: () => void;
    const tail = previous.then(() => new Promise<void>((resolve) => (done = resolve)));
    this.queues.set(key, tail);
    await previous;
    try {
      const token = this.tokenPrefix + String(++this.tokens);
      const taken = await this.take(token, take);
      if (taken === undefined && !proceedOnTimeout) throw chatError("timeout");
      const start = Date.now();
      try {
        return await task(taken);
      } finally {
        if (taken !== undefined) await this.release(userName, roomName, token, start);
      }
    } finally {
      // `done` is assigned once `previous` settled, which it has by now.
      done();
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  /** Runs `task` holding the user's locks of several rooms, taken in sorted order so that nobody deadlocks. */
  async withLocks<T>(userName: string, roomNames: readonly string[], task: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(roomNames)].sort();
    const run = (index: number): Promise<T> =>
      index === sorted.length ? task() : this.withLock(userName, sorted[index]!, () => run(index + 1), true);
    return run(0);
  }

  /** Tries `take` until it takes the lock; `undefined` after the last retry. */
  private async take<S>(token: string, take: (token: string, ttl: number) => Promise<S | undefined>): Promise<S | undefined> {
    for (let attempt = 0; ; attempt++) {
      const taken = await take(token, this.store.lockTTL);
      if (taken !== undefined) return taken;
      if (attempt === retries) return undefined;
      await sleep(firstWait * backoffFactor ** attempt * (1 + Math.random()));
    }
  }

  private async release(userName: string, roomName: string, token: string, start: number): Promise<void> {
    try {
      await this.store.releaseLock(userName, roomName, token);
    } catch {
      // An unreleased lock expires after its TTL; the operation itself succeeded.
    }
    if (Date.now() - start > this.store.lockTTL) this.onTimeExceeded(token, { userName, roomName });
  }
}
