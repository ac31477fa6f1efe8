/**
 * A test client of the frame format over the `ws` package's client: requests with ids, replies matched to them,
 * notifications recorded in order. Binary values arrive as Buffers.
 */
import type { ErrorObject } from "@chat/core";
import { NotificationLog } from "@chat/conformance";
import { type ClientOptions, type RawData, WebSocket } from "ws";
import { FrameType, type PingToken, decodeServerFrame, encodeClientFrame } from "../../src/frames/index.js";

/** A reply as the peer received it. */
export interface PeerReply {
  error: ErrorObject | null;
  results: unknown[];
}

/** How a WebSocket connection ended, as the client saw it. */
export interface PeerClose {
  code: number;
  reason: string;
}

/** Options of {@link WsPeer.connect}. */
export interface WsPeerOptions {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Passed to the `ws` client (`autoPong: false` plays a peer that stopped answering pings). */
  client?: ClientOptions;
}

const openPeers = new Set<WsPeer>();

/** Closes every peer still open; call it in `afterEach`. */
export async function closePeers(): Promise<void> {
  await Promise.allSettled([...openPeers].map((peer) => peer.close()));
  openPeers.clear();
}

function bytesOf(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/** Rejects with the HTTP status of a refused upgrade, e.g. `{ status: 403 }`. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}

export class WsPeer {
  readonly log = new NotificationLog();
  /** Every reply or error frame received, including unexpected ones. */
  repliesReceived = 0;
  /** Resolves when the connection closed, from either side. */
  readonly closed: Promise<PeerClose>;
  private closedByClient = false;
  private nextId = 0;
  private readonly pending = new Map<number, (reply: PeerReply) => void>();
  private readonly pongs = new Map<PingToken, () => void>();
  private readonly probes = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => this.onMessage(data, isBinary));
    // Errors end in a close, which is what tests look at; unhandled they would crash the test run.
    ws.on("error", () => {});
    this.closed = new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens a connection to `url` (the query is added to it); rejects if the server refuses it. */
  static connect(url: string, options: WsPeerOptions = {}): Promise<WsPeer> {
    const target = new URL(url);
    for (const [key, value] of Object.entries(options.query ?? {})) target.searchParams.append(key, value);
    const ws = new WebSocket(target, { headers: options.headers, ...options.client });
    const peer = new WsPeer(ws);
    openPeers.add(peer);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(peer));
      ws.once("unexpected-response", (_request, response) => {
        reject(new UpgradeRefused(response.statusCode ?? 0));
        ws.terminate();
      });
      ws.once("error", reject);
    });
  }

  /** Resolves when the server closed the connection (never if this client closed it). */
  get closedByServer(): Promise<PeerClose> {
    return this.closed.then((close) => (this.closedByClient ? new Promise<PeerClose>(() => {}) : close));
  }

  get received(): readonly [string, ...unknown[]][] {
    return this.log.received;
  }

  next(event: string): Promise<unknown[]> {
    return this.log.next(event);
  }

  /** Notifications named `event` received so far, as argument lists. */
  all(event: string): unknown[][] {
    return this.received.filter(([name]) => name === event).map(([, ...args]) => args);
  }

  /** Resolves with the first value of `probe` that is not `undefined`, re-evaluated at every notification. */
  waitFor<T>(probe: () => T | undefined): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      const check = (): void => {
        const value = probe();
        if (value === undefined) return;
        this.probes.delete(check);
        resolve(value);
      };
      this.probes.add(check);
    });
  }

  /** Sends `[1, id, event, args]`; resolves with the reply (never, if the server ignores the request). */
  request(event: string, args: readonly unknown[]): Promise<PeerReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(encodeClientFrame({ type: FrameType.request, id, event, args: [...args] }));
    });
  }

  /** Sends `[0, event, args]`. */
  send(event: string, args: readonly unknown[]): void {
    this.ws.send(encodeClientFrame({ type: FrameType.send, event, args: [...args] }));
  }

  /** Sends an application ping `[5, token]` and resolves at its pong. */
  ping(token: PingToken): Promise<void> {
    return new Promise((resolve) => {
      this.pongs.set(token, resolve);
      this.ws.send(encodeClientFrame({ type: FrameType.ping, token }));
    });
  }

  async close(): Promise<void> {
    openPeers.delete(this);
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.closedByClient = true;
    this.ws.close();
    await this.closed;
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    const bytes = bytesOf(data);
    const frame = decodeServerFrame(isBinary ? bytes : bytes.toString("utf8"), (value) => Buffer.from(value));
    switch (frame.type) {
      case FrameType.notification:
        this.log.push(frame.event, frame.args);
        for (const probe of [...this.probes]) probe();
        return;
      case FrameType.pong:
        this.pongs.get(frame.token)?.();
        this.pongs.delete(frame.token);
        return;
      default: {
        this.repliesReceived++;
        const resolve = this.pending.get(frame.id);
        this.pending.delete(frame.id);
        resolve?.(frame.type === FrameType.reply ? { error: null, results: frame.results } : { error: frame.error, results: [] });
      }
    }
  }
}
