// @ts-check
/**
 * The quickstart server: one HTTP server on PORT (default 8000) carrying both transports — socket.io (namespace
 * `/chat-service`) and plain WebSocket (`ws://…/chat-service`) — a DEMO login that trusts the `userName`
 * query parameter (replace `onConnect` with your real authentication), and the memory store — or Redis when
 * REDIS_URL or REDIS_CLUSTER_NODES is set, so that several servers on different ports are one chat service.
 */
import { createServer } from "node:http";
import { createChatServer } from "@chat/core";
import { socketIoTransport } from "@chat/transport-socketio";
import { wsTransport } from "@chat/transport-ws";
import { ensureRoom } from "./ensure-room.js";
import { stateFromEnvironment } from "./state.js";

const port = Number(process.env.PORT ?? 8000);
// What neither transport answers: socket.io passes other paths on to this listener.
const http = createServer((_request, response) => {
  response.writeHead(404).end();
});
// allowEIO3: chat-service 1.0 clients (socket.io-client 2) connect next to socket.io-client 4 ones. socket.io
// answers on /socket.io/, the ws transport on /chat-service: one port, both kinds of client.
const transports = [socketIoTransport({ http, serverOptions: { allowEIO3: true } }), wsTransport({ server: http })];

const { store, bus, description } = stateFromEnvironment(process.env);

const chat = await createChatServer(
  {
    store,
    ...(bus ? { bus } : {}),
    transports,
    enableRoomsManagement: true,
    enableDirectMessages: true,
    enableUserlistUpdates: true,
  },
  {
    // Demo only: whoever connects with ?userName=alice is alice.
    onConnect: (service, id) => {
      const { userName } = service.transport.getHandshakeData(id).query;
      return typeof userName === "string" ? userName : undefined;
    },
  },
);
await ensureRoom(chat, "default", "admin");

await new Promise((resolve, reject) => {
  http.once("error", reject);
  http.listen(port, () => resolve(undefined));
});
const address = http.address();
const boundPort = typeof address === "object" && address !== null ? address.port : port;
console.log(`chat server listening on ws://localhost:${boundPort}/chat-service (${description}; socket.io and ws)`);

for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.once(signal, async () => {
    await chat.close();
    http.close();
    process.exit(0);
  });
}
