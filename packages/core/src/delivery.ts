/**
 * Fan-out: notifications to channels on every instance, and socket operations on whichever instance holds the
 * socket. Local sockets are served directly through this instance's transports; other instances are reached by
 * one bus publication per operation, whatever the number of recipients.
 * @module
 */
import { randomBytes } from "node:crypto";
import type { Bus, BusMessage } from "./bus.js";
import type { LocalSockets } from "./local-sockets.js";
import { RoomMessageOrder } from "./room-message-order.js";
import type { Transport } from "./transport.js";

export interface DeliveryOptions {
  instanceUID: string;
  /** `null` for a single instance: nobody else listens, so nothing is published. */
  bus: Bus | null;
  sockets: LocalSockets;
  transports: readonly Transport[];
  busAckTimeout: number;
  /** A publication failed (the bus is down): other instances missed it. */
  onBusError(error: unknown): void;
  /** An application event from `service.clusterBus` arrived from another instance. */
  onCustomEvent(event: string, args: unknown[]): void;
}

/**
 * How long a room message that arrived before an earlier one waits for it (see {@link RoomMessageOrder}). Long
 * enough for a busy instance to publish, short enough that a crashed publisher stalls a room only briefly.
 */
const roomMessageGapTimeout = 1000;

export class Delivery {
  private readonly pendingLeaves = new Map<string, () => void>();
  /** Only a cluster needs ordering: a single instance stores and delivers in the same order. */
  readonly roomOrder: RoomMessageOrder | null;

  constructor(private readonly options: DeliveryOptions) {
    // A transport that cannot tell whether a channel has local members may have some.
    const followedHere = (roomName: string) => options.transports.some((transport) => transport.hasChannelMembers?.(roomName) ?? true);
    this.roomOrder = options.bus ? new RoomMessageOrder(roomMessageGapTimeout, followedHere) : null;
  }

  /**
   * Sends a notification to every socket in `channel` on every instance, except socket `except` when that
   * socket is connected here (chat-service 1.0's `sendToChannel`; a remote or unknown `except` excludes nobody).
   */
  toChannel(channel: string, event: string, args: unknown[], except?: string | null): void {
    const localExcept = except != null && this.options.sockets.get(except) ? except : undefined;
    this.emitLocally(channel, event, args, localExcept);
    this.publish({ kind: "emit", origin: this.options.instanceUID, channel, event, args, except: localExcept });
  }

  /**
   * Takes a socket out of a channel wherever it is connected. For a remote socket, waits for its instance to
   * confirm, at most `busAckTimeout` ms (a dead instance never answers; its sockets are gone anyway).
   */
  async leaveChannel(socketId: string, channel: string): Promise<void> {
    const local = this.options.sockets.get(socketId);
    if (local) {
      local.transport.leaveChannel(socketId, channel);
      return;
    }
    if (!this.options.bus) return;
    const requestId = randomBytes(12).toString("base64url");
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<void>((resolve) => {
      this.pendingLeaves.set(requestId, resolve);
      timer = setTimeout(resolve, this.options.busAckTimeout);
    });
    this.publish({ kind: "leaveChannel", origin: this.options.instanceUID, socketId, channel, requestId });
    await answered;
    clearTimeout(timer);
    this.pendingLeaves.delete(requestId);
  }

  /** Disconnects the user's sockets on every instance. */
  disconnectUser(userName: string): void {
    this.disconnectLocalSocketsOf(userName);
    this.publish({ kind: "disconnectUser", origin: this.options.instanceUID, userName });
  }

  /** Publishes an application event to the other instances. */
  publishCustom(event: string, args: unknown[]): void {
    this.publish({ kind: "custom", origin: this.options.instanceUID, event, args });
  }

  /** Handles what another instance published. */
  receive(message: BusMessage): void {
    if (message.origin === this.options.instanceUID) return;
    switch (message.kind) {
      case "emit":
        this.emitLocally(message.channel, message.event, message.args, message.except);
        return;
      case "leaveChannel": {
        const local = this.options.sockets.get(message.socketId);
        if (!local) return; // only the instance holding the socket answers
        local.transport.leaveChannel(message.socketId, message.channel);
        this.publish({ kind: "socketLeftChannel", origin: this.options.instanceUID, requestId: message.requestId });
        return;
      }
      case "socketLeftChannel":
        this.pendingLeaves.get(message.requestId)?.();
        return;
      case "disconnectUser":
        this.disconnectLocalSocketsOf(message.userName);
        return;
      case "custom":
        this.options.onCustomEvent(message.event, message.args);
        return;
    }
  }

  /** Emits to this instance's sockets; a room's messages (`roomMessage(roomName, {id…})` on the room's channel) in id order. */
  private emitLocally(channel: string, event: string, args: unknown[], except: string | undefined): void {
    const send = () => {
      for (const transport of this.options.transports) transport.emit(channel, event, args, except);
    };
    const id = event === "roomMessage" && args[0] === channel ? messageId(args[1]) : undefined;
    if (this.roomOrder && id !== undefined) this.roomOrder.deliver(channel, id, send);
    else send();
  }

  /** Stops what delivery keeps running (the service is closing). */
  close(): void {
    this.roomOrder?.close();
  }

  private disconnectLocalSocketsOf(userName: string): void {
    for (const id of this.options.sockets.ofUser(userName)) this.options.sockets.get(id)?.transport.disconnect(id);
  }

  private publish(message: BusMessage): void {
    const { bus } = this.options;
    if (!bus) return;
    bus.publish(message).catch((error: unknown) => this.options.onBusError(error));
  }
}

function messageId(message: unknown): number | undefined {
  const id = typeof message === "object" && message !== null ? (message as { id?: unknown }).id : undefined;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
