import { describe, expect, it } from "vitest";
import { composeScript, preludeDefinitions } from "../src/lua/compose.js";
import { historyScripts } from "../src/lua/history.js";
import { prelude } from "../src/lua/prelude.js";

const definitions = preludeDefinitions(prelude);
const defined = (source: string): string[] => definitions.filter((d) => source.includes(d.text)).map((d) => d.name);

describe("composeScript", () => {
  it("splits the prelude into its top-level definitions, each with the comment above it", () => {
    const names = definitions.map((d) => d.name);
    expect(names.slice(0, 3)).toEqual(["P", "roomKey", "roomListKey"]);
    expect(names).toContain("heartbeatsKey");
    expect(names).toContain("removeSocket");
    expect(new Set(names).size).toBe(names.length);
    expect(definitions.find((d) => d.name === "int")!.text).toMatch(/^-- Lua numbers are doubles.*\nlocal function int\(x\)/s);
    // Nothing of the prelude is lost but blank lines.
    const kept = definitions.map((d) => d.text).join("\n");
    expect(kept.replace(/\s+/g, "")).toBe(prelude.replace(/\s+/g, ""));
  });

  it("takes what a script uses, directly or through other definitions, in prelude order, and nothing else", () => {
    const source = composeScript(definitions, historyScripts.appendMessageByMember);
    expect(defined(source)).toEqual(["P", "roomKey", "roomListKey", "historyKey", "int", "visible", "appendToHistory"]);
    expect(source.endsWith(historyScripts.appendMessageByMember)).toBe(true);
  });

  it("follows calls between definitions (a join pulls in the userlist and key helpers, not the lock)", () => {
    const source = composeScript(definitions, "return joinSocket(ARGV[1], ARGV[2], ARGV[3], ARGV[4])");
    expect(defined(source)).toEqual(expect.arrayContaining(["joinSocket", "visible", "enterUserlist", "seenKey", "socketRoomsKey", "P"]));
    expect(defined(source)).not.toContain("removeSocket");
    expect(defined(source)).not.toContain("takeLock");
  });
});
