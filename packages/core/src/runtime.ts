/**
 * What commands and procedures run against: the service's parts, wired once by the service.
 * @module
 */
import type { Delivery } from "./delivery.js";
import type { Hooks } from "./hooks.js";
import type { LocalSockets } from "./local-sockets.js";
import type { Locks } from "./locks.js";
import type { ResolvedOptions } from "./options.js";
import type { ChatService, ServiceEvents } from "./service.js";
import type { Store } from "./store.js";
import type { PublicError } from "./transport.js";

/** Where an error happened, for the `internalError` event. */
export interface ErrorContext {
  /** The command (or background task, e.g. `"instanceRecovery"`) that failed. */
  command?: string;
  /** The acting user, if any. */
  userName?: string;
  /** The requesting socket, if any. */
  id?: string | null;
}

export interface Runtime {
  readonly service: ChatService;
  readonly store: Store;
  readonly options: ResolvedOptions;
  readonly hooks: Hooks;
  readonly instanceUID: string;
  readonly sockets: LocalSockets;
  readonly delivery: Delivery;
  readonly locks: Locks;
  /** Emits one of the service's events. */
  emit<E extends keyof ServiceEvents>(event: E, ...args: ServiceEvents[E]): void;
  /** Converts an error for a client; internal failures are reported with the `internalError` event first. */
  toPublicError(error: unknown, context: ErrorContext): PublicError;
}

/** The channel every socket of a user is in. Room names cannot contain `:`, so it never collides with a room. */
export function echoChannel(userName: string): string {
  return `echo:${userName}`;
}
