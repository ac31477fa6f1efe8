// @ts-check
/**
 * One instance of a chat service whose state lives in Redis. Start several, on any hosts, with the same
 * REDIS_URL (one Redis) or REDIS_CLUSTER_NODES ("host:port,host:port", a Redis Cluster): they are one service.
 *
 *   PORT               socket.io port (0: a free one)                    default 8000
 *   HOST               interface to listen on                            default every interface
 *   HEARTBEAT_RATE     ms between heartbeats and dead-instance sweeps    default 10000
 *   HEARTBEAT_TIMEOUT  ms of silence after which an instance is dead     default 30000
 *
 * The login is a DEMO: whoever connects with `?userName=alice` is alice. Replace `onConnect` with your own.
 */
import { createChatServer } from "@chat/core";
import { redisBus, redisStore } from "@chat/store-redis";
import { socketIoTransport } from "@chat/transport-socketio";

const env = process.env;

/** @returns {{ url: string } | { clusterNodes: { host: string, port: number }[] }} */
function redisFromEnvironment() {
  if (env.REDIS_URL) return { url: env.REDIS_URL };
  if (env.REDIS_CLUSTER_NODES) {
    const clusterNodes = env.REDIS_CLUSTER_NODES.split(",").map((entry) => {
      const [host, port] = entry.trim().split(":");
      if (!host || !port || !Number.isInteger(Number(port))) throw new Error(`REDIS_CLUSTER_NODES: expected host:port, got "${entry}"`);
      return { host, port: Number(port) };
    });
    return { clusterNodes };
  }
  throw new Error("set REDIS_URL (e.g. redis://127.0.0.1:6379) or REDIS_CLUSTER_NODES (host:port,host:port)");
}

/** Unset stays unset, so that the service's default applies; the service refuses a value that is not an integer. */
const optionalNumber = (/** @type {string | undefined} */ value) => (value ? Number(value) : undefined);

const redis = redisFromEnvironment();
const transport = socketIoTransport({ port: Number(env.PORT ?? 8000), ...(env.HOST ? { host: env.HOST } : {}) });

const chat = await createChatServer(
  {
    // Same Redis and prefix for store and bus: that is what makes the instances one service.
    store: redisStore(redis),
    bus: redisBus(redis),
    transports: [transport],
    enableUserlistUpdates: true,
    heartbeatRate: optionalNumber(env.HEARTBEAT_RATE),
    heartbeatTimeout: optionalNumber(env.HEARTBEAT_TIMEOUT),
  },
  {
    // Demo only: whoever connects with ?userName=alice is alice.
    onConnect: (service, id) => {
      const { userName } = service.transport.getHandshakeData(id).query;
      return typeof userName === "string" ? userName : undefined;
    },
  },
);

// A Redis outage or a crashed peer should show in the log, not only in clients' error replies.
chat.on("internalError", (error) => console.error(`internal error: ${error instanceof Error ? error.message : String(error)}`));
chat.on("instanceRecovered", (uid, sockets) => console.log(`cleaned up dead instance ${uid} (${sockets} sockets)`));

// The room may exist already: created by an earlier run, or by another instance starting right now.
if (!(await chat.hasRoom("lobby"))) {
  await chat.addRoom("lobby", { owner: "admin" }).catch(async (error) => {
    if (!(await chat.hasRoom("lobby"))) throw error;
  });
}

console.log(`listening on port ${transport.address()?.port} as instance ${chat.instanceUID}`);

for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.once(signal, async () => {
    await chat.close();
    process.exit(0);
  });
}
