/**
 * Hooks: the application's code around logins, joins, leaves and every command.
 *
 * Unlike chat-service 1.0 there are no callbacks: every hook is a function that may return a value or any
 * thenable, and what it resolves to is its answer (§0 of PROTOCOL.md). A throw or rejection is its error.
 * @module
 */
import { markApplicationError } from "./errors.js";
import type { CommandArgs, CommandName, MessageInput } from "./protocol/index.js";
import type { ChatService } from "./service.js";

type MaybePromise<T> = T | PromiseLike<T>;

/** One command execution, shared by its before hook, its body and its after hook. */
export interface ExecInfo<C extends CommandName = CommandName> {
  /** The service. */
  server: ChatService;
  /** The acting user; `undefined` for a user-less server-side call. */
  userName: string | undefined;
  /** The requesting socket, or `null`. */
  id: string | null;
  /** `null` for client requests; a before hook may set it, and the command honours the change. */
  bypassPermissions: boolean | null;
  /** Whether the hooks are skipped; `true` only for an `execUserCommand` that asked for it. */
  bypassHooks: boolean;
  /** `false` for client requests, `true` for `execUserCommand`. */
  isLocalCall: boolean;
  /** The validated arguments. A before hook may replace them (they are not validated again). */
  args: CommandArgs<C>;
  /** Arguments a client sent beyond the command's arity: extra data for hooks. */
  restArgs: unknown[];
  /** `[result]` once the command succeeded; an after hook may change it. */
  results: unknown[] | null;
  /** The command's error; an after hook may change it. */
  error: unknown;
  /** Scratch space shared by the before and after hooks. */
  data: Record<string, unknown>;
  /** Other keys of an `execUserCommand` context are copied here. */
  [extra: string]: unknown;
}

/**
 * Runs before a command, after validation. Resolve `undefined` to continue, or a non-empty array to answer the
 * client with those values instead of running the command; throw to answer with an error.
 */
export type BeforeHook<C extends CommandName = CommandName> = (execInfo: ExecInfo<C>) => MaybePromise<unknown[] | void>;

/**
 * Runs after a command, whether it succeeded or failed. Resolve `undefined` to keep the outcome (as left in
 * `execInfo.results` / `execInfo.error`), or a non-empty array to answer with those values; throw to answer
 * with an error.
 */
export type AfterHook<C extends CommandName = CommandName> = (execInfo: ExecInfo<C>) => MaybePromise<unknown[] | void>;

/** What `onDisconnect` receives: only `{ id }` when the cleanup failed. */
export interface DisconnectInfo {
  /** The socket that disconnected. */
  id: string;
  /** The rooms the socket was joined to. */
  roomsRemoved?: string[];
  /** For each room of `roomsRemoved`, the user's sockets still joined to it. */
  joinedSockets?: number[];
  /** The user's sockets still connected, on all instances. */
  nconnected?: number;
}

/** A socket joining or leaving a room. `njoined` counts the user's sockets in the room afterwards. */
export interface JoinLeaveInfo {
  /** The socket that joined or left. */
  id: string;
  /** The room. */
  roomName: string;
  /** The user's sockets joined to the room afterwards. */
  njoined: number;
}

/** The user name, or `[userName, authData]`, that `onConnect` resolves to. */
export type ConnectOutcome = string | [userName: string, authData?: Record<string, unknown>] | unknown;

type CommandHooks = { [C in CommandName as `${C}Before`]?: BeforeHook<C> } & {
  [C in CommandName as `${C}After`]?: AfterHook<C>;
};

/** All hooks, each optional. */
export interface Hooks extends CommandHooks {
  /** Before connections are accepted; a throw aborts the start (`closed(error)` is emitted). */
  onStart?: (service: ChatService) => MaybePromise<void>;
  /**
   * Identifies a new socket: resolve the user name, or `[userName, authData]`. A falsy name is `noLogin`; a
   * throw becomes `loginRejected`. `service.transport.getHandshakeData(id)` gives the query and headers.
   */
  onConnect?: (service: ChatService, id: string) => MaybePromise<ConnectOutcome>;
  /** After a socket's disconnect cleanup. Its outcome is ignored. */
  onDisconnect?: (service: ChatService, info: DisconnectInfo) => MaybePromise<void>;
  /** Inside a join, under the user/room lock; a throw rolls the join back and is the `roomJoin` error. */
  onJoin?: (service: ChatService, info: JoinLeaveInfo) => MaybePromise<void>;
  /** Whenever a socket stops being joined to a room. Its outcome is ignored. */
  onLeave?: (service: ChatService, info: JoinLeaveInfo) => MaybePromise<void>;
  /** During `close()`, before the store closes; `error` is the close error or `null`. A throw fails `close()`. */
  onClose?: (service: ChatService, error: unknown) => MaybePromise<void>;
  /** Accepts (resolve) or refuses (throw, ideally a `ChatServiceError`) a direct message; enables custom formats. */
  directMessagesChecker?: (message: MessageInput) => MaybePromise<unknown>;
  /** Accepts (resolve) or refuses (throw) a room message; enables custom formats. */
  roomMessagesChecker?: (message: MessageInput) => MaybePromise<unknown>;
}

/**
 * Calls application code and marks what it throws as an application error (clients may see its text).
 * A falsy rejection becomes an `Error` with that text, as chat-service 1.0 reports it.
 */
export async function callHook<A extends unknown[], R>(hook: (...args: A) => MaybePromise<R>, ...args: A): Promise<R> {
  try {
    return await hook(...args);
  } catch (error) {
    throw markApplicationError(error ? error : new Error(String(error)));
  }
}

/** Calls a hook whose outcome does not matter; its failure must not disturb the operation around it. */
export async function callHookIgnoringErrors<A extends unknown[]>(hook: ((...args: A) => unknown) | undefined, ...args: A): Promise<void> {
  if (!hook) return;
  try {
    await hook(...args);
  } catch {
    // chat-service 1.0 semantics: onLeave and onDisconnect outcomes are ignored.
  }
}

/** Whether a before/after hook's answer replaces the reply: a non-empty array does, anything else does not. */
export function isReplyOverride(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0;
}
