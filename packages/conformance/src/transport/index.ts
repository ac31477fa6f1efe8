/**
 * `describeTransport`: the conformance suite every {@link Transport} runs, whatever its wire format.
 * @module
 */
import { describe } from "vitest";
import type { Transport } from "@chat/core";
import { connectionTests } from "./connections.js";
import { useTransport } from "./context.js";
import { deliveryTests } from "./delivery.js";
import { lifecycleTests } from "./lifecycle.js";
import { requestTests } from "./requests.js";
import type { TransportFactory } from "./types.js";

export type { ErrorForm, RawClient, RawConnectOptions, RawError, RawReply, TransportFactory } from "./types.js";
export { FENCE_EVENT } from "./context.js";
export { NotificationLog } from "./notification-log.js";
export { RecordingHost, defaultAnswer, noRoomError, type RecordedRequest, type RecordingHostOptions } from "./recording-host.js";

/**
 * Registers the transport conformance suite: the {@link Transport} contract as seen from a {@link RecordingHost}
 * on one side and raw clients on the other: connections and unique ids, handshake data, requests with and
 * without a reply, both error forms, a reply delivered once, binary values both ways, channels and `except`,
 * per-socket order, and every way a socket can leave, each reported once.
 *
 * Tests wait on events, never on time. To show that something did NOT arrive, the suite sends a marker
 * notification ({@link FENCE_EVENT}) with `emitToSocket` and waits for it: a transport MUST keep the order of
 * everything it sends one socket, replies included.
 * @param name the suite's title, e.g. the transport factory's name.
 * @param factory creates transports (listening on 127.0.0.1, port 0) and raw clients of them.
 * @example
 * // packages/transport-x/test/conformance.test.ts
 * import { describeTransport } from "@chat/conformance";
 * import { xTransport } from "../src/index.js";
 * import { connectRawClient } from "./helpers/raw-client.js";
 *
 * describeTransport("xTransport", {
 *   errorForm: "object",
 *   create: () => xTransport({ port: 0, host: "127.0.0.1" }),
 *   connect: (transport, options) => connectRawClient(transport, options),
 * });
 */
export function describeTransport(name: string, factory: TransportFactory): void {
  describe(`${name}: transport conformance`, () => {
    const context = useTransport(factory);
    connectionTests(context);
    requestTests(context);
    deliveryTests(context);
    lifecycleTests(context);
  });
}
