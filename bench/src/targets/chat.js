// @ts-check
/**
 * The @chat targets: the real service with the demo login of the quickstart, over socket.io or ws, on the memory
 * store or on Redis (`REDIS_URL`, a server the bench started).
 */
import { createServer } from "node:http";
import { createChatServer } from "@chat/core";
import { memoryStore } from "@chat/store-memory";
import { redisBus, redisStore } from "@chat/store-redis";
import { socketIoTransport } from "@chat/transport-socketio";
import { wsTransport } from "@chat/transport-ws";

/**
 * @param {{ port: number, transport: "socket.io" | "ws", store: "memory" | "redis", redisUrl?: string, prefix?: string }} options
 */
export async function start({ port, transport, store, redisUrl, prefix = "bench" }) {
  const http = createServer();
  const transports = [transport === "ws" ? wsTransport({ server: http }) : socketIoTransport({ http })];
  const state =
    store === "redis"
      ? { store: redisStore({ url: redisUrl, prefix }), bus: redisBus({ url: redisUrl, prefix }) }
      : { store: memoryStore() };
  const service = await createChatServer(
    { ...state, transports, historyMaxSize: 1000 },
    { onConnect: (chat, id) => String(chat.transport.getHandshakeData(id).query.userName) },
  );
  await new Promise((resolve) => http.listen(port, "127.0.0.1", () => resolve(undefined)));
  return {
    port: /** @type {import("node:net").AddressInfo} */ (http.address()).port,
    /** Rooms are created by the bench before clients join. */
    addRooms: async (/** @type {string[]} */ names) => {
      for (const name of names) {
        // Another instance on the same Redis may create it at the same moment.
        if (!(await service.hasRoom(name))) await service.addRoom(name).catch(() => undefined);
      }
    },
    close: () => service.close(),
  };
}
