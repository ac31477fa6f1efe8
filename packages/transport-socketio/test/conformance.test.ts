import { describeTransport } from "@chat/conformance";
import { socketIoTransport } from "../src/index.js";
import { connectRawClient } from "./helpers/raw-client.js";

describeTransport("socketIoTransport", {
  // Acks carry the 1.0 string, or the error object with useRawErrorObjects (PROTOCOL.md §11.3).
  errorForm: "text-or-object",
  create: () => socketIoTransport({ port: 0, host: "127.0.0.1" }),
  connect: connectRawClient,
});
