import { RecordingHost } from "@chat/conformance";
import { type WsTransport, type WsTransportOptions, wsTransport } from "../../src/index.js";

const openTransports = new Set<WsTransport>();

/** Closes every transport the helpers created; call it in `afterEach`. */
export async function closeTransports(): Promise<void> {
  await Promise.all([...openTransports].map((transport) => transport.close()));
  openTransports.clear();
}

/** Creates a transport that {@link closeTransports} closes. */
export function createTransport(options?: WsTransportOptions): WsTransport {
  const transport = wsTransport(options);
  openTransports.add(transport);
  return transport;
}

/** Starts a transport (by default on its own server, 127.0.0.1, a free port) with a fresh {@link RecordingHost}. */
export async function startTransport(
  options: WsTransportOptions = { port: 0, host: "127.0.0.1" },
  host = new RecordingHost(),
): Promise<{ transport: WsTransport; host: RecordingHost }> {
  const transport = createTransport(options);
  await transport.start(host);
  return { transport, host };
}
