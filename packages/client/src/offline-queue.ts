/**
 * Requests made while the client is not online. They wait for the next login (after the rooms were joined
 * again and caught up) and are then sent in the order they were made; each waits at most `offlineTimeout` ms.
 * @module
 */
import { ChatClientError } from "./errors.js";
import { startTimer } from "./timer.js";

interface Waiting {
  event: string;
  args: readonly unknown[];
  resolve(results: unknown[]): void;
  reject(error: unknown): void;
  cancelTimer(): void;
}

/** Requests waiting for the client to be online, in the order they were made. */
export class OfflineQueue {
  private waiting: Waiting[] = [];

  constructor(private readonly offlineTimeout: number) {}

  /** Queues a request; it fails with `notConnected` if it is still waiting after `offlineTimeout` ms. */
  add(event: string, args: readonly unknown[]): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      const entry: Waiting = { event, args, resolve, reject, cancelTimer: () => {} };
      entry.cancelTimer = startTimer(this.offlineTimeout, () => {
        this.waiting = this.waiting.filter((item) => item !== entry);
        reject(new ChatClientError("notConnected", [`still offline after ${this.offlineTimeout} ms`]));
      });
      this.waiting.push(entry);
    });
  }

  /** Sends every waiting request with `send`, in order. */
  flush(send: (event: string, args: readonly unknown[]) => Promise<unknown[]>): void {
    const entries = this.waiting;
    this.waiting = [];
    for (const entry of entries) {
      entry.cancelTimer();
      send(entry.event, entry.args).then(entry.resolve, entry.reject);
    }
  }

  /** Fails every waiting request with `notConnected`. */
  rejectAll(reason: string): void {
    const entries = this.waiting;
    this.waiting = [];
    for (const entry of entries) {
      entry.cancelTimer();
      entry.reject(new ChatClientError("notConnected", [reason]));
    }
  }
}
