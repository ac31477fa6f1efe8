import { type IncomingMessage, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { warn } from "./error.js";
import { hasPathname } from "./handshake.js";
import type { OriginCheck, ServerSource } from "./options.js";

/** An HTTP server's `upgrade` listener. */
export type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** How {@link createUpgradeListener} decides about an upgrade request. */
export interface UpgradeRules {
  path: string;
  originCheck: OriginCheck | undefined;
  /**
   * Whether an upgrade on another path has nobody else to answer it, and is refused (400): always on the
   * transport's own server; on a caller's server, when no other `upgrade` listener is registered. Without ours,
   * Node would have closed such a connection; left alone it would stay open for good, a handle any client could
   * pile up. With another listener (socket.io, the caller's own) it is that listener's to answer.
   */
  answersOtherPaths(): boolean;
  /** Whether connections are accepted right now (not while or after closing). */
  accepting(): boolean;
  /** Completes the WebSocket handshake of an admitted request. */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/** {@link UpgradeRules.answersOtherPaths} for the HTTP server `source` describes. */
export function otherPathsAnswerer(source: ServerSource): () => boolean {
  if (source.kind === "own") return () => true;
  const { server } = source;
  // Asked while the server emits the upgrade, to the listeners of that moment; ours is one of them.
  return () => server.listenerCount("upgrade") <= 1;
}

const ignore = (): void => {};

/** Answers an upgrade request with an HTTP error and closes its connection. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  // A client that resets the connection meanwhile must not turn into an unhandled 'error'.
  socket.on("error", ignore);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const text = STATUS_CODES[status] ?? "Error";
  const head = [`HTTP/1.1 ${status} ${text}`, "Connection: close", "Content-Type: text/plain", `Content-Length: ${Buffer.byteLength(text)}`];
  socket.end(`${head.join("\r\n")}\r\n\r\n${text}`, () => socket.destroy());
}

async function originAllowed(check: OriginCheck, request: IncomingMessage): Promise<boolean> {
  try {
    return (await check(request.headers.origin, request)) === true;
  } catch (error) {
    // A throwing check is the application's bug; refusing is the safe answer.
    warn("allowOrigin threw, so the connection was refused", error);
    return false;
  }
}

/**
 * The `upgrade` listener: admits requests for `path` that pass the origin check, refuses the rest with an HTTP
 * status (400 wrong path with nobody else to answer it, 403 origin refused, 503 closing) so that they never reach
 * the core.
 */
export function createUpgradeListener(rules: UpgradeRules): UpgradeListener {
  return (request, socket, head) => {
    if (!hasPathname(request, rules.path)) {
      if (rules.answersOtherPaths()) refuseUpgrade(socket, 400);
      return;
    }
    if (!rules.accepting()) return refuseUpgrade(socket, 503);
    const check = rules.originCheck;
    if (check === undefined) return rules.accept(request, socket, head);
    // Until `ws` takes the socket over, errors on it (a reset during an async check) are ours to swallow.
    socket.on("error", ignore);
    void originAllowed(check, request)
      .then((allowed) => {
        socket.off("error", ignore);
        if (socket.destroyed) return;
        if (!allowed) return refuseUpgrade(socket, 403);
        // close() may have begun while the check ran.
        if (!rules.accepting()) return refuseUpgrade(socket, 503);
        rules.accept(request, socket, head);
      })
      .catch((error: unknown) => {
        // Thrown synchronously this would reach the 'upgrade' emitter; here it would be an unhandled rejection.
        warn("an upgrade failed", error);
        socket.destroy();
      });
  };
}
