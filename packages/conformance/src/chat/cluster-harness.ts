/**
 * The transport-independent part of a chat harness: services started on a shared store and bus (one instance or
 * a cluster of them), the login hooks every harness uses, and one server face for a whole cluster. A transport's
 * harness only supplies its clients: see {@link clusterHarness}.
 * @module
 */
import { randomBytes } from "node:crypto";
import { memoryBus, type Bus, type ChatServiceOptions, type Hooks, type Store } from "@chat/core";
import type { ChatHarness, TestServer } from "./harness.js";

/** Service options a harness accepts: it supplies store, bus and transports itself. */
export type HarnessServiceOptions = Omit<ChatServiceOptions, "store" | "transports" | "bus">;

/** The store and bus one instance runs on. */
export interface InstanceBackend {
  store: Store;
  bus: Bus;
}

/** Where the instances of one cluster keep their state and talk to each other. */
export interface ClusterBackend {
  /**
   * The store and bus of one instance. Instances created with the same `group` form one cluster; every group
   * must be isolated from the others (tests reuse room and user names).
   */
  instance(group: string): InstanceBackend;
}

/**
 * One store (from `createStore`) and one memory bus per group: a cluster inside this process. The store factory
 * is a parameter so that this package depends on no store.
 * @example
 * const backend = memoryBackend(memoryStore);
 */
export function memoryBackend(createStore: () => Store): ClusterBackend {
  const groups = new Map<string, InstanceBackend>();
  return {
    instance(group) {
      let shared = groups.get(group);
      if (!shared) groups.set(group, (shared = { store: createStore(), bus: memoryBus() }));
      return shared;
    },
  };
}

/** How a harness runs a service. */
export interface HarnessSetup {
  /**
   * Instances behind each harness server. With more than one, `connect` puts each new client on the next
   * instance in turn, so every behaviour test runs with its users spread over a cluster.
   * @default 1
   */
  instances?: number;
  /** @default the transport harness's memory backend */
  backend?: ClusterBackend;
}

/** The harness hooks around a test's own: a default login, and a way to wait for a socket's cleanup. */
export interface HarnessHooks {
  hooks: Hooks;
  /** Resolves once the service ran `onDisconnect` for socket `id`; call it before the socket disconnects. */
  cleanedUp(id: string): Promise<void>;
}

/**
 * Wraps a test's hooks: without its own `onConnect`, a client logs in with the handshake query's `userName`; and
 * every `onDisconnect` is observed, so that a client's `disconnect()` can wait for the server's cleanup.
 */
export function harnessHooks(hooks: Hooks): HarnessHooks {
  const waiters = new Map<string, () => void>();
  return {
    hooks: {
      onConnect: (service, id) => service.transport.getHandshakeData(id).query.userName as string,
      ...hooks,
      onDisconnect: async (service, info) => {
        try {
          await hooks.onDisconnect?.(service, info);
        } finally {
          waiters.get(info.id)?.();
          waiters.delete(info.id);
        }
      },
    },
    cleanedUp: (id) => new Promise<void>((resolve) => waiters.set(id, resolve)),
  };
}

/** One started instance of a harness, and how to stop it (its clients and its service) after the test. */
export interface HarnessInstance {
  server: TestServer;
  close(): Promise<void>;
}

/** Starts one instance on `backend` with these options and (already wrapped, see {@link harnessHooks}) hooks. */
export type StartInstance = (options: HarnessServiceOptions, hooks: HarnessHooks, backend: InstanceBackend) => Promise<HarnessInstance>;

/** A harness for the behaviour suites, plus clusters on demand. */
export interface ClusterHarness {
  harness: ChatHarness;
  /** Starts `count` instances of one cluster, each with its own transport. */
  cluster(count: number, options?: HarnessServiceOptions, hooks?: Hooks): Promise<TestServer[]>;
  /** Closes every client and service started so far; call it after each test. */
  closeAll(): Promise<void>;
}

/**
 * Builds a {@link ChatHarness} from a transport's `start`: with `instances > 1` every harness server is a cluster
 * on `backend` whose clients go to the instances in turn (see {@link spreadOver}).
 */
export function clusterHarness(setup: HarnessSetup & { backend: ClusterBackend }, start: StartInstance): ClusterHarness {
  const instances: HarnessInstance[] = [];
  let groups = 0;

  const startGroup = async (count: number, options: HarnessServiceOptions = {}, hooks: Hooks = {}): Promise<TestServer[]> => {
    const group = `cluster-${++groups}-${randomBytes(4).toString("hex")}`;
    const servers: TestServer[] = [];
    // Lifecycle hooks run on the first instance only (the one a spread server's `service` is): tests count them.
    const { onStart: _onStart, onClose: _onClose, ...instanceHooks } = hooks;
    for (let i = 0; i < count; i++) {
      const instance = await start(options, harnessHooks(i === 0 ? hooks : instanceHooks), setup.backend.instance(group));
      instances.push(instance);
      servers.push(instance.server);
    }
    return servers;
  };

  return {
    async harness(options, hooks) {
      const servers = await startGroup(setup.instances ?? 1, options, hooks);
      return servers.length === 1 ? servers[0]! : spreadOver(servers);
    },
    cluster: startGroup,
    async closeAll() {
      await Promise.all(instances.splice(0).map((instance) => instance.close()));
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
export function spreadOver(servers: readonly TestServer[]): TestServer {
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
    openPending: (query) => pick().openPending(query),
    // Only the instance holding the socket ever sees its requests.
    requestsArrived: (socketId, count) => Promise.race(servers.map((server) => server.requestsArrived(socketId, count))),
  };
}

/** Resolves once every instance received a marker from every instance, i.e. all earlier publications. */
export async function settleBus(servers: readonly TestServer[]): Promise<void> {
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
