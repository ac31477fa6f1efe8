/**
 * The bounded list addition shared by room lists and direct lists (PROTOCOL.md §0, fixed row 20).
 * @module
 */

/**
 * Adds `names` to `list` unless its size plus the distinct names not yet in it would exceed `limit`.
 * Counting only new distinct names means re-adding present names, or one name twice, never trips the limit.
 * @returns whether the names were added (an empty `names` always succeeds and changes nothing).
 */
export function addBounded(list: Set<string>, names: readonly string[], limit: number | undefined): boolean {
  // The contract makes an empty request a success even for a list already over a (since lowered) limit.
  if (names.length === 0) return true;
  const added = new Set(names.filter((name) => !list.has(name)));
  if (limit !== undefined && list.size + added.size > limit) return false;
  for (const name of added) list.add(name);
  return true;
}

/** Removes `names` from `list`; absent names are ignored. */
export function removeAll(list: Set<string>, names: readonly string[]): void {
  for (const name of names) list.delete(name);
}
