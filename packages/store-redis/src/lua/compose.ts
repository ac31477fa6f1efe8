/**
 * Each script carries only the prelude definitions it uses. Redis runs a script's whole text on every call, and
 * every `local function` of the prelude is a closure made anew each time: the whole prelude cost redis-server
 * about 2.6 µs per call more than the definitions a room message needs (redis-benchmark, appendMessageByMember:
 * 18.9 against 16.3 µs, of which 10.8 µs is any call's own cost), a fifth of a room message's script.
 * @module
 */

/** One top-level `local` of the prelude, with the comment lines above it. */
interface Definition {
  readonly name: string;
  readonly text: string;
}

const definitionStart = /^local (?:function )?([A-Za-z_]\w*)/;

/**
 * Splits the prelude into its top-level definitions, in order. A definition starts at a line that begins with
 * `local`; the top-level comment lines (`--` at the start of the line) just above it belong to it.
 */
export function preludeDefinitions(prelude: string): Definition[] {
  const definitions: { name: string; lines: string[] }[] = [];
  let comments: string[] = [];
  for (const line of prelude.split("\n")) {
    const start = definitionStart.exec(line);
    if (start) {
      definitions.push({ name: start[1]!, lines: [...comments, line] });
      comments = [];
    } else if (line.startsWith("--")) {
      comments.push(line);
    } else if (line.trim() !== "") {
      definitions.at(-1)?.lines.push(line);
    }
  }
  return definitions.map(({ name, lines }) => ({ name, text: lines.join("\n") }));
}

const mentions = (text: string, name: string): boolean => new RegExp(`\\b${name}\\b`).test(text);

/**
 * The source of a script: the definitions `body` uses, directly or through other definitions (a mention in a
 * comment counts too, which only costs a closure), in prelude order so that each comes after what it calls, then
 * `body`.
 */
export function composeScript(definitions: readonly Definition[], body: string): string {
  const used = new Set<string>();
  const pending = [body];
  while (pending.length > 0) {
    const text = pending.pop()!;
    for (const definition of definitions) {
      if (used.has(definition.name) || !mentions(text, definition.name)) continue;
      used.add(definition.name);
      pending.push(definition.text);
    }
  }
  const parts = definitions.filter((definition) => used.has(definition.name)).map((definition) => definition.text);
  return [...parts, body].join("\n");
}
