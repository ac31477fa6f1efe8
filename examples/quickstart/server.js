// @ts-check
/**
 * The quickstart server: the socket.io transport on PORT (default 8000), a DEMO login that trusts the `userName`
 * query parameter (replace `onConnect` with your real authentication), and the memory store — or Redis when
 * REDIS_URL or REDIS_CLUSTER_NODES is set, so that several servers on different ports are one chat service.
 */
import { createChatServer } from "@chat/core";
import { socketIoTransport } from "@chat/transport-socketio";
import { stateFromEnvironment } from "./state.js";

const port = Number(process.env.PORT ?? 8000);
// allowEIO3: chat-service 1.0 clients (socket.io-client 2) connect next to socket.io-client 4 ones.
const transport = socketIoTransport({ port, serverOptions: { allowEIO3: true } });

const { store, bus, description } = stateFromEnvironment(process.env);

const chat = await createChatServer(
  {
    store,
    ...(bus ? { bus } : {}),
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
// With Redis the room may exist already: created by an earlier run, or by another instance just now.
if (!(await chat.hasRoom("default"))) {
  await chat.addRoom("default", { owner: "admin" }).catch(async (error) => {
    if (!(await chat.hasRoom("default"))) throw error;
  });
}

console.log(`chat server listening on ws://localhost:${transport.address()?.port}/chat-service (${description})`);

for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.once(signal, async () => {
    await chat.close();
    process.exit(0);
  });
}
