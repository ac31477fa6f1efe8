/**
 * Dead-instance detection (PROTOCOL.md §0, "Added"): every `heartbeatRate` ms each live instance reads the
 * heartbeats of the cluster, and cleans up every other instance silent for longer than `heartbeatTimeout` as
 * `instanceRecovery` does. A crashed instance's users thus leave their rooms without an operator's help.
 *
 * Only instances with a heartbeat are seen. An instance with sockets in its registry but no heartbeat cannot come
 * from this service — it writes its first heartbeat before its transports accept connections — so it is not
 * looked for.
 *
 * Liveness is judged by comparing a heartbeat written with the writer's clock against the reader's clock: the
 * instances' clocks must agree to well within `heartbeatTimeout - heartbeatRate`.
 *
 * Silence while the store is out of reach proves nothing: no instance can beat then. After a store outage every
 * instance gets `heartbeatTimeout` ms from the store's return to beat again before it is judged (which protects the
 * live ones as long as they reconnect and beat within that time).
 * @module
 */
import { randomBytes } from "node:crypto";
import { instanceRecovery } from "./recovery.js";
import type { Runtime } from "./runtime.js";

/**
 * The user-name half of the store lock that guards the clean-up of one dead instance (the room-name half is the
 * instance's UID). User names cannot contain control characters (PROTOCOL.md §4.3), so it never collides with the
 * lock of a real (user, room).
 */
export const reaperLockUser = "\u0000instance";

/** Finds dead instances and cleans them up, one sweep at a time. */
export class InstanceReaper {
  private timer?: NodeJS.Timeout;
  private sweeping = false;
  private stopped = false;
  /** When a sweep last found the store unreachable or slow: other instances' beats were held up until then. */
  private storeTroubleAt = Number.NEGATIVE_INFINITY;

  /** @param track registers a running sweep, so that `close()` waits for it like for a running command. */
  constructor(
    private readonly rt: Runtime,
    private readonly track: (operation: Promise<void>) => Promise<void>,
  ) {}

  /** Sweeps every `heartbeatRate` ms from now on. */
  start(): void {
    if (this.stopped) return;
    this.timer = setInterval(() => this.tick(), this.rt.options.heartbeatRate);
    // Housekeeping must never be what keeps a process alive.
    this.timer.unref();
  }

  /** No sweep starts from now on, and a running one begins no new clean-up. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private tick(): void {
    // A slow store can make a sweep outlast the interval; an overlapping one would only redo the same reads.
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    void this.track(this.sweep()).finally(() => {
      this.sweeping = false;
    });
  }

  /**
   * One pass over the instance list. Never rejects: a failure is reported with the `internalError` event, and
   * the dead instances it concerned are still listed at the next pass, which tries again.
   */
  private async sweep(): Promise<void> {
    let heartbeats: Record<string, number>;
    const started = Date.now();
    try {
      heartbeats = await this.rt.store.listInstances();
    } catch (error) {
      this.storeTroubleAt = Date.now();
      this.report(error, "listing instances");
      return;
    }
    // A read that waited longer than a beat interval (for a reconnection, say) means beats were held up as well:
    // a heartbeat that is old now may have been stuck in the same queue.
    if (Date.now() - started > this.rt.options.heartbeatRate) this.storeTroubleAt = Date.now();
    for (const [instanceUID, heartbeat] of Object.entries(heartbeats)) {
      if (this.stopped) return;
      if (instanceUID === this.rt.instanceUID || !this.isDead(heartbeat)) continue;
      try {
        await this.recover(instanceUID);
      } catch (error) {
        this.report(error, `recovering instance ${instanceUID}`);
      }
    }
  }

  private isDead(heartbeat: number): boolean {
    const now = Date.now();
    const { heartbeatTimeout } = this.rt.options;
    return now - heartbeat > heartbeatTimeout && now - this.storeTroubleAt > heartbeatTimeout;
  }

  /** Cleans one dead instance, unless another live instance is at it or did it already. */
  private async recover(instanceUID: string): Promise<void> {
    const { store, options } = this.rt;
    const token = randomBytes(12).toString("base64url");
    // The lock lives `heartbeatTimeout` ms and is renewed every `heartbeatRate` ms while the clean-up runs (which
    // may wait long for user/room locks): should this instance die mid-way, the lock frees about when this
    // instance is found dead itself, and another one finishes the job.
    if (!(await store.acquireLock(reaperLockUser, instanceUID, token, options.heartbeatTimeout))) return;
    let renewing: Promise<unknown> = Promise.resolve();
    const renewal = setInterval(() => {
      // Taking a lock again with the holding token restarts its TTL.
      renewing = store.acquireLock(reaperLockUser, instanceUID, token, options.heartbeatTimeout).catch(() => false);
    }, options.heartbeatRate);
    renewal.unref();
    try {
      // The list was read before the lock: since then the instance may have beaten again, or been cleaned by
      // another instance (which removed its heartbeat).
      const heartbeat = await store.getInstanceHeartbeat(instanceUID);
      if (heartbeat === null || !this.isDead(heartbeat)) return;
      const sockets = await instanceRecovery(this.rt, instanceUID);
      this.rt.emit("instanceRecovered", instanceUID, sockets);
    } finally {
      clearInterval(renewal);
      // A renewal landing after the release would take the lock again and hold off a retry for a whole TTL.
      await renewing;
      await store.releaseLock(reaperLockUser, instanceUID, token).catch(() => {
        // Unreleased, the lock expires after its TTL; the clean-up itself is done.
      });
    }
  }

  private report(error: unknown, what: string): void {
    const failure = new Error(`@chat/core: dead-instance detection failed ${what}`, { cause: error });
    this.rt.emit("internalError", failure, { command: "instanceRecovery" });
  }
}
