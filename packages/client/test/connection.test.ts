/**
 * Login, rejection, close, reconnect, the offline queue and requests in flight, for both transports.
 */
import { Collector, deferred } from "@chat/conformance";
import { ChatServiceError } from "@chat/core";
import { afterEach, describe, expect, it } from "vitest";
import { ChatClientError, type TransportName } from "../src/index.js";
import { closeServers, startServer } from "./helpers/chat-server.js";
import { closeClients, rejection, testClient } from "./helpers/clients.js";
import { startProxy } from "./helpers/tcp-proxy.js";

afterEach(async () => {
  await closeClients();
  await closeServers();
});

/** Resolves with the arguments of the next `event` of the client. */
function next<T extends unknown[]>(on: (listener: (...args: T) => void) => unknown): Promise<T> {
  return new Promise((resolve) => on((...args) => resolve(args)));
}

describe.each<TransportName>(["socket.io", "ws"])("connection over %s", (transport) => {
  it("stops after a rejected login, and logs in again with fresh auth on connect()", async () => {
    let attempts = 0;
    const server = await startServer(transport, {
      hooks: {
        onConnect: (service, id) => {
          attempts++;
          const { userName } = service.transport.getHandshakeData(id).query;
          if (userName === "mallory") throw new ChatServiceError("notAllowed");
          return userName as string;
        },
      },
    });
    const names = ["mallory", "alice"];
    const { client, recorded } = testClient(transport, server.url, "unused", { auth: () => ({ userName: names.shift()! }) });
    const rejected = next<[ChatClientError]>((listener) => client.once("loginRejected", listener));
    const disconnected = next<[string]>((listener) => client.once("disconnect", listener));
    const ready = await rejection(client.ready);
    expect(ready).toMatchObject({ code: "notAllowed", args: [], message: "Action is not allowed" });
    expect((await rejected)[0]).toBe(ready);
    await disconnected;
    // The client starts in "connecting" before a listener can see it. The decision to retry is taken when the
    // connection ends: by now a retry would show as "connecting".
    expect(recorded.states.items).toEqual(["rejected"]);
    expect(attempts).toBe(1);
    expect(await rejection(client.roomJoin("r"))).toMatchObject({ code: "notConnected" });

    const login = await client.connect();
    expect(login.userName).toBe("alice");
    expect(attempts).toBe(2);
    expect(recorded.states.items).toEqual(["rejected", "connecting", "online"]);
  });

  it("close() fails what waits with notConnected and what is in flight with connectionLost", async () => {
    const release = deferred();
    const started = deferred();
    const server = await startServer(transport, {
      hooks: {
        onConnect: (service, id) => {
          service.transport.bindHandler(id, "slow", async () => {
            started.resolve();
            await release.promise;
            return [null];
          });
          return service.transport.getHandshakeData(id).query.userName as string;
        },
      },
    });
    const { client, recorded } = testClient(transport, server.url, "alice");
    await client.ready;
    const inFlight = rejection(client.request("slow"));
    await started.promise;
    await client.close();
    expect(await inFlight).toMatchObject({ code: "connectionLost", args: ["slow"] });
    expect(await rejection(client.roomJoin("r"))).toMatchObject({ code: "notConnected", args: ["the client is closed"] });
    expect(await rejection(client.connect())).toMatchObject({ code: "notConnected" });
    expect(client.state).toBe("closed");
    expect(recorded.states.items.at(-1)).toBe("closed");
    release.resolve();
  });

  it("rejects `ready` when closed before the first login", async () => {
    const server = await startServer(transport);
    await server.close();
    const { client } = testClient(transport, server.url, "alice");
    await client.close();
    expect(await rejection(client.ready)).toMatchObject({ code: "notConnected" });
  });

  it("queues requests made while offline and sends them after the reconnect", async () => {
    const server = await startServer(transport);
    await server.service.addRoom("r");
    const { client, recorded } = testClient(transport, server.url, "alice");
    const first = await client.ready;
    let queued: Promise<number> | undefined;
    client.once("disconnect", () => {
      expect(client.state).toBe("reconnecting");
      queued = client.roomJoin("r");
    });
    server.service.transport.disconnectSocket(first.authData.id);
    expect(await recorded.logins.waitFor((items) => items.length === 2).then(() => queued)).toBe(1);
    const second = client.loginInfo!;
    expect(second.authData.id).not.toBe(first.authData.id);
    expect(recorded.logins.items.map((login) => login.reconnected)).toEqual([false, true]);
    expect(await client.listOwnSockets()).toEqual({ [second.authData.id]: ["r"] });
  });

  it("fails a request still offline after offlineTimeout with notConnected", async () => {
    const server = await startServer(transport);
    await server.close();
    const { client } = testClient(transport, server.url, "alice", { offlineTimeout: 30 });
    expect(await rejection(client.roomJoin("r"))).toMatchObject({ code: "notConnected", args: ["still offline after 30 ms"] });
    expect(["connecting"]).toContain(client.state);
  });

  it("fails a request in flight when the connection drops with connectionLost, and does not resend it", async () => {
    let joins = 0;
    const server = await startServer(transport, {
      hooks: {
        roomJoinBefore: async ({ id }) => {
          joins++;
          server.service.transport.disconnectSocket(id!);
        },
      },
    });
    await server.service.addRoom("r");
    const { client, recorded } = testClient(transport, server.url, "alice");
    await client.ready;
    expect(await rejection(client.roomJoin("r"))).toMatchObject({ code: "connectionLost", args: ["roomJoin"] });
    await recorded.logins.waitFor((items) => items.length === 2);
    // A round trip after the reconnect: a resent join would have reached the hook before it.
    expect(await client.roomHistoryInfo("r").catch((error: ChatClientError) => error.code)).toBe("notJoined");
    expect(joins).toBe(1);
    expect(client.rooms).toEqual([]);
  });

  it("fails a request without a reply within requestTimeout", async () => {
    const release = deferred();
    const server = await startServer(transport, {
      hooks: {
        onConnect: (service, id) => {
          service.transport.bindHandler(id, "stuck", async () => {
            await release.promise;
            return [1];
          });
          return service.transport.getHandshakeData(id).query.userName as string;
        },
      },
    });
    const { client } = testClient(transport, server.url, "alice", { requestTimeout: 30 });
    await client.ready;
    expect(await rejection(client.request("stuck"))).toMatchObject({ code: "requestTimeout", args: ["stuck", 30] });
    release.resolve();
    // The late reply is dropped, and the connection goes on.
    expect(await client.request("stuck")).toEqual([1]);
  });

  it("with reconnect: false, ends at the first connection loss", async () => {
    const server = await startServer(transport);
    const { client, recorded } = testClient(transport, server.url, "alice", { reconnect: false });
    const login = await client.ready;
    const disconnected = next<[string]>((listener) => client.once("disconnect", listener));
    server.service.transport.disconnectSocket(login.authData.id);
    await disconnected;
    expect(client.state).toBe("closed");
    expect(recorded.states.items).toEqual(["online", "closed"]);
    expect(await rejection(client.roomJoin("r"))).toMatchObject({ code: "notConnected" });
  });

  it("reconnects after a server-side disconnect and after a cut TCP connection", async () => {
    const server = await startServer(transport);
    const { client, recorded } = testClient(transport, server.url, "alice");
    const reasons = new Collector<string>();
    client.on("disconnect", reasons.listener);
    const login = await client.ready;
    server.service.transport.disconnectSocket(login.authData.id);
    await recorded.logins.waitFor((items) => items.length === 2);
    expect(server.cutTcp("alice")).toBe(1);
    await recorded.logins.waitFor((items) => items.length === 3);
    expect(reasons.items).toHaveLength(2);
    expect(recorded.states.items).toEqual(["online", "reconnecting", "online", "reconnecting", "online"]);
  });
});

describe("heartbeat over ws", () => {
  it("replaces a connection whose server went silent", async () => {
    const server = await startServer("ws");
    const proxy = await startProxy(server.port);
    try {
      const { client, recorded } = testClient("ws", proxy.url, "alice", { heartbeatInterval: 20, heartbeatTimeout: 60 });
      await client.ready;
      const reason = next<[string]>((listener) => client.once("disconnect", listener));
      proxy.freeze();
      expect(await reason).toEqual(["heartbeat timeout"]);
      await recorded.logins.waitFor((items) => items.length === 2);
      expect(recorded.logins.items[1]!.reconnected).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});
