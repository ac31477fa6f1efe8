/**
 * One client interface over both transports' clients (socket.io-client 4 and the frame format over `ws`), so
 * that a scenario reads the same whichever transport each user is on.
 */
import { NotificationLog } from "@chat/conformance";
import { io } from "socket.io-client";
import { logInPeer } from "./login.js";

/** A logged-in client of either transport. */
export interface MixedClient {
  readonly id: string;
  readonly transport: "socket.io" | "ws";
  /** Sends a request and resolves with its results; rejects with the error's code (or text) if it failed. */
  request(event: string, ...args: unknown[]): Promise<unknown[]>;
  /** The next notification named `event` not returned before. */
  next(event: string): Promise<unknown[]>;
  close(): Promise<void>;
}

/** Logs in to a socket.io transport's `/chat-service` namespace at `url` as `userName`. */
export async function logInIo(url: string, userName: string): Promise<MixedClient> {
  const socket = io(`${url}/chat-service`, { forceNew: true, reconnection: false, transports: ["websocket"], query: { userName } });
  const log = new NotificationLog();
  socket.onAny((event: string, ...args: unknown[]) => log.push(event, args));
  const [, authData] = (await log.next("loginConfirmed")) as [string, { id: string }];
  return {
    id: authData.id,
    transport: "socket.io",
    request: (event, ...args) =>
      new Promise((resolve, reject) => {
        socket.emit(event, ...args, (error: unknown, ...results: unknown[]) => (error === null ? resolve(results) : reject(new Error(String(error)))));
      }),
    next: (event) => log.next(event),
    close: async () => {
      socket.disconnect();
    },
  };
}

/** Logs in to a ws transport at `url` (its full `ws://…/chat-service` URL) as `userName`. */
export async function logInWs(url: string, userName: string): Promise<MixedClient> {
  const { peer, id } = await logInPeer(url, userName);
  return {
    id,
    transport: "ws",
    async request(event, ...args) {
      const { error, results } = await peer.request(event, args);
      if (error !== null) throw new Error(error.code);
      return results;
    },
    next: (event) => peer.next(event),
    close: () => peer.close(),
  };
}
