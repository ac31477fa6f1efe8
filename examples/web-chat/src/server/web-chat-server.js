// @ts-check
/**
 * The web chat server: one HTTP server serving the built page (dist/public) at `/` and carrying both chat
 * transports — socket.io and plain WebSocket on `/chat-service` — with the demo login of the quickstart, the
 * room registry behind the page's room list, and rooms `default` and `random` owned by `admin`.
 */
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { createChatServer } from "@chat/core";
import { socketIoTransport } from "@chat/transport-socketio";
import { wsTransport } from "@chat/transport-ws";
import { createRoomRegistry } from "./room-registry.js";
// The quickstart's rules: the memory store, or Redis with REDIS_URL / REDIS_CLUSTER_NODES; rooms made once.
import { ensureRoom } from "@chat/example-quickstart/ensure-room.js";
import { stateFromEnvironment } from "@chat/example-quickstart/state.js";
import { staticFiles } from "./static-files.js";

const publicDir = fileURLToPath(new URL("../../dist/public/", import.meta.url));

/** Rooms that exist from the start, owned by `admin`. */
export const initialRooms = ["default", "random"];

/**
 * Starts the server and resolves once it listens.
 * @param {{ port?: number, host?: string, env?: NodeJS.ProcessEnv }} [options] port 0 picks a free one
 */
export async function startWebChat({ port = 8000, host, env = process.env } = {}) {
  const serve = staticFiles(publicDir);
  // socket.io and the ws transport answer their own paths; everything else is the page.
  const http = createServer((request, response) => {
    serve(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const transports = [socketIoTransport({ http, serverOptions: { allowEIO3: true } }), wsTransport({ server: http })];
  const { store, bus, description } = stateFromEnvironment(env);
  const registry = createRoomRegistry(transports);

  const chat = await createChatServer(
    {
      store,
      ...(bus ? { bus } : {}),
      transports,
      enableRoomsManagement: true,
      enableDirectMessages: true,
      enableUserlistUpdates: true,
      // Owners and admins see list and mode changes of their room as they happen.
      enableAccessListsUpdates: true,
      // The page loads older messages in pages of this size.
      historyMaxGetMessages: 50,
    },
    {
      ...registry.hooks,
      // DEMO ONLY: whoever connects with ?userName=alice is alice. Replace this with your authentication: read a
      // session cookie from getHandshakeData(id).headers or a token from .query, verify it, return the user name.
      onConnect: (service, id) => {
        const { userName } = service.transport.getHandshakeData(id).query;
        if (typeof userName !== "string" || userName === "") return undefined;
        registry.connected(service, id);
        return userName;
      },
    },
  );
  for (const room of initialRooms) {
    await ensureRoom(chat, room, "admin");
    registry.add(room);
  }

  await new Promise((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, host, () => resolve(undefined));
  });
  const address = http.address();
  const boundPort = typeof address === "object" && address !== null ? address.port : port;
  return {
    port: boundPort,
    url: `http://localhost:${boundPort}/`,
    description,
    async close() {
      await chat.close();
      await new Promise((resolve) => http.close(() => resolve(undefined)));
    },
  };
}
