/**
 * `execUserCommand`: a client command run server side (PROTOCOL.md §5.1, §14.2).
 * @module
 */
import { chatError } from "./errors.js";
import { executeCommand } from "./pipeline.js";
import { isCommandName, isPlainObject } from "./protocol/index.js";
import type { Runtime } from "./runtime.js";

/**
 * Who runs a server-side command: a user name, `true`/`false` for a user-less call with/without permission
 * bypass, or an object.
 */
export type ExecContext =
  | string
  | boolean
  | {
      /** The user to act as; must exist. Absent: a user-less call. */
      userName?: string;
      /** A socket of that user: required by `roomJoin`/`roomLeave`, excluded from echoes. */
      id?: string;
      /** Skip permission checks (the command still validates its arguments). */
      bypassPermissions?: boolean;
      /** Skip the before and after hooks (validation still runs). */
      bypassHooks?: boolean;
      /** Other keys are copied into the hooks' `ExecInfo`. */
      [extra: string]: unknown;
    };

export async function execUserCommand(rt: Runtime, context: ExecContext, command: string, args: unknown[]): Promise<unknown[]> {
  const given = typeof context === "string" ? { userName: context } : typeof context === "boolean" ? { bypassPermissions: context } : context;
  if (!isPlainObject(given)) throw chatError("badArgument", 0, context);
  const { userName, id, bypassPermissions, bypassHooks, ...extra } = given as Exclude<ExecContext, string | boolean>;
  if (!isCommandName(command)) throw chatError("noCommand", command);
  const socketId = id ?? null;
  if ((command === "roomJoin" || command === "roomLeave") && socketId === null) throw chatError("noSocket", command);
  const actingUser = userName || undefined;
  if (actingUser !== undefined && !(await rt.store.hasUser(actingUser))) throw chatError("noUser", actingUser);
  if (socketId !== null) {
    // chat-service 1.0 trusted the id; a socket of somebody else would let one user act through another's.
    const record = await rt.store.getSocket(socketId);
    if (!record || actingUser === undefined || record.userName !== actingUser) throw chatError("invalidSocket", socketId);
  }
  return executeCommand(rt, command, args, {
    userName: actingUser,
    id: socketId,
    bypassPermissions: bypassPermissions ?? false,
    bypassHooks: !!bypassHooks,
    isLocalCall: true,
    extra,
  });
}
