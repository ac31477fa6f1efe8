/**
 * What every transport test gets: started transports with recording hosts, connected raw clients paired with the
 * ids their transport gave them, and a fence to show that something did not arrive. All closed after each test.
 * @module
 */
import { afterEach, expect } from "vitest";
import type { Transport } from "@chat/core";
import { RecordingHost, type RecordingHostOptions } from "./recording-host.js";
import type { RawClient, RawConnectOptions, TransportFactory } from "./types.js";

/** A started transport and the host it reports to. */
export interface Started {
  transport: Transport;
  host: RecordingHost;
}

/** A connected raw client and the socket id the host was told. */
export interface Connected {
  client: RawClient;
  id: string;
}

/** The per-test environment the transport suites share. */
export interface TransportContext {
  readonly factory: TransportFactory;
  /** Creates a transport and starts it with a new {@link RecordingHost}. */
  start(hostOptions?: RecordingHostOptions): Promise<Started>;
  /**
   * Connects a raw client and waits for both ends: the client open, and `host.connected`. Connect one client at a
   * time per host, so that the n-th `connected` belongs to the n-th client.
   */
  connect(started: Started, options?: RawConnectOptions): Promise<Connected>;
  /** Connects `count` clients one after the other. */
  connectMany(started: Started, count: number): Promise<Connected[]>;
  /**
   * Resolves once `client` has received everything sent to it before this call: a marker notification sent last
   * on the same connection arrives last.
   */
  fence(transport: Transport, connected: Connected): Promise<void>;
}

/** The name of the marker notification {@link TransportContext.fence} sends. */
export const FENCE_EVENT = "conformanceFence";

/** Registers the hooks that close every transport and client a test opened. Call inside a `describe`. */
export function useTransport(factory: TransportFactory): TransportContext {
  let transports: Transport[] = [];
  let clients: RawClient[] = [];
  let fences = 0;

  afterEach(async () => {
    const [openClients, openTransports] = [clients, transports];
    clients = [];
    transports = [];
    await Promise.allSettled(openClients.map((client) => client.close()));
    await Promise.allSettled(openTransports.map((transport) => transport.close()));
  });

  const context: TransportContext = {
    factory,
    async start(hostOptions) {
      const transport = factory.create();
      transports.push(transport);
      const host = new RecordingHost(hostOptions);
      await transport.start(host);
      return { transport, host };
    },
    async connect({ transport, host }, options) {
      const connected = host.nextConnected();
      const client = await factory.connect(transport, options);
      clients.push(client);
      return { client, id: await connected };
    },
    async connectMany(started, count) {
      const result: Connected[] = [];
      for (let index = 0; index < count; index++) result.push(await context.connect(started));
      return result;
    },
    async fence(transport, { client, id }) {
      const marker = ++fences;
      const arrived = waitMarker(client, marker);
      transport.emitToSocket(id, FENCE_EVENT, [marker]);
      await arrived;
    },
  };
  return context;
}

async function waitMarker(client: RawClient, marker: number): Promise<void> {
  // Earlier fences of this client are consumed in order by their own calls; skip any we did not wait for.
  for (;;) {
    const [value] = await client.next(FENCE_EVENT);
    if (value === marker) return;
    expect(typeof value).toBe("number");
  }
}

/** The notifications named `event` that `client` received so far, as argument lists. */
export function receivedOf(client: RawClient, event: string): unknown[][] {
  return client.received.filter(([name]) => name === event).map(([, ...args]) => args);
}
