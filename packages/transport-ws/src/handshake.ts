import type { HandshakeData } from "@chat/core";
import type { IncomingMessage } from "node:http";

/** What the transport keeps of a connection's opening request. */
export interface Handshake {
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly address: string | undefined;
}

/** What `getHandshakeData` answers for a socket that is not connected here. */
export function unknownHandshake(): HandshakeData {
  return { isConnected: false, query: {}, headers: {} };
}

/** The pathname of a request's URL, or `undefined` if it cannot be parsed. */
export function pathnameOf(request: IncomingMessage): string | undefined {
  return parseUrl(request)?.pathname;
}

function parseUrl(request: IncomingMessage): URL | undefined {
  try {
    // Only the path and query of `request.url` matter; the base just makes it parseable.
    return new URL(request.url ?? "/", "http://localhost");
  } catch {
    return undefined;
  }
}

/**
 * Reads the handshake of an upgrade request: its query string (a repeated key becomes an array of its values,
 * as socket.io's query parser does, so login hooks read both transports alike), headers and peer address.
 */
export function readHandshake(request: IncomingMessage): Handshake {
  const query: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of parseUrl(request)?.searchParams ?? []) {
    const previous = query[key];
    if (previous === undefined) query[key] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else query[key] = [previous, value];
  }
  return { query, headers: { ...request.headers }, address: request.socket.remoteAddress };
}

/** The handshake data of a connected socket, as copies the core may keep or change. */
export function handshakeData(handshake: Handshake): HandshakeData {
  // fromEntries defines own properties: a "__proto__" parameter stays a parameter.
  const query: Record<string, unknown> = Object.fromEntries(
    Object.entries(handshake.query).map(([key, value]) => [key, typeof value === "string" ? value : [...value]]),
  );
  const data: HandshakeData = { isConnected: true, query, headers: { ...handshake.headers } };
  if (handshake.address !== undefined) data.address = handshake.address;
  return data;
}
