import type { HandshakeData } from "@chat/core";
import type { Socket } from "socket.io";

/** What `getHandshakeData` answers for a socket that is not connected here. */
export function unknownHandshake(): HandshakeData {
  return { isConnected: false, query: {}, headers: {} };
}

/**
 * The handshake of a connected socket, as copies the core may keep or change.
 *
 * socket.io 4 moves the query string of a protocol-3 (socket.io-client 2) CONNECT packet, e.g.
 * `manager.socket("/chat-service", { query })`, into `handshake.auth`; socket.io 2 merged it into
 * `handshake.query`, under the URL's own parameters, and login hooks written for chat-service 1.0 read it there.
 */
export function handshakeOf(socket: Socket): HandshakeData {
  const { handshake } = socket;
  const namespaceQuery = socket.conn.protocol === 3 ? (handshake.auth as Record<string, unknown>) : {};
  return {
    isConnected: true,
    query: { ...namespaceQuery, ...handshake.query },
    headers: { ...handshake.headers },
    address: handshake.address,
  };
}
