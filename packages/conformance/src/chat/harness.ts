/**
 * What the chat-behaviour suites drive: a running service and real clients of some transport. Each transport's
 * tests implement {@link ChatHarness} once (a socket.io client, a ws client, …); the suites stay the same.
 * @module
 */
import { formatErrorMessage, type ChatService, type ChatServiceOptions, type CommandName, type Hooks, type ServerEvents } from "@chat/core";
import { expect } from "vitest";

/** An error as a client saw it: the 1.0 string form always; code and args when the transport carries them. */
export interface ErrorView {
  text: string;
  code?: string;
  args?: unknown[];
}

/** A reply as a client saw it. */
export interface ReplyView {
  error: ErrorView | null;
  /** The values after the error slot: `[result]`, or several with a hook's override. */
  results: unknown[];
}

/** One connected, logged-in client. */
export interface TestClient {
  /** The socket id the server confirmed at login. */
  readonly id: string;
  readonly userName: string;
  /** The `authData` of `loginConfirmed`. */
  readonly authData: Record<string, unknown>;
  /** Sends a request and waits for its reply. */
  request(command: CommandName | (string & {}), ...args: unknown[]): Promise<ReplyView>;
  /** Sends a request without asking for a reply. */
  send(command: CommandName | (string & {}), ...args: unknown[]): void;
  /** Every notification received so far, in order, as `[event, ...args]`. */
  readonly received: readonly [string, ...unknown[]][];
  /** Waits for the next notification named `event` not yet returned by an earlier `next` call. */
  next<E extends keyof ServerEvents>(event: E): Promise<ServerEvents[E]>;
  next(event: string): Promise<unknown[]>;
  /** Notifications named `event` received so far. */
  all(event: string): unknown[][];
  /** Closes the connection from the client side and waits until the server has cleaned it up. */
  disconnect(): Promise<void>;
  /**
   * Resolves when the connection ends, with a reason in socket.io's words, which other harnesses translate:
   * `"io server disconnect"` when the server disconnected the client on purpose, `"io client disconnect"` when the
   * client closed it, anything else otherwise.
   */
  readonly disconnected: Promise<string>;
}

/** A login that the server refused. */
export interface RejectedLogin {
  error: ErrorView;
  /** Resolves when the server has disconnected the socket, with a reason as {@link TestClient.disconnected} gives it. */
  disconnected: Promise<string>;
}

/** A connection whose login has not completed yet: what it sends before `loginConfirmed` must be ignored. */
export interface PendingClient {
  /** Sends a request without asking for a reply. */
  send(command: CommandName | (string & {}), ...args: unknown[]): void;
  /** Sends a request asking for a reply; resolves with it, or never if the server ignores the request. */
  request(command: CommandName | (string & {}), ...args: unknown[]): Promise<ReplyView>;
  /** Resolves with the arguments of `loginConfirmed` (never, if the login is rejected). */
  readonly loginConfirmed: Promise<[userName: string, authData: Record<string, unknown>]>;
  /** Closes the connection from the client side. */
  close(): void;
}

/** A running service with a way to connect clients to it. */
export interface TestServer {
  readonly service: ChatService;
  /** Connects and logs in (the harness's `onConnect` reads `userName` from the handshake query). */
  connect(userName: string, query?: Record<string, string>): Promise<TestClient>;
  /** Connects expecting `loginRejected`. */
  connectRejected(query: Record<string, string>): Promise<RejectedLogin>;
  /**
   * Waits until every notification the server sent to `client` before this call has arrived: the server sends a
   * marker after them on the same connection. Use it to assert that something was NOT received.
   */
  fence(client: TestClient): Promise<void>;
  /**
   * Opens a connection with this handshake query and resolves once the transport connection is open, without
   * waiting for the login, so that a test can send requests while `onConnect` is still running.
   */
  openPending(query: Record<string, string>): Promise<PendingClient>;
  /**
   * Resolves once the transport has handed `count` requests of socket `socketId` to the service (answered or
   * not). Harnesses get it from `spyOnRequests`.
   */
  requestsArrived(socketId: string, count: number): Promise<void>;
}

/**
 * Starts a service with these options (the harness supplies store and transports) and hooks. If `hooks` has no
 * `onConnect`, the harness logs in with the handshake query's `userName`. Servers are closed after each test.
 */
export type ChatHarness = (options?: Omit<ChatServiceOptions, "store" | "transports" | "bus">, hooks?: Hooks) => Promise<TestServer>;

/** Asserts a reply is the given service error, in the 1.0 string form and, where carried, as code and args. */
export function expectError(reply: ReplyView, code: string, ...args: unknown[]): void {
  expect(reply.error, `expected ${code}, got results ${JSON.stringify(reply.results)}`).not.toBeNull();
  expect(reply.error!.text).toBe(`ChatServiceError: ${formatErrorMessage(code, args)}`);
  if (reply.error!.code !== undefined) {
    expect(reply.error!.code).toBe(code);
    expect(reply.error!.args).toEqual(args);
  }
}

/**
 * Asserts a reply is an error that was not a service error (a hook's plain `Error`, say). chat-service 1.0 sends
 * it as its own string (`"Error: boom"`); a transport whose frames carry only error objects (ws) sends
 * `internalError(text)`, as socket.io does with `useRawErrorObjects`.
 */
export function expectPlainError(reply: ReplyView, text: string): void {
  expect(reply.error, `expected the error ${text}, got results ${JSON.stringify(reply.results)}`).not.toBeNull();
  if (reply.error!.code === undefined) expect(reply.error).toEqual({ text });
  else expectError(reply, "internalError", text);
}

/** Asserts a reply succeeded and returns its first value. */
export function expectResult(reply: ReplyView): unknown {
  expect(reply.error, `unexpected error ${reply.error?.text}`).toBeNull();
  return reply.results[0];
}

/** Asserts that `client` got no notification named `event` (with these leading args, if given) so far. */
export async function expectNone(server: TestServer, client: TestClient, event: string, ...leadingArgs: unknown[]): Promise<void> {
  await server.fence(client);
  const matching = client.all(event).filter((args) => leadingArgs.every((value, index) => Object.is(args[index], value) || JSON.stringify(args[index]) === JSON.stringify(value)));
  expect(matching, `${client.userName} (${client.id}) must not receive ${event}`).toEqual([]);
}
