/**
 * The browser bundle in a real browser: built with the package's own browser config into a temp dir, served
 * by a tiny static server, loaded by headless Chromium as an ES module, which logs in, joins, sends and receives
 * a message (with binary data) over each transport against a real chat server. Needs /usr/bin/chromium: CI
 * installs it, and the test fails without it.
 */
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { build } from "tsup";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TransportName } from "../src/index.js";
import { browserBuild } from "../tsup.config.js";
import { closeServers, startServer } from "./helpers/chat-server.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
let outDir: string;
let files: Map<string, Buffer>;
let staticServer: Server;
let staticUrl: string;
let browser: Browser;

const page = `<!doctype html>
<meta charset="utf-8">
<script type="module">
  import { createClient } from "./chat-client.js";
  const params = new URLSearchParams(location.search);
  try {
    const client = createClient({
      url: params.get("server"),
      transport: params.get("transport"),
      auth: { userName: "browser" },
      messageFormats: { customRoomMessages: true },
    });
    const received = new Promise((resolve) => client.on("roomMessage", (room, message) => resolve({ room, message })));
    const login = await client.ready;
    await client.roomJoin("default");
    const id = await client.roomMessage("default", { textMessage: "from the browser", data: new Uint8Array([1, 2, 255]) });
    const { room, message } = await received;
    window.result = {
      userName: login.userName,
      id,
      room,
      author: message.author,
      text: message.textMessage,
      isUint8Array: message.data instanceof Uint8Array && message.data.constructor === Uint8Array,
      bytes: Array.from(message.data),
      state: client.state,
    };
    await client.close();
  } catch (error) {
    window.result = { error: String(error) };
  }
</script>`;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "chat-client-browser-"));
  // The package's own browser config, into a private dir: no race with a concurrent `tsup` of dist/.
  await build({
    ...browserBuild,
    entry: { "chat-client": resolve(packageDir, "src/index.ts") },
    outDir,
    config: false,
    silent: true,
  });
  files = new Map();
  for (const name of await readdir(outDir)) files.set(name, await readFile(join(outDir, name)));
  staticServer = createServer((request, response) => {
    const name = new URL(request.url ?? "/", "http://localhost").pathname.slice(1);
    if (name === "") return void response.writeHead(200, { "content-type": "text/html" }).end(page);
    const body = files.get(name);
    if (!body) return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": name.endsWith(".js") ? "text/javascript" : "application/json" }).end(body);
  });
  await new Promise<void>((resolveListen) => staticServer.listen(0, "127.0.0.1", resolveListen));
  const address = staticServer.address();
  staticUrl = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}/`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolveClose) => (staticServer ? staticServer.close(() => resolveClose()) : resolveClose()));
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

afterEach(closeServers);

/** The chunk holding socket.io-client: only the socket.io transport imports it. */
function socketIoChunk(): string {
  const names = [...files.keys()].filter((name) => name.endsWith(".js") && files.get(name)!.includes("io server disconnect"));
  expect(names).toHaveLength(1);
  return names[0]!;
}

describe("browser bundle", () => {
  it("keeps socket.io-client in a lazy chunk and ws out entirely", () => {
    const entry = files.get("chat-client.js")!;
    const chunk = socketIoChunk();
    expect(chunk).not.toBe("chat-client.js");
    for (const [name, body] of files) {
      if (name.endsWith(".js")) expect(body.includes("ws does not work in the browser"), name).toBe(false);
    }
    const gzipped = (name: string) => gzipSync(files.get(name)!, { level: 9 }).length;
    const wsOnly = [...files.keys()].filter((name) => name.endsWith(".js") && name !== chunk).reduce((sum, name) => sum + gzipped(name), 0);
    console.log(
      `browser bundle, minified + gzipped: ws-only ${(wsOnly / 1024).toFixed(1)} KiB ` +
        `(entry ${(entry.length / 1024).toFixed(1)} KiB minified), socket.io chunk ${(gzipped(chunk) / 1024).toFixed(1)} KiB`,
    );
    // A budget, so that an accidental static import of socket.io-client (or ws) fails here.
    expect(wsOnly).toBeLessThan(16 * 1024);
  });

  it.each<TransportName>(["ws", "socket.io"])("logs in, joins, sends and receives over %s in Chromium", async (transport) => {
    const server = await startServer(transport, { hooks: { roomMessagesChecker: async () => {} } });
    await server.service.addRoom("default");
    const tab = await browser.newPage();
    const errors: string[] = [];
    const loaded: string[] = [];
    tab.on("pageerror", (error) => errors.push(error.message));
    tab.on("request", (request) => loaded.push(new URL(request.url()).pathname));
    try {
      await tab.goto(`${staticUrl}?transport=${encodeURIComponent(transport)}&server=${encodeURIComponent(server.url)}`);
      await tab.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 15_000 });
      const result = await tab.evaluate(() => (window as unknown as { result: unknown }).result);
      expect(errors).toEqual([]);
      expect(result).toEqual({
        userName: "browser",
        id: 1,
        room: "default",
        author: "browser",
        text: "from the browser",
        isUint8Array: true,
        bytes: [1, 2, 255],
        state: "online",
      });
      // socket.io-client is fetched only when the page uses it.
      expect(loaded.includes(`/${socketIoChunk()}`)).toBe(transport === "socket.io");
    } finally {
      await tab.close();
    }
  });
});
