/**
 * The bus channel's name.
 * @module
 */

/**
 * The one channel a bus publishes and listens on: `{<prefix>}:bus`.
 *
 * The `{<prefix>}` hash tag is what the store's keys carry too. On a Cluster a sharded channel lives in the slot
 * of its name, so the bus's traffic stays on the shard that already holds this service's data instead of
 * spreading a new dependency onto another shard. On a single Redis the tag means nothing and does no harm.
 */
export function busChannel(prefix: string): string {
  return `{${prefix}}:bus`;
}
