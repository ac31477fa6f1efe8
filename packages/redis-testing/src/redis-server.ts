import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { forgetTempDir, removeOnExit } from "./exit-cleanup.js";
import { findFreePorts } from "./free-ports.js";
import { spawnRedisProcess, waitUntilReady, type RedisProcess } from "./redis-process.js";

/** Options of {@link startRedis}. */
export interface RedisServerOptions {
  /**
   * Keep data across restart(): AOF with appendfsync always in a private temp dir. Default false (no persistence
   * at all: --save "" --appendonly no).
   * @default false
   */
  persistence?: boolean;
  /** Extra redis-server arguments, e.g. ["--maxmemory", "10mb"]. They come last, so they override ours. */
  extraArgs?: string[];
}

/** Options of {@link RedisServer.stop}. */
export interface StopOptions {
  /**
   * Keep the temp dir (and AOF) so that restart() can bring the server back after a graceful stop.
   * The dir is still removed when the process exits.
   * @default false
   */
  keepData?: boolean;
}

/** A throwaway redis-server on a free port of 127.0.0.1, killed when this process exits. */
export interface RedisServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** redis://127.0.0.1:<port> */
  readonly url: string;
  /** Whether the process is currently running. */
  readonly running: boolean;
  /**
   * SIGTERM and wait for exit (idempotent). Removes its temp dir, after which restart() throws, unless
   * `{ keepData: true }` is passed.
   */
  stop(options?: StopOptions): Promise<void>;
  /** SIGKILL and wait for exit: a crash. The temp dir (and AOF) stays, for restart(). */
  kill(): Promise<void>;
  /**
   * Starts it again on the SAME port and dir (after kill() or stop({ keepData: true })), resolves when it answers
   * PING, which with persistence means the AOF is loaded. A running server is first stopped with keepData.
   */
  restart(): Promise<void>;
}

/** How many fresh port sets a start tries when another process takes its port between probe and bind. */
const START_ATTEMPTS = 5;
/** restart() cannot change ports, so it waits this long for a port taken in the meantime to free up. */
const RESTART_PORT_WAIT_MS = 5_000;

/**
 * Starts a throwaway redis-server on a free port of 127.0.0.1, in its own temp dir, and resolves once it
 * answers PING. Never touches the system Redis on 6379.
 *
 * @example
 * const redis = await startRedis({ persistence: true });
 * const client = new Redis(redis.url);
 * // ...
 * await client.quit();
 * await redis.stop();
 */
export async function startRedis(options: RedisServerOptions = {}): Promise<RedisServer> {
  const persistence = options.persistence
    ? ["--appendonly", "yes", "--appendfsync", "always", "--save", ""]
    : ["--save", "", "--appendonly", "no"];
  return launchRedisServer({
    portCount: 1,
    args: () => [...persistence, ...(options.extraArgs ?? [])],
  });
}

/** How {@link launchRedisServer} builds a server; the cluster uses it for its nodes. */
export interface LaunchOptions {
  /** How many free ports the server needs: the first is its client port, the rest are for `args`. */
  portCount: number;
  /** Ports to try first, e.g. reserved together for a whole cluster. */
  initialPorts?: number[];
  /** Arguments after the common ones (bind, port, dir, log), given the ports. */
  args: (ports: number[]) => string[];
}

/** Starts a redis-server as described by `options` and resolves once it answers PING. */
export async function launchRedisServer(options: LaunchOptions): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), "chat-redis-"));
  removeOnExit(dir);
  try {
    for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      const ports =
        attempt === 1 && options.initialPorts ? options.initialPorts : await findFreePorts(options.portCount);
      const args = [...commonArgs(ports[0], dir), ...options.args(ports)];
      const redis = spawnRedisProcess(dir, args);
      if ((await waitUntilReady(redis, ports[0])) === "ready") {
        return new ThrowawayRedisServer(ports[0], dir, args, redis);
      }
    }
    throw new Error(`redis-server could not bind a free port in ${START_ATTEMPTS} attempts`);
  } catch (error) {
    await removeDir(dir);
    throw error;
  }
}

function commonArgs(port: number, dir: string): string[] {
  // --logfile "" logs to stdout, which spawnRedisProcess sends to <dir>/redis.log.
  return ["--bind", "127.0.0.1", "--port", String(port), "--dir", dir, "--daemonize", "no", "--logfile", ""];
}

async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  forgetTempDir(dir);
}

class ThrowawayRedisServer implements RedisServer {
  readonly host = "127.0.0.1" as const;
  #process: RedisProcess;
  #removed = false;

  constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly args: readonly string[],
    process: RedisProcess,
  ) {
    this.#process = process;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !this.#process.hasExited();
  }

  async stop(options: StopOptions = {}): Promise<void> {
    await this.#process.terminate("SIGTERM");
    if (!options.keepData && !this.#removed) {
      this.#removed = true;
      await removeDir(this.dir);
    }
  }

  async kill(): Promise<void> {
    await this.#process.terminate("SIGKILL");
  }

  async restart(): Promise<void> {
    if (this.#removed) throw new Error(`redis-server on port ${this.port} was stopped for good: its dir is gone`);
    await this.stop({ keepData: true });
    const deadline = Date.now() + RESTART_PORT_WAIT_MS;
    for (;;) {
      this.#process = spawnRedisProcess(this.dir, this.args);
      if ((await waitUntilReady(this.#process, this.port)) === "ready") return;
      if (Date.now() >= deadline) {
        throw new Error(`redis-server could not restart: port ${this.port} is taken by another process`);
      }
      await delay(50); // an outgoing connection may hold the port as its local port for a moment
    }
  }
}
