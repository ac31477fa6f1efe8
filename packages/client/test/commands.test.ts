/**
 * Commands, results, notifications and errors through the SDK, against real servers, for both transports.
 */
import { Collector } from "@chat/conformance";
import { ChatServiceError } from "@chat/core";
import { afterEach, describe, expect, it } from "vitest";
import { isChatClientError, type TransportName } from "../src/index.js";
import { closeServers, startServer } from "./helpers/chat-server.js";
import { closeClients, delivered, rejection, testClient } from "./helpers/clients.js";

afterEach(async () => {
  await closeClients();
  await closeServers();
});

describe.each<TransportName>(["socket.io", "ws"])("commands over %s", (transport) => {
  it("logs in, runs typed commands and delivers the sender's own room message", async () => {
    const server = await startServer(transport);
    await server.service.addRoom("default");
    const { client, recorded } = testClient(transport, server.url, "alice");
    const login = await client.ready;
    expect(login.userName).toBe("alice");
    expect(typeof login.authData.id).toBe("string");
    expect(client.state).toBe("online");

    expect(await client.roomJoin("default")).toBe(1);
    expect(client.rooms).toEqual(["default"]);
    const id = await client.roomMessage("default", { textMessage: "hi" });
    expect(id).toBe(1);
    await delivered(recorded, "default", 1);
    expect(recorded.messages.items).toEqual([["default", { textMessage: "hi", author: "alice", id: 1, timestamp: expect.any(Number) }]]);

    const info = await client.roomHistoryInfo("default");
    expect(info).toEqual({ historyMaxGetMessages: 100, historyMaxSize: 10000, historySize: 1, lastMessageId: 1 });
    const sockets = await client.listOwnSockets();
    expect(sockets).toEqual({ [login.authData.id]: ["default"] });
    expect(await client.roomGetAccessList("default", "userlist")).toEqual(["alice"]);
    expect(await client.directSetWhitelistMode(true)).toBeNull();
    expect(await client.roomLeave("default")).toBe(0);
    expect(client.rooms).toEqual([]);
  });

  it("forwards notifications: presence, direct messages, system messages", async () => {
    const server = await startServer(transport, { options: { enableUserlistUpdates: true, enableDirectMessages: true } });
    await server.service.addRoom("r");
    const alice = testClient(transport, server.url, "alice").client;
    const bob = testClient(transport, server.url, "bob").client;
    const bobTwin = testClient(transport, server.url, "bob").client;
    await Promise.all([alice.ready, bob.ready, bobTwin.ready]);
    const events = new Collector<unknown[]>();
    alice.on("roomUserJoined", (room, user) => events.listener(["roomUserJoined", room, user]));
    alice.on("directMessage", (message) => events.listener(["directMessage", message.author, message.textMessage]));
    bobTwin.on("systemMessage", (data) => events.listener(["systemMessage", data]));
    bobTwin.on("directMessageEcho", (to, message) => events.listener(["directMessageEcho", to, message.textMessage]));

    await alice.roomJoin("r");
    await bob.roomJoin("r");
    await bob.directMessage("alice", { textMessage: "psst" });
    await bob.systemMessage({ any: ["thing"] });
    await events.waitFor((items) => items.length === 5);
    expect(events.items).toEqual(
      expect.arrayContaining([
        ["roomUserJoined", "r", "alice"],
        ["roomUserJoined", "r", "bob"],
        ["directMessage", "bob", "psst"],
        ["directMessageEcho", "alice", "psst"],
        ["systemMessage", { any: ["thing"] }],
      ]),
    );
  });

  it("rejects with the server's code and arguments, and the 1.0 text as message", async () => {
    const server = await startServer(transport, {
      hooks: {
        onJoin: (_service, { roomName }) => {
          if (roomName === "boom") throw new Error("boom");
        },
      },
    });
    await server.service.addRoom("boom");
    const { client } = testClient(transport, server.url, "alice");
    await client.ready;

    const noRoom = await rejection(client.roomJoin("nowhere"));
    expect(noRoom).toMatchObject({ name: "ChatClientError", code: "noRoom", args: ["nowhere"], message: "No such room nowhere" });
    expect(isChatClientError(noRoom, "noRoom") && noRoom.args[0]).toBe("nowhere");

    const notJoined = await rejection(client.roomHistoryGet("boom", 0, 10));
    expect(notJoined).toMatchObject({ code: "notJoined", args: ["boom"] });

    // Not a service error: chat-service 1.0 sends its text; the client calls it internalError.
    const hookError = await rejection(client.roomJoin("boom"));
    expect(hookError).toMatchObject({ code: "internalError", args: ["Error: boom"] });
    expect(client.rooms).toEqual([]);

    // Checked by the server: the client's own check is off.
    const count = await rejection(client.request("roomJoin"));
    expect(count).toMatchObject({ code: "wrongArgumentsCount", args: [1, 0] });
  });

  it("checks arguments before sending, unless told not to", async () => {
    const server = await startServer(transport);
    await server.service.addRoom("r");
    const checked = testClient(transport, server.url, "alice").client;
    const unchecked = testClient(transport, server.url, "bob", { validateArguments: false }).client;
    await Promise.all([checked.ready, unchecked.ready]);
    const bad = { textMessage: "x", extra: 1 } as unknown as { textMessage: string };
    expect(await rejection(checked.roomMessage("r", bad))).toMatchObject({
      code: "badArgument",
      args: [1, bad],
      message: 'Bad argument at position 1, value {"textMessage":"x","extra":1}',
    });
    expect(await rejection(unchecked.roomMessage("r", bad))).toMatchObject({ code: "badArgument", args: [1, bad] });
  });

  it("reaches handlers bound with bindHandler through request()", async () => {
    const server = await startServer(transport, {
      hooks: {
        onConnect: (service, id) => {
          service.transport.bindHandler(id, "echo", async (...args) => ["echoed", ...args]);
          return service.transport.getHandshakeData(id).query.userName as string;
        },
      },
    });
    const { client } = testClient(transport, server.url, "alice");
    await client.ready;
    expect(await client.request("echo", 1, { two: 2 })).toEqual(["echoed", 1, { two: 2 }]);
  });

  it("round-trips binary values as Uint8Array, live and from history", async () => {
    const server = await startServer(transport, { hooks: { roomMessagesChecker: async () => {} } });
    await server.service.addRoom("bin");
    const { client, recorded } = testClient(transport, server.url, "alice", { messageFormats: { customRoomMessages: true } });
    await client.ready;
    await client.roomJoin("bin");
    await client.roomMessage("bin", { data: new Uint8Array([1, 2, 255]), nested: [{ blob: new Uint8Array(0) }] });
    await delivered(recorded, "bin", 1);
    const [, live] = recorded.messages.items[0]!;
    const [stored] = await client.roomRecentHistory("bin");
    for (const message of [live, stored!]) {
      expect(message.data).toEqual(new Uint8Array([1, 2, 255]));
      expect((message.data as Uint8Array).constructor).toBe(Uint8Array);
      expect((message.nested as { blob: Uint8Array }[])[0]!.blob.constructor).toBe(Uint8Array);
    }
  });
});

describe("errors over socket.io in both forms", () => {
  it.each([false, true])("useRawErrorObjects: %s gives the same code and arguments", async (useRawErrorObjects) => {
    const server = await startServer("socket.io", {
      options: { useRawErrorObjects },
      hooks: {
        roomJoinBefore: async ({ args: [roomName] }) => {
          if (roomName === "custom") throw new ChatServiceError("noUserOnline", "carol");
        },
      },
    });
    const { client } = testClient("socket.io", server.url, "alice", { validateArguments: false });
    await client.ready;
    expect(await rejection(client.roomJoin("nowhere"))).toMatchObject({ code: "noRoom", args: ["nowhere"] });
    expect(await rejection(client.roomJoin("custom"))).toMatchObject({ code: "noUserOnline", args: ["carol"] });
    expect(await rejection(client.request("roomHistoryGet", "r", -1, 1))).toMatchObject({ code: "badArgument", args: [1, -1] });
  });
});
