import type { ExtendedError, Socket } from "socket.io";
import type { Middleware } from "./options.js";

/**
 * Runs `chain` in order for `socket`, then calls `done` once: with the first error, or with nothing.
 *
 * The transport runs the caller's middleware itself, inside one gate it registers on the namespace, because
 * socket.io cannot unregister middleware: on a caller's `io`, a closed transport's gate must become inert.
 * Unlike socket.io's own runner it tolerates a `next` called twice and turns a synchronous throw into an error,
 * since either would otherwise escape into socket.io's connection handling.
 */
export function runMiddleware(
  chain: readonly Middleware[],
  socket: Socket,
  done: (err?: ExtendedError) => void,
): void {
  const step = (index: number, err?: ExtendedError): void => {
    const middleware = chain[index];
    if (err !== undefined && err !== null) return done(err);
    if (middleware === undefined) return done();
    let called = false;
    const next = (nextErr?: ExtendedError): void => {
      if (called) return;
      called = true;
      step(index + 1, nextErr);
    };
    try {
      middleware(socket, next);
    } catch (thrown) {
      next(thrown instanceof Error ? thrown : new Error(String(thrown)));
    }
  };
  step(0);
}
