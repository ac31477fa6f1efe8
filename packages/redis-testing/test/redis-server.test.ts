import { existsSync } from "node:fs";
import { Redis } from "ioredis";
import { afterEach, describe, expect, test } from "vitest";
import { startRedis, type RedisServer, type RedisServerOptions } from "../src/index.js";

const servers: RedisServer[] = [];
const clients: Redis[] = [];

async function start(options?: RedisServerOptions): Promise<RedisServer> {
  const server = await startRedis(options);
  servers.push(server);
  return server;
}

function connect(server: RedisServer): Redis {
  // No retries: a test that talks to a dead server should fail at once, not hang until its timeout.
  const client = new Redis(server.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  clients.push(client);
  return client;
}

async function dirOf(server: RedisServer): Promise<string> {
  const client = connect(server);
  const [, dir] = (await client.config("GET", "dir")) as [string, string];
  client.disconnect();
  return dir;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

describe("startRedis", () => {
  test("starts on a free port, answers PING, and stop() removes its dir", async () => {
    const server = await start();
    expect(server.port).not.toBe(6379);
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(server.running).toBe(true);
    expect(await connect(server).ping()).toBe("PONG");
    const dir = await dirOf(server);
    expect(existsSync(dir)).toBe(true);

    await server.stop();
    expect(server.running).toBe(false);
    expect(existsSync(dir)).toBe(false);
    await server.stop(); // idempotent
    await expect(server.restart()).rejects.toThrow(/stopped for good/);
  });

  test("parallel starts get distinct ports", async () => {
    const started = await Promise.all([start(), start(), start(), start()]);
    expect(new Set(started.map((server) => server.port)).size).toBe(4);
  });

  test("extraArgs reach redis-server", async () => {
    const server = await start({ extraArgs: ["--maxmemory", "10mb"] });
    expect(await connect(server).config("GET", "maxmemory")).toEqual(["maxmemory", "10485760"]);
  });

  test("a server that cannot start rejects with its log and leaves no dir behind", async () => {
    await expect(startRedis({ extraArgs: ["--no-such-directive", "x"] })).rejects.toThrow(
      /exited before it was ready[\s\S]*no-such-directive/,
    );
  });
});

describe("kill() and restart()", () => {
  test("with persistence, a key written before a crash survives restart() on the same port", async () => {
    const server = await start({ persistence: true });
    const before = connect(server);
    await before.set("greeting", "hello");
    before.disconnect();

    await server.kill();
    expect(server.running).toBe(false);
    await server.restart();
    expect(server.running).toBe(true);
    expect(await connect(server).get("greeting")).toBe("hello");
  });

  test("with persistence, stop({ keepData: true }) then restart() keeps the data", async () => {
    const server = await start({ persistence: true });
    const before = connect(server);
    await before.set("greeting", "hello");
    before.disconnect();

    await server.stop({ keepData: true });
    expect(server.running).toBe(false);
    await server.restart();
    expect(await connect(server).get("greeting")).toBe("hello");
  });

  test("without persistence, a restarted server is empty", async () => {
    const server = await start();
    const before = connect(server);
    await before.set("greeting", "hello");
    before.disconnect();

    await server.kill();
    await server.restart();
    expect(await connect(server).dbsize()).toBe(0);
  });

  test("restart() of a running server restarts it", async () => {
    const server = await start({ persistence: true });
    const client = connect(server);
    await client.set("greeting", "hello");
    const [, pidBefore] = /process_id:(\d+)/.exec(await client.info("server")) ?? [];
    client.disconnect();

    await server.restart();
    const after = connect(server);
    expect(await after.info("server")).not.toContain(`process_id:${pidBefore}\r`);
    expect(await after.get("greeting")).toBe("hello");
  });
});
