import type { Respond, TransportHost } from "@chat/core";
import type { RawData } from "ws";
import type { Connection } from "./connection.js";
import { type ClientFrame, FrameError, FrameType, type ServerFrame, decodeClientFrame, encodeReplyText, encodeServerFrame } from "./frames/index.js";
import { type Outgoing, encodeOrWarn, toOutgoing } from "./outgoing.js";

/** What handling a client's frames needs from the transport. */
export interface IncomingContext {
  readonly host: TransportHost;
  /** Whether the connection is still connected here (`respond` for a departed one does nothing). */
  isCurrent(connection: Connection): boolean;
  send(connection: Connection, outgoing: Outgoing): void;
  /** Closes a connection that broke the frame format. */
  refuse(connection: Connection, reason: string): void;
}

/** What a client gets when a reply's results cannot be encoded: still exactly one answer to its request. */
function unencodableReply(requestId: number): Outgoing {
  const error = { name: "ChatServiceError" as const, code: "internalError", args: ["the reply could not be encoded"] };
  return toOutgoing(encodeServerFrame({ type: FrameType.error, id: requestId, error }));
}

function bytesOf(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/** Decodes one WebSocket message and hands it to the host, answers a ping, or refuses a malformed frame. */
export function handleMessage(context: IncomingContext, connection: Connection, data: RawData, isBinary: boolean): void {
  let frame: ClientFrame;
  try {
    // Text frames arrive as bytes that `ws` already checked to be UTF-8. Binary values become Buffers, which
    // stores expect (they are copies: `bytes` points into the message).
    const bytes = bytesOf(data);
    frame = decodeClientFrame(isBinary ? bytes : bytes.toString("utf8"), (value) => Buffer.from(value));
  } catch (error) {
    context.refuse(connection, error instanceof FrameError ? error.message : "undecodable frame");
    return;
  }
  switch (frame.type) {
    case FrameType.send:
      context.host.request(connection.id, frame.event, frame.args, undefined);
      return;
    case FrameType.request:
      context.host.request(connection.id, frame.event, frame.args, createRespond(context, connection, frame.id));
      return;
    case FrameType.ping:
      context.send(connection, toOutgoing(encodeServerFrame({ type: FrameType.pong, token: frame.token })));
      return;
  }
}

/**
 * The core's {@link Respond} for request `requestId`: `[2, id, results]` or `[3, id, errorObject]`, the error always
 * as its object, whatever `host.useRawErrorObjects` says (the frame format has one error form). Only the first
 * call sends anything, and nothing is sent to a connection that has gone.
 */
function createRespond(context: IncomingContext, connection: Connection, requestId: number): Respond {
  let answered = false;
  return (outcome) => {
    if (answered) return;
    answered = true;
    if (!context.isCurrent(connection)) return;
    if (outcome.error === null && outcome.resultsJson !== undefined) {
      context.send(connection, toOutgoing(encodeReplyText(requestId, outcome.resultsJson)));
      return;
    }
    const frame: ServerFrame =
      outcome.error === null
        ? { type: FrameType.reply, id: requestId, results: outcome.results }
        : { type: FrameType.error, id: requestId, error: outcome.error.object };
    context.send(connection, encodeOrWarn(() => encodeServerFrame(frame), `the reply to request ${requestId}`) ?? unencodableReply(requestId));
  };
}
