/**
 * `@chat/transport-socketio`: the socket.io transport of `@chat/core`, wire-compatible with chat-service 1.0 clients.
 * @module \@chat/transport-socketio
 */
export { socketIoTransport, type SocketIoTransport } from "./socket-io-transport.js";
export { DEFAULT_NAMESPACE, DEFAULT_PORT, type Middleware, type SocketIoTransportOptions } from "./options.js";
export { replyTextParser, type SocketIoParser } from "./reply-text-parser.js";
