/**
 * The command pipeline (PROTOCOL.md §5.4): validation, the message checker, the before hook, the command body,
 * the after hook. Shared by client requests and `execUserCommand`.
 * @module
 */
import { commands } from "./commands/index.js";
import { chatError } from "./errors.js";
import { callHook, isReplyOverride, type AfterHook, type BeforeHook, type ExecInfo } from "./hooks.js";
import { forgetJsonText } from "./json-text.js";
import { commandArguments, validateCommandArguments, type CommandName } from "./protocol/index.js";
import type { Runtime } from "./runtime.js";

/** Who runs a command, and how. */
export interface ExecutionContext {
  userName: string | undefined;
  id: string | null;
  bypassPermissions: boolean | null;
  bypassHooks: boolean;
  isLocalCall: boolean;
  /** Other keys of an `execUserCommand` context, copied into the execution info. */
  extra?: Record<string, unknown>;
}

/** Validates a request's arguments and runs the message checker; throws the error a client would get. */
export async function checkArguments(rt: Runtime, command: CommandName, args: readonly unknown[]): Promise<void> {
  const { roomMessagesChecker, directMessagesChecker } = rt.hooks;
  const violation = validateCommandArguments(command, args, {
    customRoomMessages: !!roomMessagesChecker,
    customDirectMessages: !!directMessagesChecker,
  });
  if (violation) throw chatError(violation.code, ...violation.args);
  const checker = command === "roomMessage" ? roomMessagesChecker : command === "directMessage" ? directMessagesChecker : undefined;
  if (checker) await callHook(checker, args[1] as Record<string, unknown>);
}

/**
 * Runs a command. @returns the reply values: `[result]`, or a hook's override. Throws the command's error
 * (raw: converting it for a client is the caller's business). A result returned to a client's request may keep
 * the JSON text its store gave it (json-text.ts).
 */
export async function executeCommand(rt: Runtime, command: CommandName, rawArgs: unknown[], context: ExecutionContext): Promise<unknown[]> {
  await checkArguments(rt, command, rawArgs);
  const arity = commandArguments[command].length;
  const fields = {
    server: rt.service,
    userName: context.userName,
    id: context.id,
    bypassPermissions: context.bypassPermissions,
    bypassHooks: context.bypassHooks,
    isLocalCall: context.isLocalCall,
    args: rawArgs.slice(0, arity),
    restArgs: rawArgs.slice(arity),
    results: null,
    error: null,
    data: {},
  };
  // A caller's extra context fields go first, so that the pipeline's own win. Not `{ ...extra, server, … }`:
  // Node 20's V8 takes a slow path for properties added after a spread (8.6 µs per command with one extra field).
  const info = (context.extra === undefined ? fields : Object.assign({}, context.extra, fields)) as ExecInfo;

  const hooks = context.bypassHooks ? undefined : rt.hooks;
  const before = hooks?.[`${command}Before`] as BeforeHook | undefined;
  if (before) {
    const answer = await callHook(before, info);
    if (isReplyOverride(answer)) return answer;
  }
  const after = hooks?.[`${command}After`] as AfterHook | undefined;
  try {
    const body = commands[command] as (rt: Runtime, info: ExecInfo) => Promise<unknown>;
    const result = await body(rt, info);
    // A store's JSON text of the result holds only while the result goes straight to a client (json-text.ts).
    if (after || context.isLocalCall) forgetJsonText(result);
    info.results = [result];
  } catch (error) {
    info.error = error;
  }
  if (after) {
    const answer = await callHook(after, info);
    if (isReplyOverride(answer)) return answer;
  }
  if (info.error !== null && info.error !== undefined) throw info.error;
  return info.results ?? [null];
}
