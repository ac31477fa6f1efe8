/** What the server does with each frame a client sends, and with values it cannot encode. */
import { RecordingHost } from "@chat/conformance";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CloseCode } from "../src/index.js";
import { wsUrl } from "./helpers/raw-client.js";
import { closeTransports, startTransport } from "./helpers/transports.js";
import { WsPeer, closePeers } from "./helpers/ws-peer.js";

afterEach(async () => {
  await closePeers();
  await closeTransports();
  vi.restoreAllMocks();
});

/** A binary message: uint32 header length, the header JSON, then each attachment with its uint32 length. */
function binaryMessage(header: unknown, ...attachments: Uint8Array[]): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const parts = [u32(json.length), json, ...attachments.flatMap((bytes) => [u32(bytes.length), Buffer.from(bytes)])];
  return Buffer.concat(parts);
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

const invalidFrames: Array<[string, string | Buffer]> = [
  ["an empty text frame", ""],
  ["text that is not JSON", "{"],
  ["JSON that is not an array", '{"0":1}'],
  ["an unknown frame type", '[9,"x",[]]'],
  ["a server frame type", '[4,"roomMessage",[]]'],
  ["a negative request id", '[1,-1,"roomJoin",[]]'],
  ["a fractional request id", '[1,0.5,"roomJoin",[]]'],
  ["an event that is not a string", "[0,5,[]]"],
  ["arguments that are not an array", '[0,"e",{}]'],
  ["an extra element", '[0,"e",[],1]'],
  ["a ping token that is an object", "[5,{}]"],
  ["a long garbage frame type (the close reason is cut to size)", JSON.stringify(["é".repeat(500), 1])],
  ["a truncated binary frame", Buffer.from([0, 0, 0, 9, 1])],
  ["a binary header that is not JSON", Buffer.concat([u32(1), Buffer.from("{")])],
  ["a binary attachment path pointing at a value", binaryMessage([[0, "e", ["taken"]], [[2, 0]]], new Uint8Array([1]))],
  ["bytes after the last attachment", Buffer.concat([binaryMessage([[0, "e", [null]], [[2, 0]]], new Uint8Array([1])), Buffer.from([0])])],
];

describe("invalid frames", () => {
  it.each(invalidFrames)("closes on %s with 4400, and keeps serving others", async (_case, data) => {
    const { transport, host } = await startTransport();
    const bad = await WsPeer.connect(wsUrl(transport));
    const badId = await host.nextConnected();
    const good = await WsPeer.connect(wsUrl(transport));
    bad.ws.send(data);
    const close = await bad.closedByServer;
    expect(close.code).toBe(CloseCode.invalidFrame);
    expect(Buffer.byteLength(close.reason)).toBeLessThanOrEqual(123);
    expect(close.reason).not.toBe("");
    expect(host.disconnectedIds).toEqual([badId]);
    expect(host.requests).toEqual([]);
    await expect(good.request("echo", ["fine"])).resolves.toEqual({ error: null, results: ["fine"] });
  });

  it("takes a binary frame with attachments as a request, its values as Buffers", async () => {
    const { transport, host } = await startTransport();
    const peer = await WsPeer.connect(wsUrl(transport));
    peer.ws.send(binaryMessage([[1, 3, "upload", [{ name: "a", data: null }]], [[3, 0, "data"]]], new Uint8Array([7, 8])));
    const reply = await new Promise<unknown>((resolve) => peer.ws.once("message", (data) => resolve(data)));
    expect(Buffer.isBuffer(reply)).toBe(true);
    const [request] = host.requests;
    expect(request).toMatchObject({ event: "upload", args: [{ name: "a", data: Buffer.from([7, 8]) }] });
    expect(Buffer.isBuffer((request!.args[0] as { data: unknown }).data)).toBe(true);
  });
});

describe("application pings", () => {
  it("answers [5, token] with [6, token], after what was sent before", async () => {
    const { transport, host } = await startTransport();
    const peer = await WsPeer.connect(wsUrl(transport));
    const id = await host.nextConnected();
    transport.emitToSocket(id, "before", []);
    await peer.ping("x");
    expect(peer.all("before")).toEqual([[]]);
    await peer.ping(42);
    expect(host.requests).toEqual([]);
  });
});

describe("values that cannot be encoded", () => {
  const cycle = (): unknown => {
    const value: Record<string, unknown> = { name: "loop" };
    value.self = value;
    return value;
  };
  const deep = (): unknown => {
    let value: unknown = "bottom";
    for (let depth = 0; depth < 1000; depth++) value = [value];
    return value;
  };

  it.each([
    ["a cycle", cycle],
    ["values nested too deep", deep],
    ["a BigInt", () => 1n],
  ])("drop the notification with one warning naming the package, without throwing into the core: %s", async (_case, make) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { transport, host } = await startTransport();
    const peer = await WsPeer.connect(wsUrl(transport));
    const id = await host.nextConnected();
    await WsPeer.connect(wsUrl(transport));
    const other = await host.nextConnected();
    transport.joinChannel(id, "lobby");
    transport.joinChannel(other, "lobby");
    expect(() => transport.emit("lobby", "roomMessage", ["lobby", make()])).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/^@chat\/transport-ws: dropped the notification roomMessage to channel lobby/);
    expect(() => transport.emitToSocket(id, "directMessage", [make()])).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(2);
    transport.emit("lobby", "roomMessage", ["lobby", "fine"]);
    expect(await peer.next("roomMessage")).toEqual(["lobby", "fine"]);
    expect(peer.all("directMessage")).toEqual([]);
  });

  it("answers a request whose results cannot be encoded with internalError, once", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const host = new RecordingHost({ answer: ({ respond }) => respond?.({ error: null, results: [cycle()] }) });
    const { transport } = await startTransport(undefined, host);
    const peer = await WsPeer.connect(wsUrl(transport));
    await expect(peer.request("history", [])).resolves.toEqual({
      error: { name: "ChatServiceError", code: "internalError", args: ["the reply could not be encoded"] },
      results: [],
    });
    expect(peer.repliesReceived).toBe(1);
  });
});
