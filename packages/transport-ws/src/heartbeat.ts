import type { Connection } from "./connection.js";

/**
 * Every `interval` ms, pings each connection, and hands to `onDead` those that did not answer the previous ping
 * with a pong. A dead peer (a laptop that went to sleep, a dropped NAT mapping) never closes its TCP connection;
 * this is how the server notices, within two intervals. Returns the function that stops it.
 */
export function startHeartbeat(interval: number, connections: () => Iterable<Connection>, onDead: (connection: Connection) => void): () => void {
  const timer = setInterval(() => {
    // A copy: onDead removes connections from the live collection.
    for (const connection of [...connections()]) {
      if (!connection.alive) {
        onDead(connection);
        continue;
      }
      connection.alive = false;
      connection.ws.ping();
    }
  }, interval);
  // The heartbeat alone must not keep the process running.
  timer.unref();
  return () => clearInterval(timer);
}
