import type { Respond, TransportHost } from "@chat/core";
import { EncodedAckArguments } from "./reply-text-parser.js";

/** A socket.io acknowledgement callback as the server receives it. */
export type Ack = (...values: unknown[]) => void;

/** Splits an incoming event's arguments: a trailing function is the client's ack (functions never travel as data). */
export function splitAck(raw: readonly unknown[]): { args: unknown[]; ack: Ack | undefined } {
  const last = raw[raw.length - 1];
  if (typeof last === "function") return { args: raw.slice(0, -1), ack: last as Ack };
  return { args: [...raw], ack: undefined };
}

/**
 * Turns an ack into the core's {@link Respond}: `ack(null, ...results)` or `ack(error, null)`, the error as a
 * string or, with `host.useRawErrorObjects`, as the wire object (PROTOCOL.md §3.2, §11.3). Only the first call
 * reaches the client, whatever the core does afterwards.
 * @param sendsText whether the server's encoder sends {@link EncodedAckArguments}: results whose JSON text the core
 *   has then go as that text
 */
export function createRespond(ack: Ack, host: Pick<TransportHost, "useRawErrorObjects">, sendsText: boolean): Respond {
  let answered = false;
  return (outcome) => {
    if (answered) return;
    answered = true;
    if (outcome.error !== null) {
      // Read the flag per reply, not once: it is the host's to change.
      ack(host.useRawErrorObjects ? outcome.error.object : outcome.error.text, null);
    } else if (sendsText && outcome.resultsJson !== undefined) {
      // `resultsJson` is the text of `results`, never empty: `[r1,…]` becomes `[null,r1,…]`.
      ack(new EncodedAckArguments(`[null,${outcome.resultsJson.slice(1)}`));
    } else {
      ack(null, ...outcome.results);
    }
  };
}
