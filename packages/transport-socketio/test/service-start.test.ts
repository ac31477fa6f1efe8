/** A service whose start fails releases what it had taken, and reports the failure. */
import { createServer } from "node:net";
import { once } from "node:events";
import { ChatService } from "@chat/core";
import { memoryStore } from "@chat/store-memory";
import { expect, it } from "vitest";
import { socketIoTransport } from "../src/index.js";

it("closes the transports that started when another fails, and emits closed(error)", async () => {
  const blocker = createServer();
  blocker.listen(0, "127.0.0.1");
  await once(blocker, "listening");
  const takenPort = (blocker.address() as { port: number }).port;

  const first = socketIoTransport({ port: 0, host: "127.0.0.1" });
  const second = socketIoTransport({ port: takenPort, host: "127.0.0.1" });
  const service = new ChatService({ store: memoryStore(), transports: [first, second] });
  const closed = once(service, "closed");
  await expect(service.whenReady()).rejects.toThrow(/EADDRINUSE/);
  const [error] = await closed;
  expect(String(error)).toMatch(/EADDRINUSE/);
  expect(first.address()).toBeNull();
  blocker.close();
});

it("aborts the start when onStart throws, before any transport listens", async () => {
  const transport = socketIoTransport({ port: 0, host: "127.0.0.1" });
  const service = new ChatService({ store: memoryStore(), transports: [transport] }, {
    onStart: () => {
      throw new Error("not today");
    },
  });
  await expect(service.whenReady()).rejects.toThrow("not today");
  expect(transport.address()).toBeNull();
  await service.close(); // a failed service closes at once
});
