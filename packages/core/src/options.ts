/**
 * Service options: the adapters, and chat-service 1.0's options with their names, meanings and defaults.
 * @module
 */
import type { Bus } from "./bus.js";
import type { Store } from "./store.js";
import type { Transport } from "./transport.js";

/** Options of {@link createChatServer}. */
export interface ChatServiceOptions {
  /** All state and history. Closed by the service's `close()`. */
  store: Store;
  /**
   * Publish/subscribe between the instances of a cluster. Share one store and one bus between instances to make
   * them one service. Closed by the service's `close()`.
   * @default memoryBus() — a single instance
   */
  bus?: Bus;
  /**
   * Where clients connect. Several transports may serve one service at once. None means a service driven only
   * through the server-side API.
   * @default []
   */
  transports?: Transport[];
  /** New rooms send `roomModeChanged`, `roomAccessListAdded` and `roomAccessListRemoved`. @default false */
  enableAccessListsUpdates?: boolean;
  /** Clients may use `directMessage`. The other `direct*` commands work regardless. @default false */
  enableDirectMessages?: boolean;
  /** Clients may use `roomCreate` and `roomDelete`. @default false */
  enableRoomsManagement?: boolean;
  /** New rooms send `roomUserJoined` and `roomUserLeft`. @default false */
  enableUserlistUpdates?: boolean;
  /** Cap of `roomRecentHistory` and of `roomHistoryGet` (unless permissions are bypassed). @default 100 */
  historyMaxGetMessages?: number;
  /** History capacity of new rooms; `0` keeps nothing. @default 10000 */
  historyMaxSize?: number;
  /** Maximum entries of a user's direct whitelist or blacklist. @default 1000 */
  directListSizeLimit?: number;
  /** Maximum entries of a room's whitelist, blacklist or adminlist. @default 10000 */
  roomListSizeLimit?: number;
  /** socket.io acks carry error objects `{ name, code, args }` instead of strings. @default false */
  useRawErrorObjects?: boolean;
  /** Maximum ms `close()` waits for transports to close and running commands to finish. @default 15000 */
  closeTimeout?: number;
  /**
   * Interval in ms of the instance heartbeat written to the store, and of the look for dead instances.
   * @default 10000
   */
  heartbeatRate?: number;
  /**
   * Age in ms after which an instance whose heartbeat stopped is considered dead: a live instance then cleans up
   * its sockets (their users leave their rooms) and emits `instanceRecovered`. Must be greater than
   * `heartbeatRate`; several beats' worth leaves room for a slow store or a long pause of the event loop.
   * @default 30000
   */
  heartbeatTimeout?: number;
  /** Maximum ms to wait for another instance to acknowledge a cluster operation. @default 5000 */
  busAckTimeout?: number;
}

/** Options after defaults were applied. */
export interface ResolvedOptions {
  /** Default of new rooms: broadcast list and mode changes. */
  enableAccessListsUpdates: boolean;
  /** Whether clients may use `directMessage`. */
  enableDirectMessages: boolean;
  /** Whether clients may use `roomCreate` and `roomDelete`. */
  enableRoomsManagement: boolean;
  /** Default of new rooms: broadcast `roomUserJoined` / `roomUserLeft`. */
  enableUserlistUpdates: boolean;
  /** The most messages one history read returns to a client. */
  historyMaxGetMessages: number;
  /** History capacity of new rooms. */
  historyMaxSize: number;
  /** Maximum entries of a user's direct whitelist or blacklist. */
  directListSizeLimit: number;
  /** Maximum entries of a room's whitelist, blacklist or adminlist. */
  roomListSizeLimit: number;
  /** Whether socket.io acks carry error objects instead of strings. */
  useRawErrorObjects: boolean;
  /** Maximum ms `close()` waits for transports and running commands. */
  closeTimeout: number;
  /** Ms between two heartbeats of this instance in the store. */
  heartbeatRate: number;
  /** Ms of silence after which another instance counts as dead and is cleaned up. */
  heartbeatTimeout: number;
  /** Maximum ms to wait for another instance to acknowledge a cluster operation. */
  busAckTimeout: number;
}

const numberDefaults = {
  historyMaxGetMessages: { value: 100, min: 0 },
  historyMaxSize: { value: 10000, min: 0 },
  directListSizeLimit: { value: 1000, min: 0 },
  roomListSizeLimit: { value: 10000, min: 0 },
  closeTimeout: { value: 15000, min: 0 },
  heartbeatRate: { value: 10000, min: 1 },
  heartbeatTimeout: { value: 30000, min: 1 },
  busAckTimeout: { value: 5000, min: 1 },
} as const;

const booleanOptions = [
  "enableAccessListsUpdates",
  "enableDirectMessages",
  "enableRoomsManagement",
  "enableUserlistUpdates",
  "useRawErrorObjects",
] as const;

/** chat-service 1.0 options replaced by adapter objects: named in the error so that migrating users know why. */
const migratedOptions: Record<string, string> = {
  state: "pass a store object instead, e.g. `store: memoryStore()`",
  stateOptions: "pass them to the store factory, e.g. `memoryStore({ lockTTL })`",
  transport: "pass transport objects instead, e.g. `transports: [socketIoTransport({ port })]`",
  transportOptions: "pass them to the transport factory, e.g. `socketIoTransport({ namespace })`",
  port: "pass it to the transport factory, e.g. `socketIoTransport({ port })`",
  adapter: "scale out with a shared store and bus instead of a socket.io adapter",
  adapterOptions: "scale out with a shared store and bus instead of a socket.io adapter",
};

const knownOptions = new Set<string>(["store", "bus", "transports", ...booleanOptions, ...Object.keys(numberDefaults)]);

function fail(message: string): never {
  throw new TypeError(`@chat/core: ${message}`);
}

/**
 * Applies defaults and refuses invalid values with a clear error: unlike chat-service 1.0, a number that is set
 * is used as given (`0` included), and nonsense fails here rather than misbehaving later.
 */
export function resolveOptions(options: ChatServiceOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) fail("options must be an object with at least `store`");
  for (const key of Object.keys(options)) {
    if (key in migratedOptions) fail(`option \`${key}\` of chat-service 1.0 is gone: ${migratedOptions[key]}`);
    if (!knownOptions.has(key)) fail(`unknown option \`${key}\``);
  }
  const resolved = {} as ResolvedOptions;
  for (const key of booleanOptions) resolved[key] = Boolean(options[key]);
  for (const [key, { value, min }] of Object.entries(numberDefaults) as [keyof typeof numberDefaults, { value: number; min: number }][]) {
    const given = options[key];
    if (given === undefined) {
      resolved[key] = value;
    } else if (!Number.isSafeInteger(given) || given < min) {
      fail(`option \`${key}\` must be an integer ≥ ${min}, got ${String(given)}`);
    } else {
      resolved[key] = given;
    }
  }
  // A live instance is silent for up to `heartbeatRate` ms between beats: a timeout not above that would have
  // live instances cleaned up as dead.
  if (resolved.heartbeatTimeout <= resolved.heartbeatRate) {
    fail(`option \`heartbeatTimeout\` (${resolved.heartbeatTimeout}) must be greater than \`heartbeatRate\` (${resolved.heartbeatRate})`);
  }
  return resolved;
}
