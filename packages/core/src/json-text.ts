/**
 * JSON texts that a store already holds for the values it returns (a page of room history), so that a reply can
 * reach the wire without being encoded again. Encoding a 100-message page was 40% of the server's CPU per
 * `roomHistoryGet` on the memory store, on either transport; a store that keeps each message's text joins them
 * instead.
 *
 * The text travels beside the value, never in it: commands, hooks and server-side callers see ordinary objects.
 * The core trusts the text only while nobody else could have changed the value since the store made it, so it
 * drops the text when an after hook sees the value or when it goes back to a server-side caller
 * (`execUserCommand`), and a transport gets it as {@link RequestOutcome}'s `resultsJson`.
 * @module
 */

const texts = new WeakMap<object, string>();

/**
 * For stores: marks `value`, a fresh object or array the store returns, with its JSON text, which MUST be exactly
 * `JSON.stringify(value)` and MUST NOT hold what JSON cannot carry (binary data goes as attachments). Returns `value`.
 */
export function withJsonText<T extends object>(value: T, text: string): T {
  texts.set(value, text);
  return value;
}

/** The text {@link withJsonText} gave `value`, if any. */
export function jsonTextOf(value: unknown): string | undefined {
  return typeof value === "object" && value !== null ? texts.get(value) : undefined;
}

/** Forgets `value`'s text: someone else may change `value` from now on. */
export function forgetJsonText(value: unknown): void {
  if (typeof value === "object" && value !== null) texts.delete(value);
}
