import type { ExtendedError } from "socket.io";
import { afterEach, describe, expect, it } from "vitest";
import type { Middleware } from "../src/index.js";
import { closeClients, connectClient, connectError, socketIdOf, transportUrl } from "./helpers/clients.js";
import { closeTransports, startTransport } from "./helpers/transports.js";

afterEach(async () => {
  closeClients();
  await closeTransports();
});

const url = (transport: Parameters<typeof transportUrl>[0]) => `${transportUrl(transport)}/chat-service`;

describe("middleware", () => {
  it("refuses a connection: the client gets connect_error and the host never hears of it", async () => {
    const refuse: Middleware = (_socket, next) => {
      const error: ExtendedError = Object.assign(new Error("not allowed"), { data: { reason: "banned" } });
      next(error);
    };
    const { transport, host } = await startTransport({ port: 0, host: "127.0.0.1", middleware: refuse });
    const error = await connectError(url(transport));
    expect(error.message).toBe("not allowed");
    expect((error as ExtendedError).data).toEqual({ reason: "banned" });
    expect(host.connectedIds).toEqual([]);
  });

  it("runs an array of middleware in order, before the host hears of the connection", async () => {
    const order: string[] = [];
    const first: Middleware = (socket, next) => {
      order.push("first");
      socket.data.user = socket.handshake.query.user;
      next();
    };
    const second: Middleware = (socket, next) => {
      order.push(`second:${String(socket.data.user)}`);
      setImmediate(() => next());
    };
    const { transport, host } = await startTransport({
      port: 0,
      host: "127.0.0.1",
      middleware: [first, second],
    });
    const client = await connectClient(url(transport), { query: { user: "alice" } });
    expect(order).toEqual(["first", "second:alice"]);
    expect(host.connectedIds).toEqual([socketIdOf(client)]);
  });

  it("stops at the first refusal", async () => {
    const ran: string[] = [];
    const refuse: Middleware = (_socket, next) => {
      ran.push("refuse");
      next(new Error("no"));
    };
    const never: Middleware = (_socket, next) => {
      ran.push("never");
      next();
    };
    const { transport, host } = await startTransport({ port: 0, host: "127.0.0.1", middleware: [refuse, never] });
    await expect(connectError(url(transport))).resolves.toMatchObject({ message: "no" });
    expect(ran).toEqual(["refuse"]);
    expect(host.connectedIds).toEqual([]);
  });

  it("turns a middleware that throws into a refusal", async () => {
    const broken: Middleware = () => {
      throw new Error("middleware bug");
    };
    const { transport, host } = await startTransport({ port: 0, host: "127.0.0.1", middleware: broken });
    await expect(connectError(url(transport))).resolves.toMatchObject({ message: "middleware bug" });
    expect(host.connectedIds).toEqual([]);
  });
});
