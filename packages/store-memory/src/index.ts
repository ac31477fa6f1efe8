/**
 * `@chat/store-memory`: the complete state of a chat service held in one process.
 * @module \@chat/store-memory
 */
import type { Store } from "@chat/core";
import { historyMethods } from "./history.js";
import { instanceMethods } from "./instances.js";
import { lockMethods } from "./locks.js";
import { roomMethods } from "./rooms.js";
import { socketMethods } from "./sockets.js";
import { createState } from "./state.js";
import { userMethods } from "./users.js";

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Lock time-to-live in ms: a (user, room) lock not released within it is free for others again, and the
   * service reports `lockTimeExceeded` for the late holder. A non-negative safe integer.
   * @default 5000
   */
  lockTTL?: number;
}

/** The default {@link MemoryStoreOptions.lockTTL}: chat-service 1.0's memory store value. */
const defaultLockTTL = 5000;

function validLockTTL(value: unknown): number {
  if (value === undefined) return defaultLockTTL;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return value;
  throw new Error(`@chat/store-memory: lockTTL must be a non-negative safe integer (ms), got ${String(value)}`);
}

/**
 * Creates a store that keeps everything in this process's memory: rooms, users, sockets, history, instance
 * registries and locks. Nothing survives the process.
 *
 * Every method runs to completion without awaiting, so each is atomic. Several services in one process may
 * share one store object (with one `memoryBus()`) to run as a cluster; `close()` therefore does nothing.
 * @throws Error (naming `@chat/store-memory`) if an option is invalid.
 * @example
 * import { createChatServer, memoryBus } from "@chat/core";
 * import { memoryStore } from "@chat/store-memory";
 *
 * const service = createChatServer({ store: memoryStore() });
 *
 * // Two services of one cluster in one process: one store object and one bus between them.
 * const store = memoryStore({ lockTTL: 2000 });
 * const bus = memoryBus();
 * const a = createChatServer({ store, bus });
 * const b = createChatServer({ store, bus });
 */
export function memoryStore(options: MemoryStoreOptions = {}): Store {
  const lockTTL = validLockTTL(options.lockTTL);
  const state = createState();
  return {
    lockTTL,
    ...roomMethods(state),
    ...historyMethods(state),
    ...userMethods(state),
    ...socketMethods(state),
    ...instanceMethods(state),
    ...lockMethods(state),
    // Services sharing this store each close it; closing must not take the state away from the others.
    async close() {},
  };
}
