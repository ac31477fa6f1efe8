/**
 * The messages a bus publishes in one tick, gathered into as few Redis publications as the size limits allow.
 * @module
 */
import type { BusMessage } from "@chat/core";
import { encodeBusMessage } from "./message.js";

/** At most this many messages, and about this many characters, go into one publication. */
const maxMessages = 256;
const maxCharacters = 512 * 1024;

interface Pending {
  message: BusMessage;
  encoded: string;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Collects publications until the current tick's work is done (`process.nextTick`, which runs after the
 * promise continuations already queued, such as the other room messages of one burst of Redis replies), then
 * hands them to `flush` in order, in batches. Each `add` settles with the batch that carried its message.
 */
export class PublicationBatch {
  private pending: Pending[] = [];

  constructor(private readonly flush: (messages: BusMessage[], encoded: string[]) => Promise<void>) {}

  /** Queues `message`; resolves once the publication that carries it was accepted by Redis. */
  add(message: BusMessage): Promise<void> {
    // Encoded now, so that a message the caller changes afterwards goes out as it was published.
    const encoded = encodeBusMessage(message);
    return new Promise<void>((resolve, reject) => {
      if (this.pending.length === 0) process.nextTick(() => this.send());
      this.pending.push({ message, encoded, resolve, reject });
    });
  }

  private send(): void {
    const all = this.pending;
    this.pending = [];
    for (let start = 0; start < all.length; ) {
      let end = start;
      let characters = 0;
      while (end < all.length && end - start < maxMessages && (end === start || characters + all[end]!.encoded.length <= maxCharacters)) {
        characters += all[end]!.encoded.length;
        end++;
      }
      const batch = all.slice(start, end);
      this.flush(
        batch.map((item) => item.message),
        batch.map((item) => item.encoded),
      ).then(
        () => batch.forEach((item) => item.resolve()),
        (error: unknown) => batch.forEach((item) => item.reject(error)),
      );
      start = end;
    }
  }
}
