// @ts-check
/**
 * A lean client connection for the load generator: raw frames over `ws`, no client library, no parsing of the
 * notifications it only counts. Speaks the @chat ws frames or socket.io 4 (engine.io 4 over WebSocket) packets,
 * so that bare and @chat targets of one transport get exactly the same load.
 */
import WebSocket from "ws";

/**
 * @typedef {object} RawConnection
 * @property {(event: string, args: unknown[]) => Promise<string>} request sends a request; resolves with the raw reply
 * @property {(text: string) => void} sendRaw sends an already-encoded request that wants no answer tracked
 * @property {(event: string, argsJson: string, ackId: number) => string} encode encodes a request with an ack id
 * @property {() => number} nextAckId
 * @property {() => void} close
 */

/**
 * Opens a connection and resolves once the server confirmed the login.
 * @param {"ws" | "socket.io"} protocol
 * @param {number} port
 * @param {string} userName
 * @param {(text: string) => void} onNotification every notification frame, as text
 * @returns {Promise<RawConnection>}
 */
export function connect(protocol, port, userName, onNotification) {
  const query = `userName=${encodeURIComponent(userName)}`;
  const url =
    protocol === "ws"
      ? `ws://127.0.0.1:${port}/chat-service?${query}`
      : `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket&${query}`;
  const ws = new WebSocket(url, { perMessageDeflate: false });
  /** @type {Map<number, (text: string) => void>} */
  const pending = new Map();
  let ackIds = 0;
  const nsp = "/chat-service,";

  const encode =
    protocol === "ws"
      ? (/** @type {string} */ event, /** @type {string} */ argsJson, /** @type {number} */ ackId) => `[1,${ackId},"${event}",${argsJson}]`
      : (/** @type {string} */ event, /** @type {string} */ argsJson, /** @type {number} */ ackId) => `42${nsp}${ackId}["${event}",${argsJson.slice(1)}`;

  return new Promise((resolve, reject) => {
    const connection = {
      request(/** @type {string} */ event, /** @type {unknown[]} */ args) {
        const id = ++ackIds;
        ws.send(encode(event, JSON.stringify(args), id));
        return new Promise((done) => pending.set(id, done));
      },
      sendRaw: (/** @type {string} */ text) => ws.send(text),
      encode,
      nextAckId: () => ++ackIds,
      close: () => ws.terminate(),
    };
    /** @param {number} id @param {string} text */
    const settle = (id, text) => {
      const done = pending.get(id);
      if (done) {
        pending.delete(id);
        done(text);
      }
    };
    ws.on("error", reject);
    ws.on("message", (data) => {
      const text = String(data);
      if (protocol === "ws") {
        // [2,id,…] / [3,id,…]: replies; [4,…]: notifications.
        const type = text.charCodeAt(1);
        if (type === 52 /* 4 */) {
          if (text.startsWith('[4,"loginConfirmed"')) resolve(connection);
          else onNotification(text);
        } else if (pending.size > 0) settle(Number(text.slice(3, text.indexOf(",", 3))), text);
        return;
      }
      // engine.io: "2" ping → "3" pong; "4…" socket.io packets.
      if (text === "2") return ws.send("3");
      if (text.startsWith("0")) return ws.send(`40${nsp}`);
      if (text.startsWith(`42${nsp}`)) {
        if (text.startsWith(`42${nsp}["loginConfirmed"`)) resolve(connection);
        else onNotification(text);
      } else if (text.startsWith(`43${nsp}`)) {
        if (pending.size > 0) settle(Number(text.slice(2 + nsp.length, text.indexOf("[", 2 + nsp.length))), text);
      }
    });
  });
}
