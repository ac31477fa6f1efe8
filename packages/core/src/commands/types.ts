/**
 * The shape of a command body: it reads its arguments and flags from the execution info, after the before hook.
 * @module
 */
import type { ExecInfo } from "../hooks.js";
import type { CommandName, CommandResult } from "../protocol/index.js";
import type { Runtime } from "../runtime.js";

export type CommandBody<C extends CommandName> = (rt: Runtime, info: ExecInfo<C>) => Promise<CommandResult<C>>;

export type CommandTable = { [C in CommandName]: CommandBody<C> };
