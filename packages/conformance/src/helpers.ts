/**
 * Small test helpers: waiting on events with promises (never on fixed delays), and names unique per run.
 * @module
 */
import { randomBytes } from "node:crypto";

/** A promise with its settle functions exposed. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/** Creates a {@link Deferred}. */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Collects what a listener receives, and lets a test await a condition on it. A condition that never holds makes
 * the test fail by its timeout instead of sleeping for a guessed time.
 */
export class Collector<T> {
  /** Everything received so far, in order. */
  readonly items: T[] = [];
  private readonly waiters: { predicate: (items: readonly T[]) => boolean; done: Deferred<T[]> }[] = [];

  /** Pass this as the listener. */
  readonly listener = (item: T): void => {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(this.items)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.done.resolve([...this.items]);
      }
    }
  };

  /** Resolves with a snapshot of the items once `predicate` holds for them (at once if it already does). */
  waitFor(predicate: (items: readonly T[]) => boolean): Promise<T[]> {
    if (predicate(this.items)) return Promise.resolve([...this.items]);
    const done = deferred<T[]>();
    this.waiters.push({ predicate, done });
    return done.promise;
  }
}

/**
 * Resolves once `Date.now()` has moved past `since`, yielding to the event loop meanwhile. Lets a test tell two
 * timestamps apart without sleeping for a fixed time.
 */
export async function clockAfter(since: number): Promise<number> {
  while (Date.now() <= since) await new Promise<void>((resolve) => setImmediate(resolve));
  return Date.now();
}

/**
 * A generator of names unique to this run, so that suites can share a persistent backend (a Redis database)
 * without tests seeing each other's data or data left by earlier runs.
 */
export function nameGenerator(): (kind: string) => string {
  const run = randomBytes(4).toString("hex");
  let counter = 0;
  return (kind) => `${kind}-${run}-${++counter}`;
}

/** A sorted copy, for comparing lists whose order a store does not define. */
export function sorted<T>(values: Iterable<T>): T[] {
  return [...values].sort();
}
