import { type Server as HttpServer, createServer } from "node:http";
import { Server } from "socket.io";
import * as socketIoParser from "socket.io-parser";
import { afterEach, describe, expect, it } from "vitest";
import {
  closeClients,
  connectClient,
  connectError,
  httpUrl,
  request,
  socketIdOf,
} from "./helpers/clients.js";
import { deferred, once } from "./helpers/deferred.js";
import { RecordingHost, TEXTED_REPLY } from "./helpers/recording-host.js";
import { replyTextParser } from "../src/index.js";
import { closeTransports, startTransport } from "./helpers/transports.js";

// The caller's servers, closed by the test as the caller would.
let httpServer: HttpServer | undefined;
let ioServer: Server | undefined;

afterEach(async () => {
  closeClients();
  await closeTransports();
  await ioServer?.close();
  if (httpServer?.listening) {
    httpServer.closeAllConnections();
    await new Promise((resolve) => httpServer!.close(resolve));
  }
  httpServer = ioServer = undefined;
});

async function listeningHttpServer(): Promise<HttpServer> {
  const server = createServer((_req, res) => {
    res.end("caller");
  });
  const listening = deferred();
  server.listen(0, "127.0.0.1", () => listening.resolve());
  await listening.promise;
  return server;
}

describe("attached to the caller's http.Server", () => {
  it("serves the namespace on it, and close() leaves it running as it was", async () => {
    httpServer = await listeningHttpServer();
    const requestListeners = httpServer.listeners("request");
    const { transport, host } = await startTransport({ http: httpServer });
    expect(transport.address()).toBeNull();
    // A listener the caller adds while the transport is attached must survive its close().
    const addedLater = (): void => {};
    httpServer.on("request", addedLater);
    const url = httpUrl(httpServer);

    const client = await connectClient(`${url}/chat-service`);
    expect(host.connectedIds).toEqual([socketIdOf(client)]);
    await expect(request(client, "roomJoin", "lobby")).resolves.toEqual([null, "lobby"]);
    await expect((await fetch(`${url}/page`)).text()).resolves.toBe("caller");

    const id = socketIdOf(client);
    const reason = once(client, "disconnect");
    await transport.close();
    expect(host.disconnectedIds).toEqual([id]);
    expect((await reason)[0]).toBe("io server disconnect");

    expect(httpServer.listening).toBe(true);
    expect(httpServer.listeners("request")).toEqual([...requestListeners, addedLater]);
    expect(httpServer.listenerCount("upgrade")).toBe(0);
    await expect((await fetch(`${url}/page`)).text()).resolves.toBe("caller");
    await expect(connectError(`${url}/chat-service`)).resolves.toBeInstanceOf(Error);
  });
});

describe("attached to the caller's socket.io Server", () => {
  async function callerIo(): Promise<Server> {
    httpServer = await listeningHttpServer();
    ioServer = new Server(httpServer);
    // Another namespace of the caller's application, which must survive the transport.
    ioServer.of("/other").on("connection", (socket) => {
      socket.on("ping", (ack: (reply: string) => void) => ack("pong"));
    });
    return ioServer;
  }

  it("uses its namespace, and close() disconnects only that namespace", async () => {
    const io = await callerIo();
    const { transport, host } = await startTransport({ io });
    expect(transport.server).toBe(io);
    expect(transport.address()).toBeNull();
    const url = httpUrl(httpServer!);

    const chat = await connectClient(`${url}/chat-service`);
    const other = await connectClient(`${url}/other`);
    const id = socketIdOf(chat);
    await expect(request(chat, "roomJoin", "lobby")).resolves.toEqual([null, "lobby"]);

    const reason = once(chat, "disconnect");
    await transport.close();
    expect(host.disconnectedIds).toEqual([id]);
    expect((await reason)[0]).toBe("io server disconnect");
    expect(io.of("/chat-service").listenerCount("connection")).toBe(0);

    expect(other.connected).toBe(true);
    await expect(request(other, "ping")).resolves.toEqual(["pong"]);
    await expect(connectError(`${url}/chat-service`)).resolves.toMatchObject({
      message: "@chat/transport-socketio: not accepting connections",
    });
  });

  it("lets a new transport take over the namespace after close()", async () => {
    const io = await callerIo();
    const refuse = { middleware: (_s: unknown, next: (err?: Error) => void) => next(new Error("old middleware")) };
    const { transport: first } = await startTransport({ io, ...refuse });
    await first.close();

    const { host } = await startTransport({ io }, new RecordingHost());
    // The closed transport's gate stays registered but inert: neither its middleware nor a refusal runs.
    const client = await connectClient(`${httpUrl(httpServer!)}/chat-service`);
    expect(host.connectedIds).toEqual([socketIdOf(client)]);
  });
});

describe("replies the core has as JSON text", () => {
  const asText = [null, ...TEXTED_REPLY];
  const asResults = [null, "page"];

  it("go out as the text from the servers the transport creates, unless the caller chose a parser", async () => {
    const own = await startTransport({ port: 0, host: "127.0.0.1" });
    const ownUrl = `http://127.0.0.1:${own.transport.address()!.port}`;
    await expect(request(await connectClient(`${ownUrl}/chat-service`), "texted", "page")).resolves.toEqual(asText);

    httpServer = await listeningHttpServer();
    await startTransport({ http: httpServer });
    await expect(request(await connectClient(`${httpUrl(httpServer)}/chat-service`), "texted", "page")).resolves.toEqual(asText);

    const chosen = await startTransport({ port: 0, host: "127.0.0.1", serverOptions: { parser: socketIoParser } });
    const chosenUrl = `http://127.0.0.1:${chosen.transport.address()!.port}`;
    await expect(request(await connectClient(`${chosenUrl}/chat-service`), "texted", "page")).resolves.toEqual(asResults);
  });

  it("go out as the text on a caller's io server only if it uses replyTextParser", async () => {
    httpServer = await listeningHttpServer();
    const url = `${httpUrl(httpServer)}/chat-service`;
    ioServer = new Server(httpServer);
    const plain = await startTransport({ io: ioServer });
    await expect(request(await connectClient(url), "texted", "page")).resolves.toEqual(asResults);
    await plain.transport.close();
    await ioServer.close();

    httpServer = await listeningHttpServer();
    ioServer = new Server(httpServer, { parser: replyTextParser });
    await startTransport({ io: ioServer });
    await expect(request(await connectClient(`${httpUrl(httpServer)}/chat-service`), "texted", "page")).resolves.toEqual(asText);
  });
});
