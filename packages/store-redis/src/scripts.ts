/**
 * Runs the store's Lua scripts by SHA, loading them on first use (and again after a failover or `SCRIPT FLUSH`),
 * once per script however many calls need it.
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

/** What {@link ScriptRunner} gets for a script Redis does not know (NOSCRIPT). */
const missing = Symbol("missing script");

/** A script's reply: Lua tables become arrays, nil and false become `null`. */
export type ScriptReply = string | number | null | ScriptReply[];

/**
 * Runs scripts against one client, every call routed by the store's hash tag key. A script Redis does not know
 * (a new Redis, a restart, a failover, `SCRIPT FLUSH`) is uploaded once, however many calls were in flight: the
 * others wait for that upload and go by SHA again, where each used to send the whole source (200 calls in
 * flight after a `SCRIPT FLUSH`: 200 uploads before, 1 now). A burst of disconnects on a fresh Redis was such a
 * herd, in the bench's profiles.
 */
export class ScriptRunner {
  /** Uploads under way, by script: the EVAL of the call that found the script missing first. */
  private readonly uploads = new Map<ScriptName, Promise<ScriptReply>>();

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
    const reply = await this.bySha(script, args);
    if (reply !== missing) return reply;
    const upload = this.uploads.get(name);
    if (upload === undefined) return this.upload(name, script, args);
    // Another call is uploading the script: wait for it, then go by SHA; upload again only if it is still missing.
    await upload.catch(() => undefined);
    const again = await this.bySha(script, args);
    return again !== missing ? again : this.upload(name, script, args);
  }

  /** Runs the call by SHA; {@link missing} if Redis does not know the script. */
  private async bySha(script: Script, args: readonly (string | number)[]): Promise<ScriptReply | typeof missing> {
    try {
      return (await this.client.evalsha(script.sha, 1, this.tagKey, ...args)) as ScriptReply;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("NOSCRIPT")) return missing;
      throw error;
    }
  }

  /** Runs the call with EVAL, which also caches the script, so that later calls go by SHA again. */
  private async upload(name: ScriptName, script: Script, args: readonly (string | number)[]): Promise<ScriptReply> {
    const reply = this.client.eval(script.source, 1, this.tagKey, ...args) as Promise<ScriptReply>;
    this.uploads.set(name, reply);
    try {
      return await reply;
    } finally {
      if (this.uploads.get(name) === reply) this.uploads.delete(name);
    }
  }
}
