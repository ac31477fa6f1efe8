/** The prefix of every error and warning of this package, so that a message names the package it came from. */
export const ERROR_PREFIX = "@chat/transport-ws:";

/** An `Error` whose message starts with {@link ERROR_PREFIX}. */
export function transportError(message: string): Error {
  return new Error(`${ERROR_PREFIX} ${message}`);
}

/**
 * Logs a problem the transport recovered from by itself (a notification it could not encode, say). Such a
 * problem is the application's bug, never the client's, and must not throw into the core that called us.
 */
export function warn(message: string, cause?: unknown): void {
  const detail = cause instanceof Error ? `: ${cause.name}: ${cause.message}` : cause === undefined ? "" : `: ${String(cause)}`;
  console.warn(`${ERROR_PREFIX} ${message}${detail}`);
}
