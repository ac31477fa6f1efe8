/**
 * The chat-behaviour harness over real socket.io: a service on 127.0.0.1 with the memory store and the
 * socket.io transport, and socket.io-client 4 clients.
 */
import { randomBytes } from "node:crypto";
import { createChatServer, formatErrorMessage, isErrorObject } from "@chat/core";
import {
  clusterHarness,
  memoryBackend,
  spyOnRequests,
  type ClusterHarness,
  type ErrorView,
  type HarnessSetup,
  type PendingClient,
  type RejectedLogin,
  type ReplyView,
  type StartInstance,
  type TestClient,
  type TestServer,
} from "@chat/conformance";
import { memoryStore } from "@chat/store-memory";
import { io, type Socket } from "socket.io-client";
import { socketIoTransport } from "../../src/index.js";

function toErrorView(error: unknown): ErrorView {
  if (isErrorObject(error)) return { text: `ChatServiceError: ${formatErrorMessage(error.code, error.args)}`, code: error.code, args: error.args };
  return { text: String(error) };
}

/** Emits a request with an ack and resolves with its reply. */
function ackOf(socket: Socket, command: string, args: unknown[]): Promise<ReplyView> {
  return new Promise((resolve) => {
    socket.emit(command, ...args, (error: unknown, ...results: unknown[]) => {
      resolve({ error: error === null || error === undefined ? null : toErrorView(error), results });
    });
  });
}

class SocketIoTestClient implements TestClient {
  readonly received: [string, ...unknown[]][] = [];
  readonly disconnected: Promise<string>;
  id = "";
  authData: Record<string, unknown> = {};
  private readonly cursors = new Map<string, number>();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly userName: string,
    readonly socket: Socket,
    private readonly cleanedUp: (id: string) => Promise<void>,
  ) {
    socket.onAny((event: string, ...args: unknown[]) => {
      this.received.push([event, ...args]);
      for (const listener of [...this.listeners]) listener();
    });
    this.disconnected = new Promise((resolve) => socket.on("disconnect", (reason) => resolve(String(reason))));
  }

  request(command: string, ...args: unknown[]): Promise<ReplyView> {
    return ackOf(this.socket, command, args);
  }

  send(command: string, ...args: unknown[]): void {
    this.socket.emit(command, ...args);
  }

  all(event: string): unknown[][] {
    return this.received.filter(([name]) => name === event).map(([, ...args]) => args);
  }

  next(event: string): Promise<any> {
    const index = this.cursors.get(event) ?? 0;
    this.cursors.set(event, index + 1);
    return this.waitFor(() => this.all(event)[index]);
  }

  /** Resolves with the first non-undefined value of `probe`, re-evaluated on every notification. */
  waitFor<T>(probe: () => T | undefined): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        this.listeners.delete(check);
        resolve(value);
      };
      this.listeners.add(check);
    });
  }

  async disconnect(): Promise<void> {
    const cleaned = this.cleanedUp(this.id);
    this.socket.disconnect();
    await cleaned;
  }
}

/** Creates a harness; call `closeAll()` after each test. */
export function socketIoHarness(setup: HarnessSetup = {}): ClusterHarness {
  const start: StartInstance = async (options, { hooks, cleanedUp }, { store, bus }) => {
    const transport = socketIoTransport({ port: 0, host: "127.0.0.1" });
    const requestsArrived = spyOnRequests(transport);
    const service = await createChatServer({ ...options, store, bus, transports: [transport] }, hooks);
    const url = `http://127.0.0.1:${transport.address()!.port}/chat-service`;
    const sockets: Socket[] = [];

    const open = (query: Record<string, string>) => {
      const socket = io(url, { query, transports: ["websocket"], forceNew: true, reconnection: false });
      sockets.push(socket);
      return socket;
    };

    const server: TestServer = {
      service,
      async connect(userName, query = {}) {
        const socket = open({ userName, ...query });
        const client = new SocketIoTestClient(userName, socket, cleanedUp);
        const [confirmedName, authData] = await new Promise<[string, Record<string, unknown>]>((resolve, reject) => {
          socket.once("loginConfirmed", (name: string, data: Record<string, unknown>) => resolve([name, data]));
          socket.once("loginRejected", (error: unknown) => reject(new Error(`login of ${userName} rejected: ${toErrorView(error).text}`)));
          socket.once("connect_error", reject);
        });
        if (confirmedName !== userName) throw new Error(`logged in as ${confirmedName}, not ${userName}`);
        client.id = authData.id as string;
        client.authData = authData;
        return client;
      },
      async connectRejected(query) {
        const socket = open(query);
        const disconnected = new Promise<string>((resolve) => socket.on("disconnect", (reason) => resolve(String(reason))));
        const error = await new Promise<unknown>((resolve, reject) => {
          socket.once("loginRejected", resolve);
          socket.once("loginConfirmed", () => reject(new Error("login was confirmed")));
        });
        return { error: toErrorView(error), disconnected } satisfies RejectedLogin;
      },
      async fence(client) {
        const token = randomBytes(8).toString("hex");
        const arrived = (client as SocketIoTestClient).waitFor(() =>
          client.received.some(([event, value]) => event === "__fence" && value === token) ? true : undefined,
        );
        service.transport.sendToChannel(null, `echo:${client.userName}`, "__fence", token);
        await arrived;
      },
      async openPending(query) {
        const socket = open(query);
        const loginConfirmed = new Promise<[string, Record<string, unknown>]>((resolve) =>
          socket.once("loginConfirmed", (name: string, data: Record<string, unknown>) => resolve([name, data])),
        );
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", resolve);
          socket.once("connect_error", reject);
        });
        return {
          send: (command, ...args) => void socket.emit(command, ...args),
          request: (command, ...args) => ackOf(socket, command, args),
          loginConfirmed,
          close: () => void socket.disconnect(),
        } satisfies PendingClient;
      },
      requestsArrived,
    };
    return {
      server,
      async close() {
        for (const socket of sockets.splice(0)) socket.disconnect();
        await service.close();
      },
    };
  };
  return clusterHarness({ ...setup, backend: setup.backend ?? memoryBackend(memoryStore) }, start);
}
