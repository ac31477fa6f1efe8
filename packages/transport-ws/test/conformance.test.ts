import { describeTransport } from "@chat/conformance";
import { wsTransport } from "../src/index.js";
import { connectRawClient } from "./helpers/raw-client.js";

describeTransport("wsTransport", {
  // Error frames always carry { name, code, args }, whatever useRawErrorObjects says (PROTOCOL-WS.md).
  errorForm: "object",
  create: () => wsTransport({ port: 0, host: "127.0.0.1" }),
  connect: connectRawClient,
});
