/**
 * `service.transport`: chat-service 1.0's public transport helpers (PROTOCOL.md §14.4), over every transport
 * of the instance.
 * @module
 */
import type { Delivery } from "./delivery.js";
import type { CustomHandler, LocalSockets } from "./local-sockets.js";
import { isCommandName } from "./protocol/index.js";
import type { HandshakeData } from "./transport.js";

/** `service.transport`: look-ups and actions on the sockets of this instance, whatever transport holds them. */
export class ServiceTransport {
  constructor(
    private readonly sockets: LocalSockets,
    private readonly delivery: Delivery,
  ) {}

  /** Handshake query, headers and address of a local socket; `isConnected: false` and empty objects otherwise. */
  getHandshakeData(id: string): HandshakeData {
    const socket = this.sockets.get(id);
    return socket ? socket.transport.getHandshakeData(id) : { isConnected: false, query: {}, headers: {} };
  }

  /** Whether the socket is connected to this instance. */
  isConnected(id: string): boolean {
    return this.sockets.get(id) !== undefined;
  }

  /**
   * Adds a request handler to one local socket (typically from `onConnect`): a request named `event` replies
   * with the values `handler` resolves to, errors converted as for commands. Command names cannot be bound.
   * @returns whether the handler was bound.
   */
  bindHandler(id: string, event: string, handler: CustomHandler): boolean {
    const socket = this.sockets.get(id);
    if (!socket || isCommandName(event)) return false;
    (socket.handlers ??= new Map()).set(event, handler);
    return true;
  }

  /** Sends a notification to every socket in a channel (a room name, or `echo:<user>`) on every instance. */
  emitToChannel(channel: string, event: string, ...args: unknown[]): void {
    this.delivery.toChannel(channel, event, args);
  }

  /** As {@link emitToChannel}, skipping socket `id` when it is connected to this instance. */
  sendToChannel(id: string | null, channel: string, event: string, ...args: unknown[]): void {
    this.delivery.toChannel(channel, event, args, id);
  }

  /** Disconnects a socket of this instance from the server side. */
  disconnectSocket(id: string): void {
    this.sockets.get(id)?.transport.disconnect(id);
  }
}
