import type { Transport } from "@chat/core";
import type { RawClient, RawConnectOptions } from "@chat/conformance";
import { DEFAULT_PATH, type WsTransport } from "../../src/index.js";
import { WsPeer } from "./ws-peer.js";

/** The `ws://` URL of a transport's own server, on the default path. */
export function wsUrl(transport: WsTransport, path = DEFAULT_PATH): string {
  const address = transport.address();
  if (address === null) throw new Error("the transport is not listening");
  return `ws://127.0.0.1:${address.port}${path}`;
}

/** Connects a {@link WsPeer} to a transport's own server as a conformance {@link RawClient}. */
export async function connectRawClient(transport: Transport, options: RawConnectOptions = {}): Promise<RawClient> {
  const peer = await WsPeer.connect(wsUrl(transport as WsTransport), options);
  return {
    async request(event, args) {
      const { error, results } = await peer.request(event, args);
      // The frame carries the error object only; its text form is the client's to build.
      return error === null ? { error: null, results } : { error: { code: error.code, args: error.args }, results: [] };
    },
    send: (event, args) => peer.send(event, args),
    get received() {
      return peer.received;
    },
    next: (event) => peer.next(event),
    get repliesReceived() {
      return peer.repliesReceived;
    },
    close: () => peer.close(),
    closedByServer: peer.closedByServer.then(() => undefined),
  };
}
