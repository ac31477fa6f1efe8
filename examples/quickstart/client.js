// @ts-check
/**
 * The quickstart client: a plain socket.io-client 4 script. Logs in as `alice` (or argv[2]), joins `default`,
 * says Hello!, prints what comes back, and exits.
 */
import { io } from "socket.io-client";

const url = process.env.CHAT_URL ?? `ws://localhost:${process.env.PORT ?? 8000}/chat-service`;
const userName = process.argv[2] ?? "alice";
const socket = io(url, { query: { userName }, transports: ["websocket"] });

socket.on("loginRejected", (error) => {
  console.error("login rejected:", error);
  process.exit(1);
});

socket.on("loginConfirmed", (name, authData) => {
  console.log(`logged in as ${name} (socket ${authData.id})`);
  socket.emit("roomJoin", "default", (/** @type {unknown} */ error, /** @type {number} */ njoined) => {
    if (error) throw new Error(String(error));
    console.log(`joined default (${njoined} socket(s))`);
    socket.emit("roomMessage", "default", { textMessage: "Hello!" }, (/** @type {unknown} */ error, /** @type {number} */ id) => {
      // The server sends a command's notifications before its reply, so the message has arrived by now.
      console.log(`ack: ${JSON.stringify([error, id])}`);
      socket.close();
    });
  });
});

socket.on("roomMessage", (room, message) => {
  console.log(`roomMessage: ${JSON.stringify([room, message])}`);
});
