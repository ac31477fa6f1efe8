// @ts-check
/**
 * A minimal WebSocket client on a plain TCP socket, for the load generator only: the opening handshake, unmasked
 * server frames parsed in place (a frame's payload is handed over as a view into the received bytes, never
 * copied or decoded unless the caller wants to; reads go into one buffer shared by every socket), client frames
 * masked with a zero key (RFC 6455 requires the mask bit, not a random key; a zero key leaves the payload as is).
 * Pings are answered; fragmented frames are refused, since the servers measured here never fragment. It costs a
 * fraction of a full client per delivery, which is what lets one generator core outrun a server core.
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
 * Every socket of the process reads into this one buffer (`onread`): no Buffer, stream chunk or "data" event per
 * read. Against bare ws at 50k deliveries/s that took the generator's user CPU from 45–46% of its core to 24–31%;
 * the rest of its core goes to the kernel (a TCP receive and an ACK per read). A read is consumed before the next
 * one lands, so only a frame cut across two reads is copied out, into its socket's `pending`. 64 KiB is libuv's
 * own read size.
 */
const readBuffer = Buffer.allocUnsafe(64 * 1024);
const nothing = Buffer.alloc(0);

/**
 * Opens `ws://127.0.0.1:<port><path>`; `onMessage` gets every text or binary message's payload as a view, valid
 * only during the call, and the socket (the first messages can arrive with the handshake's answer, before the
 * returned promise settles).
 * @param {number} port
 * @param {string} path with its query string
 * @param {(payload: Buffer, socket: RawWebSocket) => void} onMessage
 * @returns {Promise<RawWebSocket>}
 */
export function openRawWebSocket(port, path, onMessage) {
  return new Promise((resolve, reject) => {
    /** The unconsumed bytes of earlier reads: a frame (or the handshake's answer) cut across reads. */
    let pending = nothing;
    let open = false;
    const handle = {
      send: (/** @type {string} */ text) => void socket.write(clientFrame(OPCODE_TEXT, Buffer.from(text))),
      close: () => void socket.destroy(),
    };

    /** Consumes the frames of `bytes`; returns how many bytes it consumed. @param {Buffer} bytes */
    const consumeFrames = (bytes) => {
      let offset = 0;
      while (bytes.length - offset >= 2) {
        const first = bytes[offset];
        let length = bytes[offset + 1] & 0x7f;
        let header = 2;
        if (length === 126) {
          if (bytes.length - offset < 4) break;
          length = bytes.readUInt16BE(offset + 2);
          header = 4;
        } else if (length === 127) {
          if (bytes.length - offset < 10) break;
          length = Number(bytes.readBigUInt64BE(offset + 2));
          header = 10;
        }
        if (bytes.length - offset < header + length) break;
        const payload = bytes.subarray(offset + header, offset + header + length);
        offset += header + length;
        if ((first & 0x80) === 0) throw new Error("fragmented frames are not supported by the bench's client");
        const opcode = first & 0x0f;
        if (opcode === OPCODE_TEXT || opcode === OPCODE_BINARY) onMessage(payload, handle);
        else if (opcode === OPCODE_PING) socket.write(clientFrame(OPCODE_PONG, Buffer.from(payload)));
        else if (opcode === OPCODE_CLOSE) socket.destroy();
      }
      return offset;
    };

    /** Consumes the handshake's answer at the start of `bytes`; returns how many bytes it took, 0 if incomplete. @param {Buffer} bytes */
    const consumeHandshake = (bytes) => {
      const end = bytes.indexOf("\r\n\r\n");
      if (end < 0) return 0;
      const head = bytes.toString("latin1", 0, end);
      if (!head.startsWith("HTTP/1.1 101")) {
        socket.destroy();
        reject(new Error(`upgrade refused: ${head.split("\r\n")[0]}`));
        return 0;
      }
      open = true;
      resolve(handle);
      return end + 4;
    };

    /** The callback of a read of `count` bytes into {@link readBuffer}; true keeps the socket reading. @param {number} count */
    const onRead = (count) => {
      // Usually nothing is pending and the read is parsed in place.
      const bytes = pending.length === 0 ? readBuffer.subarray(0, count) : Buffer.concat([pending, readBuffer.subarray(0, count)]);
      let offset = open ? 0 : consumeHandshake(bytes);
      if (open) offset += consumeFrames(offset === 0 ? bytes : bytes.subarray(offset));
      // What is left may be a view of the shared buffer, which the next read overwrites: keep a copy.
      pending = offset === bytes.length ? nothing : Buffer.from(bytes.subarray(offset));
      return true;
    };

    const socket = tcpConnect({ port, host: "127.0.0.1", noDelay: true, onread: { buffer: readBuffer, callback: onRead } });
    socket.on("error", reject);
    socket.on("connect", () => {
      const key = randomBytes(16).toString("base64");
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
  });
}
