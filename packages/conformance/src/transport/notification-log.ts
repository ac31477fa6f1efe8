/**
 * The notification bookkeeping every {@link RawClient} needs, so that adapters only translate their frames.
 * @module
 */
import { Collector } from "../helpers.js";
import type { RawClient } from "./types.js";

/**
 * Records notifications in order and hands them out by name, each once: `next(event)` resolves with the first
 * `event` not yet returned by an earlier `next(event)`, whether it arrived before or after the call.
 * @example
 * const log = new NotificationLog();
 * socket.onAny((event, ...args) => log.push(event, args));
 * const [room, message] = await log.next("roomMessage");
 */
export class NotificationLog implements Pick<RawClient, "received" | "next"> {
  private readonly collector = new Collector<[string, ...unknown[]]>();
  private readonly taken = new Map<string, number>();

  /** Every notification so far, in order, as `[event, ...args]`. */
  get received(): readonly [string, ...unknown[]][] {
    return this.collector.items;
  }

  /** Records a notification; call it from the client's event listener. */
  push(event: string, args: readonly unknown[]): void {
    this.collector.listener([event, ...args]);
  }

  /** Resolves with the arguments of the next notification named `event` (see the class comment). */
  async next(event: string): Promise<unknown[]> {
    const index = this.taken.get(event) ?? 0;
    this.taken.set(event, index + 1);
    const items = await this.collector.waitFor((all) => all.filter(([name]) => name === event).length > index);
    const [, ...args] = items.filter(([name]) => name === event)[index]!;
    return args;
  }
}
