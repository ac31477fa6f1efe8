/**
 * The Redis bus: `redisBus()` and its options.
 * @module
 */
export { redisBus } from "./redis-bus.js";
export type { RedisBusClient, RedisBusOptions } from "./options.js";
