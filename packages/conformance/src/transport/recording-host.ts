/**
 * A recording {@link TransportHost}: the core's side of the transport seam, reduced to what a transport test needs.
 * @module
 */
import type { PublicError, RequestOutcome, Respond, TransportHost } from "@chat/core";
import { Collector } from "../helpers.js";

/** One `host.request` call as the transport made it. */
export interface RecordedRequest {
  socketId: string;
  event: string;
  args: unknown[];
  respond: Respond | undefined;
}

/** Options of {@link RecordingHost}. */
export interface RecordingHostOptions {
  /**
   * The value of `host.useRawErrorObjects`.
   * @default false
   */
  useRawErrorObjects?: boolean;
  /**
   * Answers a request, in place of {@link defaultAnswer}. It may call `respond` any number of times, or never.
   * @default defaultAnswer
   */
  answer?: (request: RecordedRequest) => void;
  /**
   * Runs inside `host.connected`, after the call is recorded, as the core's login sequence would (it may emit to
   * the socket or disconnect it right there).
   * @default undefined
   */
  onConnected?: (socketId: string) => void;
}

/** The error {@link defaultAnswer} gives a `"fail"` request: `noRoom` for the first argument. */
export function noRoomError(room: unknown): PublicError {
  return {
    object: { name: "ChatServiceError", code: "noRoom", args: [room] },
    text: `ChatServiceError: No such room ${String(room)}`,
  };
}

/**
 * The default answers: `"fail"` gets {@link noRoomError}, `"silent"` gets no answer, anything else gets its
 * arguments back as results.
 */
export function defaultAnswer({ event, args, respond }: RecordedRequest): void {
  if (respond === undefined || event === "silent") return;
  const outcome: RequestOutcome = event === "fail" ? { error: noRoomError(args[0]) } : { error: null, results: args };
  respond(outcome);
}

/**
 * A small real {@link TransportHost} that records every call in order and lets a test await them, so that
 * transport tests wait on events rather than on time.
 * @example
 * const host = new RecordingHost();
 * await transport.start(host);
 * const id = await host.nextConnected();
 */
export class RecordingHost implements TransportHost {
  readonly useRawErrorObjects: boolean;
  private readonly connections = new Collector<string>();
  private readonly disconnections = new Collector<string>();
  private readonly requestLog = new Collector<RecordedRequest>();
  private readonly answer: (request: RecordedRequest) => void;
  private readonly onConnected: ((socketId: string) => void) | undefined;
  private connectedCursor = 0;
  private requestCursor = 0;

  constructor(options: RecordingHostOptions = {}) {
    this.useRawErrorObjects = options.useRawErrorObjects ?? false;
    this.answer = options.answer ?? defaultAnswer;
    this.onConnected = options.onConnected;
  }

  /** Every id reported by `connected`, in order. */
  get connectedIds(): readonly string[] {
    return this.connections.items;
  }

  /** Every id reported by `disconnected`, in order (an id twice if it was reported twice). */
  get disconnectedIds(): readonly string[] {
    return this.disconnections.items;
  }

  /** Every request, in order. */
  get requests(): readonly RecordedRequest[] {
    return this.requestLog.items;
  }

  connected(socketId: string): void {
    this.connections.listener(socketId);
    this.onConnected?.(socketId);
  }

  request(socketId: string, event: string, args: unknown[], respond: Respond | undefined): void {
    const recorded: RecordedRequest = { socketId, event, args, respond };
    // Answer before recording: a waiting test then sees a request whose answer is already on its way.
    this.answer(recorded);
    this.requestLog.listener(recorded);
  }

  disconnected(socketId: string): void {
    this.disconnections.listener(socketId);
  }

  /** How often `socketId` was reported disconnected. */
  disconnectCount(socketId: string): number {
    return this.disconnections.items.filter((id) => id === socketId).length;
  }

  /** Resolves with the next connected id not returned by an earlier call (at once if it was reported already). */
  async nextConnected(): Promise<string> {
    const index = this.connectedCursor++;
    const items = await this.connections.waitFor((ids) => ids.length > index);
    return items[index]!;
  }

  /** Resolves once `socketId` has been reported disconnected (at once if it already was). */
  async waitDisconnected(socketId: string): Promise<void> {
    await this.disconnections.waitFor((ids) => ids.includes(socketId));
  }

  /** Resolves with the next request not returned by an earlier call (at once if it arrived already). */
  async nextRequest(): Promise<RecordedRequest> {
    const index = this.requestCursor++;
    const items = await this.requestLog.waitFor((requests) => requests.length > index);
    return items[index]!;
  }
}
