import { createServer } from "node:http";
import { Server } from "socket.io";
import { describe, expect, it } from "vitest";
import { DEFAULT_NAMESPACE, DEFAULT_PORT, type SocketIoTransportOptions, socketIoTransport } from "../src/index.js";
import { resolveOptions } from "../src/options.js";

describe("option defaults", () => {
  it("listens on port 8000 in namespace /chat-service by default", () => {
    expect(DEFAULT_PORT).toBe(8000);
    expect(DEFAULT_NAMESPACE).toBe("/chat-service");
    expect(resolveOptions(undefined)).toEqual({
      source: { kind: "own", port: 8000, host: undefined, serverOptions: {} },
      namespace: "/chat-service",
      middleware: [],
    });
  });

  it("accepts a single middleware or an array, and port 0", () => {
    const middleware = () => {};
    expect(resolveOptions({ middleware }).middleware).toEqual([middleware]);
    expect(resolveOptions({ middleware: [middleware, middleware] }).middleware).toHaveLength(2);
    expect(resolveOptions({ port: 0 }).source).toMatchObject({ kind: "own", port: 0 });
  });

  it("does nothing until started", () => {
    expect(() => socketIoTransport()).not.toThrow();
  });
});

describe("option validation", () => {
  const httpServer = createServer();
  const io = new Server();

  const invalid: Array<[string, unknown]> = [
    ["options that are not an object", "8000"],
    ["a negative port", { port: -1 }],
    ["a port above 65535", { port: 65536 }],
    ["a fractional port", { port: 80.5 }],
    ["a port given as a string", { port: "8000" }],
    ["an empty host", { host: "" }],
    ["both io and http", { io, http: httpServer }],
    ["a port with io", { io, port: 8000 }],
    ["a host with http", { http: httpServer, host: "127.0.0.1" }],
    ["serverOptions with io", { io, serverOptions: { allowEIO3: true } }],
    ["an io that is not a socket.io Server", { io: {} }],
    ["an http that is not a server", { http: "server" }],
    ["a namespace without a leading slash", { namespace: "chat-service" }],
    ["middleware that is not a function", { middleware: "auth" }],
    ["a middleware array with a non-function", { middleware: [() => {}, 42] }],
    ["serverOptions that are not an object", { serverOptions: [] }],
    ["connection state recovery", { serverOptions: { connectionStateRecovery: {} } }],
    ["an unknown option", { prot: 8000 }],
    ["chat-service 1.0's ioOptions", { ioOptions: {} }],
  ];

  it.each(invalid)("throws at construction for %s", (_case, options) => {
    expect(() => socketIoTransport(options as SocketIoTransportOptions)).toThrow(/^@chat\/transport-socketio: /);
  });

  it("points chat-service 1.0 users from ioOptions to serverOptions", () => {
    expect(() => socketIoTransport({ ioOptions: {} } as SocketIoTransportOptions)).toThrow(/use serverOptions/);
  });
});
