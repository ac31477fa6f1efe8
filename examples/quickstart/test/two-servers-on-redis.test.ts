/**
 * `REDIS_URL=… pnpm start` twice, on two ports: the two servers are one chat service. Clients of either server
 * share the `default` room, its messages and its presence.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startRedis, type RedisServer } from "@chat/redis-testing";
import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

const here = fileURLToPath(new URL("..", import.meta.url));
const children: ChildProcess[] = [];
const sockets: Socket[] = [];
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  for (const child of children.splice(0)) {
    if (child.exitCode !== null) continue;
    child.kill("SIGTERM");
    await once(child, "exit");
  }
});

/** Starts `server.js` on a free port with `env`; resolves with its port once it listens. */
async function startServer(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ["server.js"], { cwd: here, env: { ...process.env, PORT: "0", ...env }, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = line.match(/listening on ws:\/\/localhost:(\d+)\/.*\(Redis at /);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}

/** The arguments of the next `event` on `socket`. */
function nextEvent(socket: Socket, event: string): Promise<unknown[]> {
  return new Promise((resolve) => socket.once(event, (...args: unknown[]) => resolve(args)));
}

/** Sends a command and resolves with its whole ack: `[error, ...results]`. */
function request(socket: Socket, command: string, ...args: unknown[]): Promise<unknown[]> {
  return new Promise((resolve) => socket.emit(command, ...args, (...reply: unknown[]) => resolve(reply)));
}

/** Logs `userName` in on the server at `port` and joins `default`. */
async function joinDefault(port: string, userName: string): Promise<Socket> {
  const socket = io(`ws://localhost:${port}/chat-service`, { query: { userName }, transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  await nextEvent(socket, "loginConfirmed");
  const [error] = await request(socket, "roomJoin", "default");
  expect(error).toBeNull();
  return socket;
}

it("two quickstart servers on one Redis are one chat service", async () => {
  const env = { REDIS_URL: redis.url };
  const [portA, portB] = await Promise.all([startServer(env), startServer(env)]);
  expect(portA).not.toBe(portB);

  const alice = await joinDefault(portA, "alice");
  const bobJoined = nextEvent(alice, "roomUserJoined");
  const bob = await joinDefault(portB, "bob");
  expect(await bobJoined).toEqual(["default", "bob"]);

  const received = nextEvent(bob, "roomMessage");
  const [error, id] = await request(alice, "roomMessage", "default", { textMessage: "hello from A" });
  expect(error).toBeNull();
  const [room, message] = await received;
  expect(room).toBe("default");
  expect(message).toEqual({ textMessage: "hello from A", author: "alice", timestamp: expect.any(Number), id });

  // History lives in Redis: the other server reads what this one stored.
  const [historyError, history] = await request(bob, "roomRecentHistory", "default");
  expect(historyError).toBeNull();
  expect(history).toContainEqual(message);
});
