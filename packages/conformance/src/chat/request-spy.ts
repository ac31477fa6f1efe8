/**
 * Sees what a transport hands to the core, whatever the transport: for tests that must know a request arrived
 * even though the service, by design, never answers it.
 * @module
 */
import type { Transport } from "@chat/core";
import { Collector } from "../helpers.js";

/** Resolves once the transport has handed `count` requests of socket `socketId` to the core. */
export type RequestsArrived = (socketId: string, count: number) => Promise<void>;

/**
 * Makes `transport` report every `host.request` it makes, by wrapping the host it is started with. Call it before
 * the service starts the transport; the transport object stays the same, so `service.transports` still holds it.
 * @example
 * const transport = wsTransport({ port: 0 });
 * const requestsArrived = spyOnRequests(transport);
 * const service = await createChatServer({ store, transports: [transport] });
 * await requestsArrived(socketId, 3);
 */
export function spyOnRequests(transport: Transport): RequestsArrived {
  const requests = new Collector<string>();
  const start = transport.start.bind(transport);
  transport.start = (host) =>
    start({
      get useRawErrorObjects() {
        return host.useRawErrorObjects;
      },
      connected: (socketId) => host.connected(socketId),
      request(socketId, event, args, respond) {
        host.request(socketId, event, args, respond);
        // Recorded after the core has seen it: "arrived" means the service had its chance to answer.
        requests.listener(socketId);
      },
      disconnected: (socketId) => host.disconnected(socketId),
    });
  return async (socketId, count) => {
    await requests.waitFor((ids) => ids.filter((id) => id === socketId).length >= count);
  };
}
