import type { EventEmitter } from "node:events";

type Listener = (...args: unknown[]) => void;

/**
 * Runs `attach`, which adds and removes listeners of `events` on `emitter` synchronously, and returns its result
 * with a function that undoes exactly those changes.
 *
 * socket.io (engine.io) attaching to an HTTP server wraps the server's `request` listeners in its own and adds
 * `upgrade`, `close` and `listening` listeners; it has no detach. Undoing only the difference made during `attach`
 * detaches it from the caller's server while keeping every listener the caller added before or since.
 */
export function undoableAttach<T>(
  emitter: EventEmitter,
  events: readonly string[],
  attach: () => T,
): { result: T; undo: () => void } {
  const before = new Map(events.map((event) => [event, emitter.listeners(event) as Listener[]]));
  const result = attach();
  const changes = [...before].map(([event, original]) => {
    const after = emitter.listeners(event) as Listener[];
    return {
      event,
      added: after.filter((listener) => !original.includes(listener)),
      removed: original.filter((listener) => !after.includes(listener)),
    };
  });
  const undo = (): void => {
    for (const { event, added, removed } of changes) {
      for (const listener of added) emitter.removeListener(event, listener);
      // Listeners that were taken away go back in front, in their first order, as they ran before.
      for (const listener of [...removed].reverse()) emitter.prependListener(event, listener);
    }
  };
  return { result, undo };
}
