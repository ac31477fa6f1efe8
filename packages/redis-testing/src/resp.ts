import { connect } from "node:net";

/**
 * An error reply (`-LOADING ...`, `-ERR ...`), kept as a value: while a server starts, error replies are an
 * expected state to poll past, not a failure.
 */
export class RespError {
  constructor(readonly message: string) {}
}

/** A RESP2 reply: simple and bulk strings, integers, nil, arrays, and error replies as {@link RespError}. */
export type RespReply = string | number | null | RespError | RespReply[];

/**
 * Sends `commands` pipelined on one fresh connection to 127.0.0.1:`port` and resolves their replies in order.
 * Rejects on connection errors or when the replies do not arrive within `timeoutMs`.
 *
 * This is deliberately tiny: the harness only needs PING / INFO / CLUSTER INFO / CLUSTER SLOTS while it waits
 * for servers, and must not depend on the client library the tests under it exercise.
 */
export function sendCommands(
  port: number,
  commands: readonly (readonly string[])[],
  timeoutMs = 1_000,
): Promise<RespReply[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    const replies: RespReply[] = [];
    let buffer = Buffer.alloc(0);
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`127.0.0.1:${port} did not reply within ${timeoutMs} ms`)));
    socket.on("error", fail);
    // After a resolve this reject is a no-op; before one it reports a server that hung up mid-reply.
    socket.on("close", () => reject(new Error(`127.0.0.1:${port} closed the connection before replying`)));
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      try {
        for (let parsed = parseReply(buffer, 0); parsed; parsed = parseReply(buffer, 0)) {
          replies.push(parsed.value);
          buffer = buffer.subarray(parsed.end);
          if (replies.length === commands.length) {
            socket.destroy();
            resolve(replies);
            return;
          }
        }
      } catch (error) {
        fail(error as Error);
      }
    });
    socket.write(commands.map(encodeCommand).join(""));
  });
}

function encodeCommand(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join("")}`;
}

/** Parses one reply starting at `start`, or returns undefined when the buffer does not hold all of it yet. */
function parseReply(buffer: Buffer, start: number): { value: RespReply; end: number } | undefined {
  const lineEnd = buffer.indexOf("\r\n", start);
  if (lineEnd === -1) return undefined;
  const line = buffer.toString("utf8", start + 1, lineEnd);
  const next = lineEnd + 2;
  switch (String.fromCharCode(buffer[start])) {
    case "+":
      return { value: line, end: next };
    case "-":
      return { value: new RespError(line), end: next };
    case ":":
      return { value: Number(line), end: next };
    case "$": {
      const length = Number(line);
      if (length < 0) return { value: null, end: next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString("utf8", next, next + length), end: next + length + 2 };
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return { value: null, end: next };
      const items: RespReply[] = [];
      let end = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, end);
        if (!item) return undefined;
        items.push(item.value);
        end = item.end;
      }
      return { value: items, end };
    }
    default:
      throw new Error(`unexpected RESP reply: ${JSON.stringify(buffer.toString("utf8", start, lineEnd))}`);
  }
}

/** Reads `name:value` from an INFO / CLUSTER INFO reply. */
export function infoField(reply: RespReply | undefined, name: string): string | undefined {
  if (typeof reply !== "string") return undefined;
  return new RegExp(`^${name}:(.*?)\\r?$`, "m").exec(reply)?.[1];
}
