/**
 * The chat-behaviour harness over real WebSockets: services on 127.0.0.1 with the memory store (or a cluster
 * backend) and the ws transport, and clients speaking the frame format over the `ws` package's client.
 */
import { randomBytes } from "node:crypto";
import { createChatServer, formatErrorMessage, isErrorObject } from "@chat/core";
import {
  clusterHarness,
  memoryBackend,
  spyOnRequests,
  type ClusterHarness,
  type ErrorView,
  type HarnessSetup,
  type PendingClient,
  type ReplyView,
  type StartInstance,
  type TestClient,
  type TestServer,
} from "@chat/conformance";
import { memoryStore } from "@chat/store-memory";
import { CloseCode, wsTransport } from "../../src/index.js";
import { wsUrl } from "../helpers/raw-client.js";
import { type PeerClose, WsPeer } from "../helpers/ws-peer.js";

/** An error as the suites read it: the 1.0 text form, rebuilt from the code and args the frame carries. */
export function toErrorView(error: unknown): ErrorView {
  if (isErrorObject(error)) return { text: `ChatServiceError: ${formatErrorMessage(error.code, error.args)}`, code: error.code, args: error.args };
  return { text: String(error) };
}

/** A request's reply as the suites read it. */
export async function replyOf(peer: WsPeer, command: string, args: unknown[]): Promise<ReplyView> {
  const { error, results } = await peer.request(command, args);
  return { error: error === null ? null : toErrorView(error), results };
}

/** A close in the suites' (socket.io's) words: see `TestClient.disconnected`. */
function reasonOf(peer: WsPeer): Promise<string> {
  return peer.closed.then(({ code }: PeerClose) => {
    if (code === CloseCode.serverDisconnect || code === CloseCode.goingAway) return "io server disconnect";
    return code === 1000 || code === 1005 ? "io client disconnect" : `transport close ${code}`;
  });
}

class WsTestClient implements TestClient {
  readonly disconnected: Promise<string>;
  private readonly cursors = new Map<string, number>();

  constructor(
    readonly userName: string,
    readonly peer: WsPeer,
    readonly id: string,
    readonly authData: Record<string, unknown>,
    private readonly cleanedUp: (id: string) => Promise<void>,
  ) {
    this.disconnected = reasonOf(peer);
  }

  get received(): readonly [string, ...unknown[]][] {
    return this.peer.received;
  }

  request(command: string, ...args: unknown[]): Promise<ReplyView> {
    return replyOf(this.peer, command, args);
  }

  send(command: string, ...args: unknown[]): void {
    this.peer.send(command, args);
  }

  all(event: string): unknown[][] {
    return this.peer.all(event);
  }

  next(event: string): Promise<any> {
    const index = this.cursors.get(event) ?? 0;
    this.cursors.set(event, index + 1);
    return this.peer.waitFor(() => this.all(event)[index]);
  }

  async disconnect(): Promise<void> {
    const cleaned = this.cleanedUp(this.id);
    await this.peer.close();
    await cleaned;
  }
}

type LoginOutcome = { confirmed: [string, Record<string, unknown>] } | { rejected: unknown };

/** Waits for the login's answer; rejects if the connection closes without one. */
function loginOf(peer: WsPeer): Promise<LoginOutcome> {
  const answer = peer.waitFor<LoginOutcome>(() => {
    const [confirmed] = peer.all("loginConfirmed");
    if (confirmed) return { confirmed: confirmed as [string, Record<string, unknown>] };
    const [rejected] = peer.all("loginRejected");
    return rejected ? { rejected: rejected[0] } : undefined;
  });
  const closed = peer.closed.then(({ code }) => Promise.reject(new Error(`closed (${code}) before the login was answered`)));
  return Promise.race([answer, closed]);
}

/** Creates a harness; call `closeAll()` after each test. */
export function wsHarness(setup: HarnessSetup = {}): ClusterHarness {
  const start: StartInstance = async (options, { hooks, cleanedUp }, { store, bus }) => {
    const transport = wsTransport({ port: 0, host: "127.0.0.1" });
    const requestsArrived = spyOnRequests(transport);
    const service = await createChatServer({ ...options, store, bus, transports: [transport] }, hooks);
    const url = wsUrl(transport);
    const peers: WsPeer[] = [];
    const open = async (query: Record<string, string>): Promise<WsPeer> => {
      const peer = await WsPeer.connect(url, { query });
      peers.push(peer);
      return peer;
    };

    const server: TestServer = {
      service,
      async connect(userName, query = {}) {
        const peer = await open({ userName, ...query });
        const outcome = await loginOf(peer);
        if ("rejected" in outcome) throw new Error(`login of ${userName} rejected: ${toErrorView(outcome.rejected).text}`);
        const [confirmedName, authData] = outcome.confirmed;
        if (confirmedName !== userName) throw new Error(`logged in as ${confirmedName}, not ${userName}`);
        return new WsTestClient(userName, peer, authData.id as string, authData, cleanedUp);
      },
      async connectRejected(query) {
        const peer = await open(query);
        const outcome = await loginOf(peer);
        if (!("rejected" in outcome)) throw new Error("login was confirmed");
        return { error: toErrorView(outcome.rejected), disconnected: reasonOf(peer) };
      },
      async fence(client) {
        const token = randomBytes(8).toString("hex");
        const arrived = (client as WsTestClient).peer.waitFor(() =>
          client.received.some(([event, value]) => event === "__fence" && value === token) ? true : undefined,
        );
        service.transport.sendToChannel(null, `echo:${client.userName}`, "__fence", token);
        await arrived;
      },
      async openPending(query) {
        const peer = await open(query);
        return {
          send: (command, ...args) => peer.send(command, args),
          request: (command, ...args) => replyOf(peer, command, args),
          loginConfirmed: peer.next("loginConfirmed") as Promise<[string, Record<string, unknown>]>,
          close: () => void peer.close(),
        } satisfies PendingClient;
      },
      requestsArrived,
    };
    return {
      server,
      async close() {
        await Promise.allSettled(peers.splice(0).map((peer) => peer.close()));
        await service.close();
      },
    };
  };
  return clusterHarness({ ...setup, backend: setup.backend ?? memoryBackend(memoryStore) }, start);
}
