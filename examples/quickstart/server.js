// @ts-check
/**
 * The quickstart server: the memory store, the socket.io transport on PORT (default 8000) and a DEMO login that
 * trusts the `userName` query parameter. Replace `onConnect` with your real authentication.
 */
import { createChatServer } from "@chat/core";
import { memoryStore } from "@chat/store-memory";
import { socketIoTransport } from "@chat/transport-socketio";

const port = Number(process.env.PORT ?? 8000);
// allowEIO3: chat-service 1.0 clients (socket.io-client 2) connect next to socket.io-client 4 ones.
const transport = socketIoTransport({ port, serverOptions: { allowEIO3: true } });

const chat = await createChatServer(
  {
    store: memoryStore(),
    transports: [transport],
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
await chat.addRoom("default", { owner: "admin" });

console.log(`chat server listening on ws://localhost:${transport.address()?.port}/chat-service (memory store)`);

for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.once(signal, async () => {
    await chat.close();
    process.exit(0);
  });
}
