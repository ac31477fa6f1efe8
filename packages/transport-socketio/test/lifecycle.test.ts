import { afterEach, describe, expect, it } from "vitest";
import { closeClients, connectClient, connectError, socketIdOf, transportUrl } from "./helpers/clients.js";
import { once } from "./helpers/deferred.js";
import { RecordingHost } from "./helpers/recording-host.js";
import { closeTransports, createTransport, startTransport } from "./helpers/transports.js";

afterEach(async () => {
  closeClients();
  await closeTransports();
});

describe("start", () => {
  it("has a name, and no server or address before it starts", () => {
    const transport = createTransport({ port: 0 });
    expect(transport.name).toBe("socket.io");
    expect(transport.server).toBeUndefined();
    expect(transport.address()).toBeNull();
  });

  it("listens on its own port once start resolves", async () => {
    const { transport } = await startTransport({ port: 0, host: "127.0.0.1" });
    expect(transport.address()).toEqual({ port: expect.any(Number), address: "127.0.0.1" });
    expect(transport.address()!.port).toBeGreaterThan(0);
    expect(transport.server).toBeDefined();
    // Requests that are not socket.io's get an answer, not a hanging connection.
    const response = await fetch(`${transportUrl(transport)}/anything`);
    expect(response.status).toBe(404);
  });

  it("refuses to start twice", async () => {
    const { transport } = await startTransport();
    await expect(transport.start(new RecordingHost())).rejects.toThrow(/^@chat\/transport-socketio: already started/);
  });

  it("rejects when its port is taken, and can be closed afterwards", async () => {
    const { transport: first } = await startTransport();
    const second = createTransport({ port: first.address()!.port, host: "127.0.0.1" });
    await expect(second.start(new RecordingHost())).rejects.toMatchObject({ code: "EADDRINUSE" });
    expect(second.server).toBeUndefined();
    await expect(second.close()).resolves.toBeUndefined();
  });

  it("connects on a custom namespace", async () => {
    const { transport, host } = await startTransport({ port: 0, host: "127.0.0.1", namespace: "/custom" });
    const client = await connectClient(`${transportUrl(transport)}/custom`);
    expect(host.connectedIds).toEqual([socketIdOf(client)]);
  });
});

describe("close", () => {
  it("disconnects every client and reports each before it resolves", async () => {
    const { transport, host } = await startTransport();
    const url = `${transportUrl(transport)}/chat-service`;
    const clients = [await connectClient(url), await connectClient(url)];
    const ids = clients.map(socketIdOf);
    const reasons = clients.map((client) => once(client, "disconnect"));
    await transport.close();
    expect([...host.disconnectedIds].sort()).toEqual([...ids].sort());
    expect(ids.map((id) => transport.hasSocket(id))).toEqual([false, false]);
    for (const reason of reasons) expect((await reason)[0]).toBe("io server disconnect");
    expect(transport.address()).toBeNull();
    await expect(connectError(url)).resolves.toBeInstanceOf(Error);
  });

  it("is idempotent, and a closed transport cannot start again", async () => {
    const { transport, host } = await startTransport();
    const id = socketIdOf(await connectClient(`${transportUrl(transport)}/chat-service`));
    await Promise.all([transport.close(), transport.close()]);
    await transport.close();
    expect(host.disconnectedIds).toEqual([id]);
    await expect(transport.start(host)).rejects.toThrow(/^@chat\/transport-socketio: cannot start a closed/);
  });

  it("can be closed without having started", async () => {
    const transport = createTransport({ port: 0 });
    await transport.close();
    await expect(transport.start(new RecordingHost())).rejects.toThrow(/closed/);
  });

  it("cleans up when closed while starting", async () => {
    const transport = createTransport({ port: 0, host: "127.0.0.1" });
    const started = transport.start(new RecordingHost());
    const closed = transport.close();
    await started;
    await closed;
    expect(transport.address()).toBeNull();
  });
});
