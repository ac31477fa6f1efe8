/**
 * `@chat/transport-ws/frames`: the WebSocket frame format (PROTOCOL-WS.md), shared by the server transport and
 * `@chat/client`. Browser-safe: no Node built-ins, no `ws`.
 * @module \@chat/transport-ws/frames
 */
export * from "./frame-types.js";
export { encodeClientFrame, encodeNotification, encodeServerFrame, encodeReplyText, decodeClientFrame, decodeServerFrame, type WireData, type BinaryFactory } from "./codec.js";
export { hasBinary, isBinary, MAX_DEPTH } from "./binary-attachments.js";
