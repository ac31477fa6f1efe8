/** A promise with its resolve and reject functions, for tests that wait on events instead of time. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

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
