/**
 * Runs the CLI as a user would (`node cli.js`, stdin piped) against a chat server started in this process that
 * serves both transports on one port: a typed line comes back as a room message, and a second user's
 * messages and presence are printed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:http";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createChatServer, type ChatService } from "@chat/core";
import { memoryStore } from "@chat/store-memory";
import { socketIoTransport } from "@chat/transport-socketio";
import { wsTransport } from "@chat/transport-ws";
import { afterEach, describe, expect, it } from "vitest";

const here = fileURLToPath(new URL("..", import.meta.url));
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A service with socket.io and ws on one HTTP server, the demo login and room `default`. */
async function startServer(): Promise<{ url: string; service: ChatService }> {
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const service = await createChatServer(
    { store: memoryStore(), transports: [socketIoTransport({ http }), wsTransport({ server: http })], enableUserlistUpdates: true, enableDirectMessages: true },
    { onConnect: (self, id) => self.transport.getHandshakeData(id).query.userName as string },
  );
  await service.addRoom("default");
  cleanups.push(async () => {
    await service.close();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  });
  const address = http.address();
  return { url: `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`, service };
}

/** The CLI as a child process, and a way to wait for a line it prints. */
function cli(args: string[]): { child: ChildProcess; line(pattern: RegExp): Promise<string> } {
  const child = spawn(process.execPath, ["cli.js", ...args], { cwd: here, stdio: ["pipe", "pipe", "inherit"] });
  cleanups.push(async () => {
    if (child.exitCode !== null) return;
    child.kill("SIGTERM");
    await once(child, "exit");
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve(line: string): void }[] = [];
  createInterface({ input: child.stdout! }).on("line", (text) => {
    lines.push(text);
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(text);
      }
    }
  });
  return {
    child,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((text) => pattern.test(text));
        if (seen !== undefined) return resolve(seen);
        waiters.push({ pattern, resolve });
        child.once("exit", (code) => reject(new Error(`cli exited (${code}) before printing ${pattern}; it printed:\n${lines.join("\n")}`)));
      }),
  };
}

describe.each(["socket.io", "ws"])("the CLI over %s", (transport) => {
  it("sends typed lines, prints room messages and presence, and quits", async () => {
    const { url } = await startServer();
    const alice = cli(["--url", url, "--user", "alice", "--room", "default", "--transport", transport]);
    await alice.line(/^\* joined default$/);

    const bob = cli(["--url", url, "--user", "bob", "--transport", transport]);
    await bob.line(/^\* joined default$/);
    await alice.line(/^\* bob joined default$/);

    alice.child.stdin!.write("hello from alice\n");
    await alice.line(/^\[default\] alice: hello from alice$/);
    await bob.line(/^\[default\] alice: hello from alice$/);

    bob.child.stdin!.write("/dm alice psst\n");
    await alice.line(/^\[dm\] bob: psst$/);

    bob.child.stdin!.write("/quit\n");
    expect((await once(bob.child, "exit"))[0]).toBe(0);
    await alice.line(/^\* bob left default$/);
    alice.child.stdin!.end();
    expect((await once(alice.child, "exit"))[0]).toBe(0);
  });
});
