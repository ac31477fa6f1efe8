/**
 * `@chat/transport-ws`: a plain-WebSocket transport of `@chat/core` (server side), with the frame format of
 * PROTOCOL-WS.md. The browser-safe frame codec alone is `@chat/transport-ws/frames`.
 * @module \@chat/transport-ws
 */
export { wsTransport, type WsTransport } from "./ws-transport.js";
export {
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_PAYLOAD,
  DEFAULT_PATH,
  DEFAULT_PING_INTERVAL,
  DEFAULT_PORT,
  type OriginCheck,
  type WsTransportOptions,
} from "./options.js";
export * from "./frames/index.js";
