import { afterEach, describe, expect, it } from "vitest";
import { closeClients, connectClient, request, socketIdOf, transportUrl } from "./helpers/clients.js";
import { closeTransports, startTransport } from "./helpers/transports.js";

afterEach(async () => {
  closeClients();
  await closeTransports();
});

async function setup() {
  const { transport, host } = await startTransport();
  const client = await connectClient(`${transportUrl(transport)}/chat-service`);
  return { transport, host, client };
}

describe("connections", () => {
  it("reports a connection to the host with the id the client sees", async () => {
    const { transport, host, client } = await setup();
    expect(host.connectedIds).toEqual([socketIdOf(client)]);
    expect(transport.hasSocket(socketIdOf(client))).toBe(true);
    expect(transport.hasSocket("nobody")).toBe(false);
  });
});

describe("requests", () => {
  it("answers a request with an ack as ack(null, ...results)", async () => {
    const { host, client } = await setup();
    await expect(request(client, "roomMessage", "lobby", { textMessage: "hi" })).resolves.toEqual([
      null,
      "lobby",
      { textMessage: "hi" },
    ]);
    expect(host.requests).toHaveLength(1);
    expect(host.requests[0]).toMatchObject({
      socketId: socketIdOf(client),
      event: "roomMessage",
      args: ["lobby", { textMessage: "hi" }],
    });
    expect(host.requests[0].respond).toBeTypeOf("function");
  });

  it("sends an error as its string form by default", async () => {
    const { client } = await setup();
    await expect(request(client, "fail", "r")).resolves.toEqual(["ChatServiceError: No such room r", null]);
  });

  it("sends an error as its object with useRawErrorObjects", async () => {
    const { host, client } = await setup();
    host.useRawErrorObjects = true;
    await expect(request(client, "fail", "r")).resolves.toEqual([
      { name: "ChatServiceError", code: "noRoom", args: ["r"] },
      null,
    ]);
  });

  it("passes no respond function when the client sends no ack", async () => {
    const { host, client } = await setup();
    const arrived = host.nextRequest();
    client.emit("roomMessage", "lobby", { textMessage: "fire and forget" });
    const recorded = await arrived;
    expect(recorded.args).toEqual(["lobby", { textMessage: "fire and forget" }]);
    expect(recorded.respond).toBeUndefined();
  });

  it("forwards any event name to the host, which decides what to answer", async () => {
    const { host, client } = await setup();
    await expect(request(client, "myCustomHandler", 1, "two")).resolves.toEqual([null, 1, "two"]);
    const arrived = host.nextRequest();
    client.emit("silent", "x", () => {});
    await expect(arrived).resolves.toMatchObject({ event: "silent", args: ["x"] });
    expect(host.requests.map((r) => r.event)).toEqual(["myCustomHandler", "silent"]);
  });

  it("carries Buffers nested in arguments and results as binary, both ways", async () => {
    const { host, client } = await setup();
    const message = { textMessage: "file", files: [{ name: "a.bin", data: Buffer.from([0, 1, 2, 255]) }] };
    const [error, echoed] = await request(client, "roomMessage", message);
    expect(error).toBeNull();
    const received = host.requests[0].args[0] as typeof message;
    expect(Buffer.isBuffer(received.files[0].data)).toBe(true);
    expect(received).toEqual(message);
    const result = echoed as typeof message;
    expect(Buffer.isBuffer(result.files[0].data)).toBe(true);
    expect(result).toEqual(message);
  });

  it("works over HTTP long-polling too, binary included", async () => {
    const { transport, host } = await startTransport();
    const client = await connectClient(`${transportUrl(transport)}/chat-service`, { transports: ["polling"] });
    expect(host.connectedIds).toEqual([socketIdOf(client)]);
    const message = { data: Buffer.from([9, 8, 7]) };
    await expect(request(client, "roomMessage", "lobby", message)).resolves.toEqual([null, "lobby", message]);
    await transport.close();
    expect(host.disconnectedIds).toEqual([socketIdOf(client)]);
  });
});
