/**
 * Timeouts that accept `Infinity` (`setTimeout` would fire an infinite delay at once) and delays beyond
 * `setTimeout`'s 2³¹−1 ms limit, which it would also fire at once.
 * @module
 */

/** Calls `callback` after `ms` milliseconds unless cancelled; `Infinity` never fires. @returns the cancel function. */
export function startTimer(ms: number, callback: () => void): () => void {
  if (!Number.isFinite(ms)) return () => {};
  const handle = setTimeout(callback, Math.min(ms, 2 ** 31 - 1));
  return () => clearTimeout(handle);
}
