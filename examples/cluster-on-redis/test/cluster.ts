/**
 * Runs `instance.js` as a user would (`node instance.js`, built packages) and connects socket.io clients to it.
 * Everything started here is stopped by {@link stopAll}.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { io, type Socket } from "socket.io-client";

const here = fileURLToPath(new URL("..", import.meta.url));
const children: ChildProcess[] = [];
const sockets: Socket[] = [];

/** A running `instance.js`. */
export interface Instance {
  child: ChildProcess;
  port: string;
  uid: string;
  /** Every stdout line after the one that announced the instance. */
  output: string[];
  /** Resolves with the first stdout line from now on that matches `pattern`. */
  line(pattern: RegExp): Promise<RegExpMatchArray>;
}

/** Starts `instance.js` on a free port of 127.0.0.1 with `env`; resolves once it listens. */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ["instance.js"], {
    cwd: here,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const line = (pattern: RegExp) => {
    const found = new Promise<RegExpMatchArray>((resolve, reject) => {
      const onLine = (text: string) => {
        const match = text.match(pattern);
        if (!match) return;
        lines.off("line", onLine);
        resolve(match);
      };
      lines.on("line", onLine);
      child.once("exit", (code, signal) => reject(new Error(`instance.js exited (${code ?? signal}) before printing ${pattern}`)));
    });
    // A line that never came is only an error for whoever awaits it, not when the instance is stopped at the end.
    found.catch(() => {});
    return found;
  };
  const [, port, uid] = await line(/^listening on port (\d+) as instance (\S+)$/);
  // What an instance reports after it started (a dead instance it cleaned up) belongs in the test's log too.
  const output: string[] = [];
  lines.on("line", (text) => {
    output.push(text);
    console.log(`[instance on ${port}] ${text}`);
  });
  return { child, port: port!, uid: uid!, output, line };
}

/** Closes every client, then stops every instance still running (SIGTERM: a clean close). */
export async function stopAll(): Promise<void> {
  for (const socket of sockets.splice(0)) socket.close();
  await Promise.all(
    children.splice(0).map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    }),
  );
}

/**
 * Resolves with the arguments of the next `event` on `socket` that `accept` accepts. Listens from the call on:
 * create the promise before doing what causes the event.
 */
export function nextEvent(socket: Socket, event: string, accept: (...args: unknown[]) => boolean = () => true): Promise<unknown[]> {
  return new Promise((resolve) => {
    const listener = (...args: unknown[]) => {
      if (!accept(...args)) return;
      socket.off(event, listener);
      resolve(args);
    };
    socket.on(event, listener);
  });
}

/** What a command's ack carries: chat-service's `(error, result)`; `error` is `null` on success. */
export type Reply = [error: unknown, result?: unknown];

/**
 * Sends a command and resolves with its ack. Rejects if none came within `timeout` ms, so that a request left
 * unanswered fails the test instead of hanging it.
 */
export function request(socket: Socket, command: string, args: unknown[], timeout = 10_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    socket.timeout(timeout).emit(command, ...args, (silence: Error | null, error: unknown, result: unknown) => {
      if (silence) reject(new Error(`${command} got no reply within ${timeout} ms`, { cause: silence }));
      else resolve([error, result]);
    });
  });
}

/** Sends a command that must succeed; resolves with its result. */
export async function ask(socket: Socket, command: string, ...args: unknown[]): Promise<unknown> {
  const [error, result] = await request(socket, command, args);
  if (error !== null) throw new Error(`${command} failed: ${String(error)}`);
  return result;
}

/** Logs `userName` in on the instance at `port` (the demo login) and joins the room "lobby". */
export async function joinLobby(port: string, userName: string): Promise<Socket> {
  const socket = io(`ws://127.0.0.1:${port}/chat-service`, { query: { userName }, transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  await nextEvent(socket, "loginConfirmed");
  await ask(socket, "roomJoin", "lobby");
  return socket;
}

/** A chat message as clients receive it (`roomMessage`) and read it from the history. */
export interface ChatMessage {
  textMessage: string;
  author: string;
  timestamp: number;
  id: number;
}

/** The whole history of "lobby", oldest first, paged with `roomHistoryGet` (id windows of 100). */
export async function lobbyHistory(socket: Socket): Promise<ChatMessage[]> {
  const { lastMessageId } = (await ask(socket, "roomHistoryInfo", "lobby")) as { lastMessageId: number };
  const history: ChatMessage[] = [];
  for (let after = 0; after < lastMessageId; after += 100) {
    const page = (await ask(socket, "roomHistoryGet", "lobby", after, 100)) as ChatMessage[];
    history.push(...page.reverse()); // pages come newest first
  }
  return history;
}
