/**
 * The sockets connected to this instance, over all of its transports.
 * @module
 */
import type { Transport } from "./transport.js";

/** A handler bound to one socket with `service.transport.bindHandler`: resolves the reply values. */
export type CustomHandler = (...args: unknown[]) => unknown[] | PromiseLike<unknown[]>;

/** One local connection. */
export interface LocalSocket {
  readonly id: string;
  readonly transport: Transport;
  /** `connecting` until login succeeds; `closed` once the transport reported the disconnect. */
  state: "connecting" | "online" | "closed";
  userName?: string;
  /** Handlers added by `bindHandler`, by event name. */
  handlers?: Map<string, CustomHandler>;
}

/** Registry of local sockets, indexed by id and by user. */
export class LocalSockets {
  private readonly byId = new Map<string, LocalSocket>();
  private readonly byUser = new Map<string, Set<string>>();

  add(id: string, transport: Transport): LocalSocket {
    const socket: LocalSocket = { id, transport, state: "connecting" };
    this.byId.set(id, socket);
    return socket;
  }

  get(id: string): LocalSocket | undefined {
    return this.byId.get(id);
  }

  /** Marks a socket logged in as `userName`. */
  setOnline(socket: LocalSocket, userName: string): void {
    socket.state = "online";
    socket.userName = userName;
    let ids = this.byUser.get(userName);
    if (!ids) this.byUser.set(userName, (ids = new Set()));
    ids.add(socket.id);
  }

  /** Forgets a socket; returns it as it was. */
  remove(id: string): LocalSocket | undefined {
    const socket = this.byId.get(id);
    if (!socket) return undefined;
    socket.state = "closed";
    this.byId.delete(id);
    if (socket.userName !== undefined) {
      const ids = this.byUser.get(socket.userName);
      ids?.delete(id);
      if (ids?.size === 0) this.byUser.delete(socket.userName);
    }
    return socket;
  }

  /** Ids of the user's logged-in local sockets. */
  ofUser(userName: string): string[] {
    return [...(this.byUser.get(userName) ?? [])];
  }
}
