import { EventEmitter } from "node:events";
import type { PublicError, RequestOutcome, Respond, TransportHost } from "@chat/core";

/** One `host.request` call as the transport made it. */
export interface RecordedRequest {
  socketId: string;
  event: string;
  args: unknown[];
  respond: Respond | undefined;
}

/** The error the host answers to a `"fail"` request: `noRoom` for the first argument. */
export function noRoomError(room: unknown): PublicError {
  return {
    object: { name: "ChatServiceError", code: "noRoom", args: [room] },
    text: `ChatServiceError: No such room ${String(room)}`,
  };
}

/** What a `"texted"` request's `resultsJson` says, whatever its arguments. */
export const TEXTED_REPLY = [{ sentAs: "text" }];

/**
 * A small real {@link TransportHost} (the core's side of the seam) that records every call and answers requests:
 * `"fail"` gets a `noRoom` error, `"silent"` gets no answer, anything else gets its arguments back as results.
 * `"texted"` also comes with a `resultsJson` that differs from its results, {@link TEXTED_REPLY}, so that a test
 * can tell which of the two went out.
 */
export class RecordingHost implements TransportHost {
  useRawErrorObjects = false;
  readonly connectedIds: string[] = [];
  readonly disconnectedIds: string[] = [];
  readonly requests: RecordedRequest[] = [];
  private readonly events = new EventEmitter();

  connected(socketId: string): void {
    this.connectedIds.push(socketId);
    this.events.emit("connected", socketId);
  }

  request(socketId: string, event: string, args: unknown[], respond: Respond | undefined): void {
    const recorded = { socketId, event, args, respond };
    this.requests.push(recorded);
    const outcome = this.answer(event, args);
    if (outcome !== undefined) respond?.(outcome);
    this.events.emit("request", recorded);
  }

  disconnected(socketId: string): void {
    this.disconnectedIds.push(socketId);
    this.events.emit("disconnected", socketId);
  }

  /** How often `socketId` was reported disconnected. */
  disconnectCount(socketId: string): number {
    return this.disconnectedIds.filter((id) => id === socketId).length;
  }

  /** Resolves once `socketId` has been reported disconnected (at once if it already was). */
  async waitDisconnected(socketId: string): Promise<void> {
    if (this.disconnectedIds.includes(socketId)) return;
    await new Promise<void>((resolve) => {
      const listener = (id: string): void => {
        if (id !== socketId) return;
        this.events.off("disconnected", listener);
        resolve();
      };
      this.events.on("disconnected", listener);
    });
  }

  /** Resolves with the next request the transport hands over. */
  nextRequest(): Promise<RecordedRequest> {
    return new Promise((resolve) => this.events.once("request", resolve));
  }

  private answer(event: string, args: unknown[]): RequestOutcome | undefined {
    if (event === "fail") return { error: noRoomError(args[0]) };
    if (event === "silent") return undefined;
    if (event === "texted") return { error: null, results: args, resultsJson: JSON.stringify(TEXTED_REPLY) };
    return { error: null, results: args };
  }
}
