import { EventEmitter } from "node:events";
import type { Socket } from "socket.io";
import { describe, expect, it } from "vitest";
import { undoableAttach } from "../src/undoable-attach.js";
import { runMiddleware } from "../src/middleware-chain.js";
import type { Middleware } from "../src/options.js";
import { Encoder, PacketType } from "socket.io-parser";
import { EncodedAckArguments, ReplyTextEncoder } from "../src/reply-text-parser.js";
import { createRespond, splitAck } from "../src/respond.js";
import { noRoomError } from "./helpers/recording-host.js";

describe("splitAck", () => {
  it("takes a trailing function as the ack", () => {
    const ack = () => {};
    expect(splitAck(["a", 1, ack])).toEqual({ args: ["a", 1], ack });
    expect(splitAck(["a", 1])).toEqual({ args: ["a", 1], ack: undefined });
    expect(splitAck([])).toEqual({ args: [], ack: undefined });
  });
});

describe("createRespond", () => {
  it("acknowledges at most once", () => {
    const calls: unknown[][] = [];
    const respond = createRespond((...values) => calls.push(values), { useRawErrorObjects: false }, false);
    respond({ error: null, results: ["first"] });
    respond({ error: null, results: ["second"] });
    respond({ error: noRoomError("r") });
    expect(calls).toEqual([[null, "first"]]);
  });

  it("sends several results, and errors in the form the host asks for", () => {
    const calls: unknown[][] = [];
    const host = { useRawErrorObjects: false };
    createRespond((...values) => calls.push(values), host, false)({ error: null, results: [1, 2] });
    createRespond((...values) => calls.push(values), host, false)({ error: noRoomError("r") });
    host.useRawErrorObjects = true;
    createRespond((...values) => calls.push(values), host, false)({ error: noRoomError("r") });
    expect(calls).toEqual([
      [null, 1, 2],
      ["ChatServiceError: No such room r", null],
      [{ name: "ChatServiceError", code: "noRoom", args: ["r"] }, null],
    ]);
  });
});

describe("reply texts", () => {
  const page = [{ textMessage: "hé \"quoted\"", author: "a", timestamp: 1, id: 2 }, { textMessage: "", author: "b", timestamp: 0, id: 1 }];
  const pageJson = JSON.stringify([page]);

  it("sends the core's text of the results when the encoder can, and the results otherwise", () => {
    const calls: unknown[][] = [];
    const host = { useRawErrorObjects: false };
    createRespond((...values) => calls.push(values), host, true)({ error: null, results: [page], resultsJson: pageJson });
    createRespond((...values) => calls.push(values), host, false)({ error: null, results: [page], resultsJson: pageJson });
    createRespond((...values) => calls.push(values), host, true)({ error: null, results: [page] });
    expect(calls).toEqual([[new EncodedAckArguments(`[null,${JSON.stringify(page)}]`)], [null, page], [null, page]]);
  });

  it("encodes an ack's text to the bytes socket.io-parser makes of its results, in any namespace", () => {
    for (const nsp of ["/chat-service", "/"]) {
      const head = { type: PacketType.ACK, nsp, id: 17 };
      const plain = new Encoder().encode({ ...head, data: [null, page] });
      const text = new ReplyTextEncoder().encode({ ...head, data: [new EncodedAckArguments(JSON.stringify([null, page]))] });
      expect(text).toEqual(plain);
    }
  });

  it("encodes every other packet as socket.io-parser does, binary ones included", () => {
    const binary = { type: PacketType.EVENT, nsp: "/chat-service", data: ["roomMessage", "r", { file: Buffer.from([1, 2]) }] };
    const ack = { type: PacketType.ACK, nsp: "/chat-service", id: 3, data: [null, page] };
    for (const packet of [binary, ack]) expect(new ReplyTextEncoder().encode(packet)).toEqual(new Encoder().encode(packet));
  });
});

describe("runMiddleware", () => {
  const socket = {} as Socket;

  it("finishes once even when a middleware calls next twice", () => {
    const results: unknown[] = [];
    const twice: Middleware = (_socket, next) => {
      next();
      next(new Error("late"));
    };
    runMiddleware([twice, twice], socket, (err) => results.push(err));
    expect(results).toEqual([undefined]);
  });

  it("finishes at once with no middleware", () => {
    const results: unknown[] = [];
    runMiddleware([], socket, (err) => results.push(err));
    expect(results).toEqual([undefined]);
  });

  it("turns a non-Error throw into an Error", () => {
    const results: unknown[] = [];
    runMiddleware(
      [
        () => {
          throw "nope";
        },
      ],
      socket,
      (err) => results.push(err),
    );
    expect(results).toEqual([new Error("nope")]);
  });
});

describe("undoableAttach", () => {
  it("undoes only what attach changed, keeping listeners the caller added before and since", () => {
    const emitter = new EventEmitter();
    const original = () => {};
    const attached = () => {};
    const callerLater = () => {};
    emitter.on("request", original);
    const { result, undo } = undoableAttach(emitter, ["request", "upgrade"], () => {
      emitter.removeAllListeners("request");
      emitter.on("request", attached);
      emitter.on("upgrade", attached);
      return "attached";
    });
    expect(result).toBe("attached");
    emitter.on("request", callerLater);
    undo();
    expect(emitter.listeners("request")).toEqual([original, callerLater]);
    expect(emitter.listeners("upgrade")).toEqual([]);
  });
});
