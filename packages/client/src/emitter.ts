/**
 * A small typed event emitter: browser-safe (no `node:events`), and a throwing listener cannot stop the
 * listeners after it nor the SDK's own bookkeeping.
 * @module
 */

/** Event name → argument tuple (interfaces qualify, unlike with an index signature). */
export type EventMap<M> = { [E in keyof M]: unknown[] };

/** A listener of event `E` of map `M`. */
export type Listener<M extends EventMap<M>, E extends keyof M> = (...args: M[E]) => void;

interface Entry {
  /** Stored untyped: the map holds listeners of every event; `emit` knows which type each one has. */
  listener: unknown;
  once: boolean;
}

/** Listeners per event of map `M`, called in the order they were added. */
export class Emitter<M extends EventMap<M>> {
  private readonly listeners = new Map<keyof M, Entry[]>();

  on<E extends keyof M>(event: E, listener: Listener<M, E>, once = false): void {
    const entries = this.listeners.get(event) ?? [];
    entries.push({ listener, once });
    this.listeners.set(event, entries);
  }

  off<E extends keyof M>(event: E, listener: Listener<M, E>): void {
    const entries = this.listeners.get(event);
    if (!entries) return;
    const index = entries.findIndex((entry) => entry.listener === listener);
    if (index >= 0) entries.splice(index, 1);
  }

  listenerCount(event: keyof M): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /**
   * Calls the listeners in order. A listener that throws is reported the way browsers report a throwing DOM
   * listener: rethrown on a fresh task, where it is an uncaught exception for the application to see.
   */
  emit<E extends keyof M>(event: E, ...args: M[E]): void {
    const entries = this.listeners.get(event);
    if (!entries || entries.length === 0) return;
    for (const entry of [...entries]) {
      const listener = entry.listener as Listener<M, E>;
      if (entry.once) this.off(event, listener);
      try {
        listener(...args);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }
}
