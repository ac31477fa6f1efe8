import type { HandshakeData } from "@chat/core";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * What the transport keeps of a connection's opening request: its URL and headers as they came (no copies, and
 * nothing parsed until asked: most logins read one query parameter once) and its socket, whose peer address is
 * looked up when first asked (a system call per connection otherwise).
 */
export interface Handshake {
  readonly url: string;
  readonly headers: Readonly<IncomingHttpHeaders>;
  readonly socket: Socket;
}

/** What `getHandshakeData` answers for a socket that is not connected here. */
export function unknownHandshake(): HandshakeData {
  return { isConnected: false, query: {}, headers: {} };
}

/** Whether a request's URL has the pathname `path` (a normalised path, such as the transport's option). */
export function hasPathname(request: IncomingMessage, path: string): boolean {
  const url = request.url ?? "/";
  // The usual request names the path exactly; only others need the URL parser's normalisation.
  if (url === path || (url.startsWith(path) && url[path.length] === "?")) return true;
  return parseUrl(url)?.pathname === path;
}

function parseUrl(url: string): URL | undefined {
  try {
    // Only the path and query matter; the base just makes the URL parseable.
    return new URL(url, "http://localhost");
  } catch {
    return undefined;
  }
}

/**
 * The query string of a request target, without its "?": what the URL parser would put in `search`, for a quarter
 * of the cost of parsing the whole URL (0.3 against 1.1 µs for a login's query, measured). Every target that gets
 * here was accepted by {@link hasPathname}, so it parses.
 */
function searchOf(url: string): string {
  const hash = url.indexOf("#");
  const target = hash < 0 ? url : url.slice(0, hash);
  const start = target.indexOf("?");
  return start < 0 ? "" : target.slice(start + 1);
}

/** Keeps what {@link handshakeData} needs of an upgrade request; the request itself is not kept. */
export function readHandshake(request: IncomingMessage): Handshake {
  return { url: request.url ?? "/", headers: request.headers, socket: request.socket };
}

/**
 * The handshake data of a connected socket, as copies the core may keep or change: the query string (a repeated
 * key becomes an array of its values, as socket.io's query parser does, so login hooks read both transports
 * alike), the headers and the peer address.
 */
export function handshakeData(handshake: Handshake): HandshakeData {
  // Collected in a Map, then fromEntries: a "__proto__" parameter stays a parameter. (A null-prototype object took
  // dictionary-mode writes and a copy: 1.3 against 0.46 µs for a login's query, measured.)
  const query = new Map<string, string | string[]>();
  for (const [key, value] of new URLSearchParams(searchOf(handshake.url))) {
    const previous = query.get(key);
    if (previous === undefined) query.set(key, value);
    else if (Array.isArray(previous)) previous.push(value);
    else query.set(key, [previous, value]);
  }
  const data: HandshakeData = { isConnected: true, query: Object.fromEntries(query), headers: { ...handshake.headers } };
  const address = handshake.socket.remoteAddress;
  if (address !== undefined) data.address = address;
  return data;
}
