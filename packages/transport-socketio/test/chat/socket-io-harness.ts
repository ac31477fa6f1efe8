/**
 * The chat-behaviour harness over real socket.io: a service on 127.0.0.1 with the memory store and the
 * socket.io transport, and socket.io-client 4 clients.
 */
import { randomBytes } from "node:crypto";
import {
  createChatServer,
  formatErrorMessage,
  isErrorObject,
  memoryBus,
  type Bus,
  type ChatService,
  type ChatServiceOptions,
  type Hooks,
  type Store,
} from "@chat/core";
import type { ChatHarness, ErrorView, RejectedLogin, ReplyView, TestClient, TestServer } from "@chat/conformance";
import { memoryStore } from "@chat/store-memory";
import { io, type Socket } from "socket.io-client";
import { socketIoTransport } from "../../src/index.js";

function toErrorView(error: unknown): ErrorView {
  if (isErrorObject(error)) return { text: `ChatServiceError: ${formatErrorMessage(error.code, error.args)}`, code: error.code, args: error.args };
  return { text: String(error) };
}

function waiterList() {
  const waiters = new Map<string, () => void>();
  return {
    wait(key: string): Promise<void> {
      return new Promise<void>((resolve) => waiters.set(key, resolve));
    },
    settle(key: string): void {
      waiters.get(key)?.();
      waiters.delete(key);
    },
  };
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
    return new Promise((resolve) => {
      this.socket.emit(command, ...args, (error: unknown, ...results: unknown[]) => {
        resolve({ error: error === null || error === undefined ? null : toErrorView(error), results });
      });
    });
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

type ServiceOptions = Omit<ChatServiceOptions, "store" | "transports" | "bus">;

/** Where the instances of one cluster keep their state and talk to each other. */
export interface ClusterBackend {
  /**
   * The store and bus of one instance. Instances created with the same `group` form one cluster; every group
   * must be isolated from the others (tests reuse room and user names).
   */
  instance(group: string): { store: Store; bus: Bus };
}

/** One memory store and one memory bus per group: a cluster inside this process. */
export function memoryBackend(): ClusterBackend {
  const groups = new Map<string, { store: Store; bus: Bus }>();
  return {
    instance(group) {
      let shared = groups.get(group);
      if (!shared) groups.set(group, (shared = { store: memoryStore(), bus: memoryBus() }));
      return shared;
    },
  };
}

/** How the harness runs a service. */
export interface HarnessSetup {
  /**
   * Instances behind each harness server. With more than one, `connect` puts each new client on the next
   * instance in turn, so every behaviour test runs with its users spread over a cluster.
   * @default 1
   */
  instances?: number;
  /** @default memoryBackend() */
  backend?: ClusterBackend;
}

/** Creates a harness; call `closeAll()` after each test. */
export function socketIoHarness(setup: HarnessSetup = {}): {
  harness: ChatHarness;
  /** Starts `count` instances of one cluster (one service, several processes' worth), each its own server. */
  cluster(count: number, options?: ServiceOptions, hooks?: Hooks): Promise<TestServer[]>;
  closeAll(): Promise<void>;
} {
  const services: ChatService[] = [];
  const sockets: Socket[] = [];
  const backend = setup.backend ?? memoryBackend();
  const instanceCount = setup.instances ?? 1;
  let groups = 0;

  const start = async (options: ServiceOptions, hooks: Hooks, shared: { store: Store; bus: Bus }) => {
    const transport = socketIoTransport({ port: 0, host: "127.0.0.1" });
    const cleanups = waiterList();
    const wrappedHooks: Hooks = {
      onConnect: (_service, id) => _service.transport.getHandshakeData(id).query.userName as string,
      ...hooks,
      onDisconnect: async (service, info) => {
        try {
          await hooks.onDisconnect?.(service, info);
        } finally {
          cleanups.settle(info.id);
        }
      },
    };
    const service = await createChatServer(
      { ...options, store: shared.store, bus: shared.bus, transports: [transport] },
      wrappedHooks,
    );
    services.push(service);
    const url = `http://127.0.0.1:${transport.address()!.port}/chat-service`;

    const open = (query: Record<string, string>) => {
      const socket = io(url, { query, transports: ["websocket"], forceNew: true, reconnection: false });
      sockets.push(socket);
      return socket;
    };

    const server: TestServer = {
      service,
      async connect(userName, query = {}) {
        const socket = open({ userName, ...query });
        const client = new SocketIoTestClient(userName, socket, (id) => cleanups.wait(id));
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
    };
    return server;
  };

  const startGroup = async (count: number, options: ServiceOptions = {}, hooks: Hooks = {}): Promise<TestServer[]> => {
    const group = `cluster-${++groups}-${randomBytes(4).toString("hex")}`;
    const servers: TestServer[] = [];
    // Lifecycle hooks run on the first instance only (the one a spread server's `service` is): tests count them.
    const { onStart: _onStart, onClose: _onClose, ...instanceHooks } = hooks;
    for (let i = 0; i < count; i++) servers.push(await start(options, i === 0 ? hooks : instanceHooks, backend.instance(group)));
    return servers;
  };

  return {
    async harness(options, hooks) {
      const servers = await startGroup(instanceCount, options, hooks);
      return servers.length === 1 ? servers[0]! : spreadOver(servers);
    },
    cluster: startGroup,
    async closeAll() {
      for (const socket of sockets.splice(0)) socket.disconnect();
      await Promise.all(services.splice(0).map((service) => service.close()));
    },
  };
}

/**
 * One server face for a cluster: clients go to the instances in turn, `service` is the first instance's, and a
 * fence waits for a marker from EVERY instance. A marker from another instance comes through the bus after
 * everything that instance published before it; notifications an instance sends its own sockets are local.
 *
 * Before each connection the bus is settled: notifications cross instances asynchronously, so a socket that
 * logs in while one is in flight receives it (a `socketConnectEcho` about the previous login, say). The behaviour
 * suite describes one instance, where nothing is in flight between two steps of a test.
 */
function spreadOver(servers: TestServer[]): TestServer {
  let next = 0;
  const pick = () => servers[next++ % servers.length]!;
  return {
    service: servers[0]!.service,
    async connect(userName, query) {
      await settleBus(servers);
      return pick().connect(userName, query);
    },
    connectRejected: (query) => pick().connectRejected(query),
    async fence(client) {
      await Promise.all(servers.map((server) => server.fence(client)));
    },
  };
}

/** Resolves once every instance received a marker from every instance, i.e. all earlier publications. */
async function settleBus(servers: TestServer[]): Promise<void> {
  const tokens = servers.map(() => randomBytes(8).toString("hex"));
  const received = servers.map(({ service }) => {
    const pending = new Set(tokens);
    return new Promise<void>((resolve) => {
      const listener = (token: unknown) => {
        pending.delete(String(token));
        if (pending.size > 0) return;
        service.clusterBus.off("__settle", listener);
        resolve();
      };
      service.clusterBus.on("__settle", listener);
    });
  });
  servers.forEach(({ service }, k) => service.clusterBus.emit("__settle", tokens[k]));
  await Promise.all(received);
}
