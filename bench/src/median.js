// @ts-check
/**
 * Medians of repeated measurements: on a shared VM one sample can be off by 20%, the median of three rarely is.
 * @module
 */

/**
 * The item whose `key` is the median (the lower one of an even count).
 * @template T @param {T[]} items @param {(item: T) => number} key @returns {T}
 */
export function median(items, key) {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return /** @type {T} */ (sorted[Math.floor((sorted.length - 1) / 2)]);
}

/** The median of numbers. @param {number[]} values */
export const medianOf = (values) => median(values, (value) => value);
