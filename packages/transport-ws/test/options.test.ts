import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_PAYLOAD,
  DEFAULT_PATH,
  DEFAULT_PING_INTERVAL,
  DEFAULT_PORT,
  type WsTransportOptions,
  wsTransport,
} from "../src/index.js";
import { resolveOptions } from "../src/options.js";

describe("option defaults", () => {
  it("listens on port 8000, path /chat-service, with the documented limits", () => {
    expect([DEFAULT_PORT, DEFAULT_PATH, DEFAULT_MAX_PAYLOAD, DEFAULT_PING_INTERVAL, DEFAULT_MAX_BUFFERED_BYTES]).toEqual([
      8000,
      "/chat-service",
      1_000_000,
      25_000,
      16 * 1024 * 1024,
    ]);
    expect(resolveOptions(undefined)).toEqual({
      source: { kind: "own", port: 8000, host: undefined },
      path: "/chat-service",
      maxPayload: 1_000_000,
      pingInterval: 25_000,
      originCheck: undefined,
      maxBufferedBytes: 16 * 1024 * 1024,
      handleProtocols: undefined,
      perMessageDeflate: false,
    });
  });

  it("accepts port 0, a caller's server, an origin list or function, and ws passthrough options", () => {
    const server = createServer();
    expect(resolveOptions({ port: 0 }).source).toEqual({ kind: "own", port: 0, host: undefined });
    expect(resolveOptions({ server }).source).toEqual({ kind: "attached", server });
    expect(resolveOptions({ allowOrigin: [] }).originCheck).toBeTypeOf("function");
    const check = () => true;
    expect(resolveOptions({ allowOrigin: check }).originCheck).toBe(check);
    expect(resolveOptions({ perMessageDeflate: { threshold: 1024 } }).perMessageDeflate).toEqual({ threshold: 1024 });
  });

  it("does nothing until started", () => {
    expect(() => wsTransport()).not.toThrow();
  });
});

describe("option validation", () => {
  const server = createServer();
  const invalid: Array<[string, unknown]> = [
    ["options that are not an object", 8000],
    ["an array as options", []],
    ["a negative port", { port: -1 }],
    ["a port above 65535", { port: 65536 }],
    ["a fractional port", { port: 80.5 }],
    ["a port given as a string", { port: "8000" }],
    ["an empty host", { host: "" }],
    ["a port with server", { server, port: 8000 }],
    ["a host with server", { server, host: "127.0.0.1" }],
    ["a server that is not a server", { server: {} }],
    ["a path without a leading slash", { path: "chat-service" }],
    ["a path with a query", { path: "/chat?x=1" }],
    ["a path that is not a string", { path: 5 }],
    ["a zero maxPayload", { maxPayload: 0 }],
    ["a fractional maxPayload", { maxPayload: 1.5 }],
    ["a negative pingInterval", { pingInterval: -1 }],
    ["a pingInterval beyond a timer's range", { pingInterval: 2 ** 31 }],
    ["a pingInterval given as a string", { pingInterval: "25000" }],
    ["a zero maxBufferedBytes", { maxBufferedBytes: 0 }],
    ["an allowOrigin string", { allowOrigin: "https://a.example" }],
    ["an allowOrigin list with a non-string", { allowOrigin: ["https://a.example", 1] }],
    ["a handleProtocols that is not a function", { handleProtocols: "chat" }],
    ["a perMessageDeflate that is a number", { perMessageDeflate: 1 }],
    ["an unknown option", { prot: 8000 }],
    ["socket.io's namespace option", { namespace: "/chat-service" }],
  ];

  it.each(invalid)("throws at construction for %s", (_case, options) => {
    expect(() => wsTransport(options as WsTransportOptions)).toThrow(/^@chat\/transport-ws: /);
  });
});
