export { deferred, type Deferred } from "@chat/conformance";

/** Anything with a socket.io-style `once` (socket.io-client 2 and 4 sockets, Node emitters). */
export interface OnceEmitter {
  once(event: string, listener: (...args: never[]) => void): unknown;
}

/** Resolves with the arguments of the next `event` of `emitter`. */
export function once(emitter: OnceEmitter, event: string): Promise<unknown[]> {
  return new Promise((resolve) => {
    emitter.once(event, (...args: unknown[]) => resolve(args));
  });
}
