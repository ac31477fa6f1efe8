/**
 * Requests sent on a link and not answered yet, each with its timeout. Shared by both links.
 * @module
 */
import { ChatClientError } from "../errors.js";
import { startTimer } from "../timer.js";

interface Pending {
  event: string;
  resolve(results: unknown[]): void;
  reject(error: ChatClientError): void;
  cancelTimer(): void;
}

/** Unanswered requests of one link, by the key that will identify their reply. */
export class PendingRequests<K> {
  private readonly byKey = new Map<K, Pending>();

  /** Registers a request under `key`; it fails with `requestTimeout` after `timeout` ms. */
  add(key: K, event: string, timeout: number): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      const cancelTimer = startTimer(timeout, () => {
        this.byKey.delete(key);
        reject(new ChatClientError("requestTimeout", [event, timeout]));
      });
      this.byKey.set(key, { event, resolve, reject, cancelTimer });
    });
  }

  /** Settles the request `key`; a late or unknown reply is ignored (its request already failed). */
  settle(key: K, outcome: { results: unknown[] } | { error: ChatClientError }): void {
    const pending = this.byKey.get(key);
    if (!pending) return;
    this.byKey.delete(key);
    pending.cancelTimer();
    if ("error" in outcome) pending.reject(outcome.error);
    else pending.resolve(outcome.results);
  }

  /** Fails every request with `connectionLost`: they were sent, so whether they ran is unknown. */
  failAll(): void {
    for (const [key, pending] of [...this.byKey]) this.settle(key, { error: new ChatClientError("connectionLost", [pending.event]) });
  }
}
