// @ts-check
/**
 * A minimal WebSocket client on a plain TCP socket, for the load generator only: the opening handshake, unmasked
 * server frames parsed in place (a frame's payload is handed over as a view into the received bytes, never
 * copied or decoded unless the caller wants to), client frames masked with a zero key (RFC 6455 requires the mask
 * bit, not a random key; a zero key leaves the payload as is). Pings are answered; fragmented frames are refused,
 * since the servers measured here never fragment. It costs a fraction of a full client per delivery, which is
 * what lets one generator core outrun a server core.
 */
import { randomBytes } from "node:crypto";
import { connect as tcpConnect } from "node:net";

const OPCODE_TEXT = 1;
const OPCODE_BINARY = 2;
const OPCODE_CLOSE = 8;
const OPCODE_PING = 9;
const OPCODE_PONG = 10;

/**
 * @typedef {object} RawWebSocket
 * @property {(text: string) => void} send sends a text frame
 * @property {() => void} close destroys the connection
 */

/** A client frame: FIN, opcode, mask bit with a zero key, payload. @param {number} opcode @param {Buffer} payload */
function clientFrame(opcode, payload) {
  const length = payload.length;
  const headerLength = length < 126 ? 6 : length < 65536 ? 8 : 14;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) frame[1] = 0x80 | length;
  else if (length < 65536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.writeUInt32BE(0, headerLength - 4);
  payload.copy(frame, headerLength);
  return frame;
}

/**
 * Opens `ws://127.0.0.1:<port><path>`; `onMessage` gets every text or binary message's payload as a view, and
 * the socket (the first messages can arrive with the handshake's answer, before the returned promise settles).
 * @param {number} port
 * @param {string} path with its query string
 * @param {(payload: Buffer, socket: RawWebSocket) => void} onMessage
 * @returns {Promise<RawWebSocket>}
 */
export function openRawWebSocket(port, path, onMessage) {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ port, host: "127.0.0.1", noDelay: true });
    /** @type {Buffer} */
    let pending = Buffer.alloc(0);
    let open = false;
    const handle = {
      send: (/** @type {string} */ text) => void socket.write(clientFrame(OPCODE_TEXT, Buffer.from(text))),
      close: () => void socket.destroy(),
    };
    socket.on("error", reject);
    socket.on("connect", () => {
      const key = randomBytes(16).toString("base64");
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    socket.on("data", (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      if (!open) {
        const end = pending.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = pending.toString("latin1", 0, end);
        if (!head.startsWith("HTTP/1.1 101")) {
          socket.destroy();
          return reject(new Error(`upgrade refused: ${head.split("\r\n")[0]}`));
        }
        open = true;
        pending = pending.subarray(end + 4);
        resolve(handle);
      }
      let offset = 0;
      while (pending.length - offset >= 2) {
        const first = pending[offset];
        let length = pending[offset + 1] & 0x7f;
        let header = 2;
        if (length === 126) {
          if (pending.length - offset < 4) break;
          length = pending.readUInt16BE(offset + 2);
          header = 4;
        } else if (length === 127) {
          if (pending.length - offset < 10) break;
          length = Number(pending.readBigUInt64BE(offset + 2));
          header = 10;
        }
        if (pending.length - offset < header + length) break;
        const payload = pending.subarray(offset + header, offset + header + length);
        offset += header + length;
        if ((first & 0x80) === 0) throw new Error("fragmented frames are not supported by the bench's client");
        const opcode = first & 0x0f;
        if (opcode === OPCODE_TEXT || opcode === OPCODE_BINARY) onMessage(payload, handle);
        else if (opcode === OPCODE_PING) socket.write(clientFrame(OPCODE_PONG, Buffer.from(payload)));
        else if (opcode === OPCODE_CLOSE) socket.destroy();
      }
      pending = offset === pending.length ? Buffer.alloc(0) : pending.subarray(offset);
    });
  });
}
