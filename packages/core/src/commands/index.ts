/**
 * The command table: one body per command of the protocol.
 * @module
 */
import * as direct from "./direct.js";
import * as own from "./own.js";
import * as roomAdmin from "./room-admin.js";
import * as roomMembership from "./room-membership.js";
import * as roomReads from "./room-reads.js";
import type { CommandTable } from "./types.js";

export const commands: CommandTable = { ...direct, ...own, ...roomAdmin, ...roomMembership, ...roomReads };
export type { CommandBody, CommandTable } from "./types.js";
