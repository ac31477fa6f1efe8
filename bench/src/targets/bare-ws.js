// @ts-check
/**
 * The bare ws target: a room map and a broadcast over `ws`, speaking the @chat frame format (PROTOCOL-WS.md) so
 * that one load generator drives both; no validation, no store. Like the ws transport, it encodes a broadcast
 * once and sends the same bytes to every member.
 */
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { WebSocketServer } from "ws";

/** @param {{ port: number }} options */
export async function start({ port }) {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, path: "/chat-service" });
  /** @type {Map<string, Set<import("ws").WebSocket>>} */
  const rooms = new Map();
  const lastIds = new Map();
  wss.on("connection", (ws, request) => {
    const userName = new URL(request.url ?? "/", "http://x").searchParams.get("userName") ?? "";
    /** @type {Set<string>} */
    const joined = new Set();
    ws.on("message", (data) => {
      const [type, id, event, args] = JSON.parse(String(data));
      if (type !== 1) return;
      if (event === "roomJoin") {
        const room = String(args[0]);
        let members = rooms.get(room);
        if (!members) rooms.set(room, (members = new Set()));
        members.add(ws);
        joined.add(room);
        ws.send(JSON.stringify([2, id, [1]]));
      } else if (event === "roomMessage") {
        const room = String(args[0]);
        const messageId = (lastIds.get(room) ?? 0) + 1;
        lastIds.set(room, messageId);
        const message = { ...args[1], author: userName, timestamp: Date.now(), id: messageId };
        const frame = Buffer.from(JSON.stringify([4, "roomMessage", [room, message]]));
        for (const member of rooms.get(room) ?? []) member.send(frame, { binary: false });
        ws.send(JSON.stringify([2, id, [messageId]]));
      }
    });
    ws.on("close", () => {
      for (const room of joined) rooms.get(room)?.delete(ws);
    });
    ws.send(JSON.stringify([4, "loginConfirmed", [userName, { id: randomBytes(16).toString("base64url") }]]));
  });
  await new Promise((resolve) => http.listen(port, "127.0.0.1", () => resolve(undefined)));
  return {
    port: /** @type {import("node:net").AddressInfo} */ (http.address()).port,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise((resolve) => http.close(() => resolve(undefined)));
    },
  };
}
