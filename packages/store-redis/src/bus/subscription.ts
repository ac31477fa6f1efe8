/**
 * One Redis subscription shared by all the listeners of a bus.
 * @module
 */
import type { BusListener, BusMessage } from "@chat/core";

/** How a {@link SharedSubscription} (un)subscribes in Redis. */
export interface SubscriptionCommands {
  subscribe(): Promise<unknown>;
  unsubscribe(): Promise<unknown>;
}

/**
 * Keeps the channel subscribed in Redis exactly while at least one listener is registered, and hands each
 * message to every listener once.
 *
 * SUBSCRIBE and UNSUBSCRIBE are issued one at a time, each after the previous one's reply, from the listener
 * count at that moment: a listener added while the last one is leaving then always ends up subscribed.
 */
export class SharedSubscription {
  private readonly listeners = new Set<BusListener>();
  /** Whether Redis confirmed the subscription; `undefined` after a failed command left it unknown. */
  private subscribed: boolean | undefined = false;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly commands: SubscriptionCommands,
    private readonly onError: (error: Error) => void,
  ) {}

  /**
   * Registers `listener` and resolves once Redis confirmed the subscription, so that anything published from
   * then on reaches it. Rejects (and registers nothing) if Redis could not confirm.
   */
  async add(listener: BusListener): Promise<() => Promise<void>> {
    // A wrapper per call gives each subscription its own identity: one function may subscribe twice.
    const entry: BusListener = (message) => listener(message);
    this.listeners.add(entry);
    try {
      await this.reconcile();
    } catch (error) {
      this.listeners.delete(entry);
      this.reconcileInBackground();
      throw error;
    }
    let active = true;
    return async () => {
      if (!active) return;
      active = false;
      this.listeners.delete(entry);
      // Delivery to this listener has stopped already; a failed UNSUBSCRIBE only leaves the channel open,
      // which close() or the next reconciliation settles, so it is reported rather than thrown.
      await this.reconcile().catch(this.onError);
    };
  }

  /** Hands `message` to every listener; one that throws is reported and does not stop the others. */
  deliver(message: BusMessage): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(message);
      } catch (error) {
        this.onError(new Error("a bus listener threw", { cause: error }));
      }
    }
  }

  /**
   * Drops every listener and issues no more commands: the bus closes the subscriber connection, which releases
   * the subscription in Redis.
   */
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  /** Brings Redis's subscription in line with the listener count, after whatever command is under way. */
  private reconcile(): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.closed) return;
      const wanted = this.listeners.size > 0;
      if (this.subscribed === wanted) return;
      this.subscribed = undefined;
      await (wanted ? this.commands.subscribe() : this.commands.unsubscribe());
      this.subscribed = wanted;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private reconcileInBackground(): void {
    this.reconcile().catch(this.onError);
  }
}
