// @ts-check
/**
 * A lean client connection for the load generator: raw frames over {@link openRawWebSocket}, no client library,
 * notifications handed over as bytes. Speaks the @chat ws frames or socket.io 4 (engine.io 4 over WebSocket)
 * packets, so that bare and @chat targets of one transport get exactly the same load.
 */
import { openRawWebSocket } from "./raw-websocket.js";

/**
 * @typedef {object} RawConnection
 * @property {(event: string, args: unknown[]) => Promise<string>} request sends a request; resolves with the raw reply
 * @property {(text: string) => void} sendRaw sends an already-encoded frame
 * @property {(event: string, argsJson: string, ackId: number) => string} encode encodes a request with an ack id
 * @property {() => number} nextAckId
 * @property {() => void} close
 */

const NAMESPACE = "/chat-service,";
const CHAR = { "0": 0x30, "2": 0x32, "3": 0x33, "4": 0x34 };

/**
 * Opens a connection and resolves once the server confirmed the login.
 * @param {"ws" | "socket.io"} protocol
 * @param {number} port
 * @param {string} userName
 * @param {(payload: Buffer) => void} onNotification every notification after the login, as the frame's bytes
 * @returns {Promise<RawConnection>}
 */
export async function connect(protocol, port, userName, onNotification) {
  const query = `userName=${encodeURIComponent(userName)}`;
  const path = protocol === "ws" ? `/chat-service?${query}` : `/socket.io/?EIO=4&transport=websocket&${query}`;
  /** @type {Map<number, (text: string) => void>} */
  const pending = new Map();
  let ackIds = 0;
  let loggedIn = false;
  /** @type {() => void} */
  let confirmLogin = () => {};
  // loginConfirmed can arrive with the handshake's answer, before the connection object below exists.
  const loginConfirmed = new Promise((resolve) => (confirmLogin = () => resolve(undefined)));

  const encode =
    protocol === "ws"
      ? (/** @type {string} */ event, /** @type {string} */ argsJson, /** @type {number} */ ackId) => `[1,${ackId},"${event}",${argsJson}]`
      : (/** @type {string} */ event, /** @type {string} */ argsJson, /** @type {number} */ ackId) => `42${NAMESPACE}${ackId}["${event}",${argsJson.slice(1)}`;

  /** @param {number} id @param {string} text */
  const settle = (id, text) => {
    const done = pending.get(id);
    if (!done) return;
    pending.delete(id);
    done(text);
  };

  /** @param {Buffer} payload */
  const onWsFrame = (payload) => {
    // [4,…] notifications; [2,id,…] / [3,id,…] replies.
    if (payload[1] === CHAR["4"]) {
      if (loggedIn) return onNotification(payload);
      if (payload.toString("utf8").startsWith('[4,"loginConfirmed"')) {
        loggedIn = true;
        confirmLogin();
      }
    } else if (pending.size > 0) {
      const text = payload.toString("utf8");
      settle(Number(text.slice(3, text.indexOf(",", 3))), text);
    }
  };

  /** @param {Buffer} payload @param {import("./raw-websocket.js").RawWebSocket} socket */
  const onSocketIoFrame = (payload, socket) => {
    if (payload[0] === CHAR["4"] && payload[1] === CHAR["2"]) {
      if (loggedIn) return onNotification(payload);
      if (payload.toString("utf8").startsWith(`42${NAMESPACE}["loginConfirmed"`)) {
        loggedIn = true;
        confirmLogin();
      }
      return;
    }
    const text = payload.toString("utf8");
    // engine.io: "2" ping → "3" pong; "0{…}" open → connect the namespace; "43<nsp>,<id>[…]" acks.
    if (text === "2") socket.send("3");
    else if (text.startsWith("0")) socket.send(`40${NAMESPACE}`);
    else if (text.startsWith(`43${NAMESPACE}`) && pending.size > 0) {
      const start = 2 + NAMESPACE.length;
      settle(Number(text.slice(start, text.indexOf("[", start))), text);
    }
  };

  const socket = await openRawWebSocket(port, path, protocol === "ws" ? onWsFrame : onSocketIoFrame);
  /** @type {RawConnection} */
  const connection = {
    request(event, args) {
      const id = ++ackIds;
      socket.send(encode(event, JSON.stringify(args), id));
      return new Promise((done) => pending.set(id, done));
    },
    sendRaw: (text) => socket.send(text),
    encode,
    nextAckId: () => ++ackIds,
    close: () => socket.close(),
  };
  return loginConfirmed.then(() => connection);
}
