/** The prefix of every error this package throws, so a misconfiguration names the package it came from. */
export const ERROR_PREFIX = "@chat/transport-socketio:";

/** An `Error` whose message starts with {@link ERROR_PREFIX}. */
export function transportError(message: string): Error {
  return new Error(`${ERROR_PREFIX} ${message}`);
}
