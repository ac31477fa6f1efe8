/**
 * `createClient()` and the {@link ChatClient} it returns: one typed method per command, typed events, and the
 * connection handling of {@link ClientCore}.
 * @module
 */
import { type CommandArgs, type CommandName, type CommandResult, commandNames, validateCommandArguments } from "@chat/core/protocol";
import { ClientCore } from "./client-core.js";
import { ChatClientError } from "./errors.js";
import type { ClientEventName, ClientListener, ClientState, LoginInfo } from "./events.js";
import { createSocketIoLink } from "./links/socket-io-link.js";
import { createWsLink } from "./links/ws-link.js";
import { type ClientOptions, resolveClientOptions } from "./options.js";

/** One method per command (PROTOCOL.md §8), typed from `Commands`: resolves with the command's result. */
export type CommandMethods = { [C in CommandName]: (...args: CommandArgs<C>) => Promise<CommandResult<C>> };

/** A chat client. Commands are methods named like the command: `client.roomMessage(room, { textMessage })`. */
export interface ChatClient extends CommandMethods {
  /** Where the client is; see {@link ClientState}. */
  readonly state: ClientState;
  /** Resolves at the first login; rejects if that login is rejected or the client is closed before it. */
  readonly ready: Promise<LoginInfo>;
  /** The current login, or the last one while reconnecting; `undefined` before the first. */
  readonly loginInfo: LoginInfo | undefined;
  /** Rooms this client is joined to (and re-joins after a reconnect), in join order. */
  readonly rooms: readonly string[];
  /**
   * Starts connecting if the client is `idle` or `rejected` (auth is evaluated again); resolves at the next
   * login, at once when `online`. Rejects with the login error, or `notConnected` once closed.
   */
  connect(): Promise<LoginInfo>;
  /** Ends the client for good: queued requests fail with `notConnected`, requests in flight with `connectionLost`. */
  close(): Promise<void>;
  /**
   * Sends any request, e.g. one for a handler the server bound with `bindHandler`, and resolves with all its
   * reply values. No argument checks; the same queueing and errors as commands.
   */
  request(event: string, ...args: unknown[]): Promise<unknown[]>;
  /** Adds a listener. */
  on<E extends ClientEventName>(event: E, listener: ClientListener<E>): this;
  /** Adds a listener that runs once. */
  once<E extends ClientEventName>(event: E, listener: ClientListener<E>): this;
  /** Removes a listener added with `on` or `once`. */
  off<E extends ClientEventName>(event: E, listener: ClientListener<E>): this;
}

class Client {
  constructor(private readonly core: ClientCore) {}

  get state(): ClientState {
    return this.core.state;
  }

  get ready(): Promise<LoginInfo> {
    return this.core.ready;
  }

  get loginInfo(): LoginInfo | undefined {
    return this.core.loginInfo;
  }

  get rooms(): readonly string[] {
    return this.core.rooms.names();
  }

  connect(): Promise<LoginInfo> {
    return this.core.connect();
  }

  close(): Promise<void> {
    return this.core.close();
  }

  request(event: string, ...args: unknown[]): Promise<unknown[]> {
    return this.core.request(event, args);
  }

  on<E extends ClientEventName>(event: E, listener: ClientListener<E>): this {
    this.core.events.on(event, listener);
    return this;
  }

  once<E extends ClientEventName>(event: E, listener: ClientListener<E>): this {
    this.core.events.on(event, listener, true);
    return this;
  }

  off<E extends ClientEventName>(event: E, listener: ClientListener<E>): this {
    this.core.events.off(event, listener);
    return this;
  }
}

/**
 * Creates a client and, unless `autoConnect: false`, starts connecting. It logs in with `auth` in the handshake
 * query, reconnects with backoff after every loss (except a rejected login and `close()`), re-joins its rooms,
 * and delivers every room message once and in order, catching up from the history after a reconnect.
 *
 * Requests made while not online wait for the next login, up to `offlineTimeout`; a request in flight when the
 * connection drops fails with `connectionLost` and is not retried (a `roomMessage` sent twice would be stored twice).
 * @throws TypeError (naming `@chat/client`) for an invalid option.
 * @example
 * import { createClient } from "@chat/client";
 *
 * const client = createClient({ url: "http://localhost:8000", transport: "ws", auth: { userName: "alice" } });
 * client.on("roomMessage", (room, message) => console.log(`${room} ${message.author}: ${String(message.textMessage)}`));
 * await client.ready;
 * await client.roomJoin("default");
 * const id = await client.roomMessage("default", { textMessage: "Hello!" });
 * await client.close();
 */
export function createClient(options: ClientOptions): ChatClient {
  const resolved = resolveClientOptions(options);
  const core = new ClientCore(resolved, resolved.transport === "ws" ? createWsLink : createSocketIoLink);
  const command = (name: CommandName, args: unknown[]): Promise<unknown> => {
    if (resolved.validateArguments) {
      const violation = validateCommandArguments(name, args, resolved.messageFormats);
      if (violation) return Promise.reject(new ChatClientError(violation.code, violation.args));
    }
    return core.request(name, args).then((results) => results[0]);
  };
  const methods: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const name of commandNames) methods[name] = (...args) => command(name, args);
  // The one cast: the loop above makes exactly the methods CommandMethods declares.
  return Object.assign(new Client(core), methods as CommandMethods);
}
