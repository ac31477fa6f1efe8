/**
 * Services started on a store and bus the test provides (the chat harness makes its own), so that a test can hand
 * one service a wrapper around the real memory store or socket.io transport that watches or breaks one method.
 * Clients are logged-in socket.io-client 4 sockets that record every notification.
 */
import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { createChatServer, type ChatService, type ChatServiceOptions, type Hooks, type Transport } from "@chat/core";
import { Collector } from "@chat/conformance";
import { socketIoTransport, type SocketIoTransport } from "../../src/index.js";
import { closeClients, createClient, request, transportUrl, type ClientSocket } from "./clients.js";

/** A notification as received: its name, then its arguments. */
export type Notification = [event: string, ...args: unknown[]];

/** A logged-in client. */
export interface NodeClient {
  /** The socket id confirmed at login. */
  readonly id: string;
  readonly socket: ClientSocket;
  readonly notifications: Collector<Notification>;
  /** Sends a command; resolves with the acknowledgement: `[error, ...results]`. */
  request(command: string, ...args: unknown[]): Promise<unknown[]>;
  /** Resolves once `event` has arrived with exactly these arguments (at once if it already has). */
  received(event: string, ...args: unknown[]): Promise<void>;
  /** The arguments of every `event` received so far. */
  all(event: string): unknown[][];
  /** Resolves once everything the server sent this client before the call has arrived. */
  flush(): Promise<void>;
}

/** A running service with a way to log clients in. */
export interface ChatNode {
  readonly service: ChatService;
  login(userName: string): Promise<NodeClient>;
}

const running: ChatService[] = [];

/**
 * Starts a service on 127.0.0.1 with one socket.io transport; `onConnect` logs in with the handshake's `userName`.
 * @param wrapTransport what the service gets instead of the transport itself (tests and clients keep the real one).
 */
export async function startNode(
  options: Omit<ChatServiceOptions, "transports">,
  hooks: Hooks = {},
  wrapTransport: (transport: SocketIoTransport) => Transport = (transport) => transport,
): Promise<ChatNode> {
  const transport = socketIoTransport({ port: 0, host: "127.0.0.1" });
  const service = await createChatServer(
    { ...options, transports: [wrapTransport(transport)] },
    { onConnect: (self, id) => self.transport.getHandshakeData(id).query.userName as string, ...hooks },
  );
  running.push(service);
  const url = `${transportUrl(transport)}/chat-service`;

  return {
    service,
    async login(userName) {
      const socket = createClient(url, { query: { userName } });
      const notifications = new Collector<Notification>();
      socket.onAny((event: string, ...args: unknown[]) => notifications.listener([event, ...args]));
      const id = await new Promise<string>((resolve, reject) => {
        socket.once("loginConfirmed", (_name: string, authData: { id: string }) => resolve(authData.id));
        socket.once("loginRejected", (error: unknown) => reject(new Error(`login of ${userName} rejected: ${String(error)}`)));
        socket.once("connect_error", reject);
      });
      const all = (event: string) => notifications.items.filter(([name]) => name === event).map(([, ...args]) => args);
      return {
        id,
        socket,
        notifications,
        all,
        request: (command, ...args) => request(socket, command, ...args),
        async received(event, ...args) {
          await notifications.waitFor(() => all(event).some((received) => isDeepStrictEqual(received, args)));
        },
        async flush() {
          // One connection keeps its packets in order: a marker sent now arrives after everything sent before.
          const marker = randomBytes(8).toString("hex");
          const arrived = notifications.waitFor((items) => items.some(([event, value]) => event === "__flush" && value === marker));
          transport.emitToSocket(id, "__flush", [marker]);
          await arrived;
        },
      };
    },
  };
}

/** Disconnects every client and closes every service started with {@link startNode}; call it in `afterEach`. */
export async function closeNodes(): Promise<void> {
  closeClients();
  await Promise.all(running.splice(0).map((service) => service.close()));
}
