// @ts-check
/**
 * The bare socket.io target: what an application would write without @chat — the same event names and ack shapes
 * as the chat protocol (so one load generator drives both), rooms as socket.io rooms, no validation, no store.
 */
import { createServer } from "node:http";
import { Server } from "socket.io";

/** @param {{ port: number }} options */
export async function start({ port }) {
  const http = createServer();
  const io = new Server(http);
  const nsp = io.of("/chat-service");
  const lastIds = new Map();
  nsp.on("connection", (socket) => {
    const userName = String(socket.handshake.query.userName);
    socket.on("roomJoin", (room, ack) => {
      socket.join(room);
      ack?.(null, 1);
    });
    socket.on("roomMessage", (room, message, ack) => {
      const id = (lastIds.get(room) ?? 0) + 1;
      lastIds.set(room, id);
      nsp.to(room).emit("roomMessage", room, { ...message, author: userName, timestamp: Date.now(), id });
      ack?.(null, id);
    });
    socket.emit("loginConfirmed", userName, { id: socket.id });
  });
  await new Promise((resolve) => http.listen(port, "127.0.0.1", () => resolve(undefined)));
  return { port: /** @type {import("node:net").AddressInfo} */ (http.address()).port, close: () => io.close() };
}
