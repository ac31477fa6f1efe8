// @ts-check
/**
 * `pnpm start`: the web chat on PORT (default 8000; HOST to bind one address). Open http://localhost:8000/ in two browsers (or two
 * windows) and sign in with two names. REDIS_URL / REDIS_CLUSTER_NODES keep the state in Redis (see
 * examples/quickstart/state.js).
 */
import { startWebChat } from "./src/server/web-chat-server.js";

const server = await startWebChat({ port: Number(process.env.PORT ?? 8000), host: process.env.HOST || undefined });
console.log(`web chat on http://localhost:${server.port}/ (${server.description}; chat over socket.io and ws on /chat-service)`);

for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.once(signal, async () => {
    await server.close();
    process.exit(0);
  });
}
