/**
 * `service.clusterBus`: application events delivered to every instance of the cluster, the emitting one
 * included (PROTOCOL.md §16.3).
 * @module
 */
import { EventEmitter } from "node:events";
import type { Delivery } from "./delivery.js";

/** `service.clusterBus`: an event emitter whose `emit` reaches the listeners of every instance of the cluster. */
export class ClusterBus {
  private readonly local = new EventEmitter();

  constructor(private readonly delivery: Delivery) {}

  /** Delivers `event` with `args` (plain data and binary values) to the listeners of every instance. */
  emit(event: string, ...args: unknown[]): void {
    this.deliverLocally(event, args);
    this.delivery.publishCustom(event, args);
  }

  /** Listens to `event` emitted by any instance, this one included. */
  on(event: string, listener: (...args: unknown[]) => void): this {
    this.local.on(event, listener);
    return this;
  }

  /** Removes a listener added with {@link ClusterBus.on}. */
  off(event: string, listener: (...args: unknown[]) => void): this {
    this.local.off(event, listener);
    return this;
  }

  /** @internal Called for events from other instances. */
  deliverLocally(event: string, args: unknown[]): void {
    this.local.emit(event, ...args);
  }
}
