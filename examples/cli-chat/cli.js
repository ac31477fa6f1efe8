#!/usr/bin/env node
// @ts-check
/**
 * A terminal chat client on @chat/client. Joins a room, prints its messages and presence, and sends each line
 * typed as a message. Commands: /join <room>, /leave [room], /dm <user> <text>, /quit.
 *
 *   node cli.js --url http://localhost:8000 --user alice --room default [--transport ws]
 *
 * The SDK reconnects by itself, joins the rooms again and catches up on what was said meanwhile, so this file
 * only prints what it is told.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createClient, isChatClientError } from "@chat/client";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:8000" },
    user: { type: "string" },
    room: { type: "string", default: "default" },
    transport: { type: "string", default: "socket.io" },
  },
});

if (!values.user) {
  console.error("usage: node cli.js --url http://localhost:8000 --user alice [--room default] [--transport ws|socket.io]");
  process.exit(2);
}
if (values.transport !== "ws" && values.transport !== "socket.io") {
  console.error(`--transport must be ws or socket.io, not ${values.transport}`);
  process.exit(2);
}

const client = createClient({ url: values.url, transport: values.transport, auth: { userName: values.user } });
/** The room plain lines go to. */
let current = values.room;

/** @param {unknown} error */
const describe = (error) => (isChatClientError(error) ? `${error.code}: ${error.message}` : String(error));

client.on("roomMessage", (room, message) => {
  const text = typeof message.textMessage === "string" ? message.textMessage : JSON.stringify(message);
  console.log(`[${room}] ${message.author ?? "(server)"}: ${text}`);
});
client.on("directMessage", (message) => console.log(`[dm] ${message.author}: ${String(message.textMessage)}`));
client.on("roomUserJoined", (room, userName) => console.log(`* ${userName} joined ${room}`));
client.on("roomUserLeft", (room, userName) => console.log(`* ${userName} left ${room}`));
client.on("roomAccessRemoved", (room) => console.log(`* you were removed from ${room}`));
client.on("historyGap", (room, { from, to }) => console.log(`* messages ${from}..${to} of ${room} are lost`));
client.on("rejoinFailed", (room, error) => console.log(`* could not join ${room} again: ${describe(error)}`));
client.on("disconnect", (reason) => {
  if (client.state !== "closed") console.log(`* disconnected (${reason}), reconnecting…`);
});
client.on("login", (userName, _authData, { reconnected }) => console.log(`* ${reconnected ? "back online" : "logged in"} as ${userName}`));
client.on("loginRejected", (error) => {
  console.error(`* login rejected: ${describe(error)}`);
  process.exit(1);
});

/** @param {string} room */
async function join(room) {
  await client.roomJoin(room);
  current = room;
  console.log(`* joined ${room}`);
}

/** @param {string} line */
async function handle(line) {
  const [command, ...rest] = line.trim().split(/\s+/);
  switch (command) {
    case "":
    case undefined:
      return;
    case "/quit":
      return quit();
    case "/join":
      if (!rest[0]) return console.log("* usage: /join <room>");
      return join(rest[0]);
    case "/leave": {
      const room = rest[0] ?? current;
      await client.roomLeave(room);
      return console.log(`* left ${room}`);
    }
    case "/dm": {
      const [to, ...words] = rest;
      if (!to || words.length === 0) return console.log("* usage: /dm <user> <text>");
      await client.directMessage(to, { textMessage: words.join(" ") });
      return;
    }
    default:
      if (command.startsWith("/")) return console.log(`* unknown command ${command}`);
      await client.roomMessage(current, { textMessage: line });
  }
}

async function quit() {
  await client.close();
  process.exit(0);
}

await client.ready.catch(() => new Promise(() => {})); // a rejected login exits from its listener
await join(current).catch((error) => console.log(`* could not join ${current}: ${describe(error)}`));

// Lines are handled one at a time, in order, so that "/join x" then "hello" says hello in x.
let queue = Promise.resolve();
const input = createInterface({ input: process.stdin });
input.on("line", (line) => {
  queue = queue.then(() => handle(line)).catch((error) => console.log(`! ${describe(error)}`));
});
input.on("close", () => void queue.then(quit));
