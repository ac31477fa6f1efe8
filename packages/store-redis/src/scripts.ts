/**
 * Runs the store's Lua scripts by SHA, loading them on first use (and again after a failover or `SCRIPT FLUSH`).
 * The caller's client is not modified (no `defineCommand`).
 * @module
 */
import { createHash } from "node:crypto";
import { withTimeout } from "./timeout.js";
import type { RedisClient } from "./connection.js";
import { composeScript, preludeDefinitions } from "./lua/compose.js";
import { historyScripts } from "./lua/history.js";
import { listScripts } from "./lua/lists.js";
import { lockScripts } from "./lua/locks.js";
import { prelude } from "./lua/prelude.js";
import { roomScripts } from "./lua/rooms.js";
import { simpleScripts } from "./lua/simple.js";
import { socketScripts } from "./lua/sockets.js";
import { userScripts } from "./lua/users.js";

const sources = { ...simpleScripts, ...roomScripts, ...listScripts, ...historyScripts, ...userScripts, ...socketScripts, ...lockScripts };

/** The name of one of the store's scripts. */
export type ScriptName = keyof typeof sources;

interface Script {
  source: string;
  sha: string;
}

const definitions = preludeDefinitions(prelude);
const scripts = Object.fromEntries(
  Object.entries(sources).map(([name, body]) => {
    const source = composeScript(definitions, body);
    return [name, { source, sha: createHash("sha1").update(source).digest("hex") }];
  }),
) as Record<ScriptName, Script>;

/** A script's reply: Lua tables become arrays, nil and false become `null`. */
export type ScriptReply = string | number | null | ScriptReply[];

/** Runs scripts against one client, every call routed by the store's hash tag key. */
export class ScriptRunner {
  /**
   * @param client the connection.
   * @param tagKey `{prefix}:`, passed as the only declared key: it routes every call to the store's one slot and
   *   gives the Lua code the prefix of every key it builds.
   * @param callTimeout a bound on each call's wait, from the call (see `Connection.callTimeout`).
   */
  constructor(
    private readonly client: RedisClient,
    private readonly tagKey: string,
    private readonly callTimeout?: number,
  ) {}

  run(name: ScriptName, args: readonly (string | number)[]): Promise<ScriptReply> {
    const reply = this.runUnbounded(name, args);
    return this.callTimeout === undefined ? reply : withTimeout(reply, this.callTimeout, `script ${name}`);
  }

  private async runUnbounded(name: ScriptName, args: readonly (string | number)[]): Promise<ScriptReply> {
    const script = scripts[name];
    try {
      return (await this.client.evalsha(script.sha, 1, this.tagKey, ...args)) as ScriptReply;
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      // EVAL also caches the script, so the next call goes by SHA again.
      return (await this.client.eval(script.source, 1, this.tagKey, ...args)) as ScriptReply;
    }
  }
}
