/** SDK clients with test-sized timings, closed by `closeClients()`, and their events recorded. */
import { Collector } from "@chat/conformance";
import { ChatClientError, createClient, type ChatClient, type ClientOptions, type HistoryGap, type RoomMessage, type TransportName } from "../../src/index.js";

const open = new Set<ChatClient>();

/** What a test client recorded. */
export interface Recorded {
  messages: Collector<[room: string, message: RoomMessage]>;
  gaps: Collector<[room: string, gap: HistoryGap]>;
  states: Collector<string>;
  logins: Collector<{ reconnected: boolean; id: string }>;
  errors: Collector<Error>;
}

/** A client of `url` logged in as `userName`, with short backoff so that reconnects take milliseconds. */
export function testClient(
  transport: TransportName,
  url: string,
  userName: string,
  options: Partial<ClientOptions> = {},
): { client: ChatClient; recorded: Recorded } {
  const client = createClient({
    url,
    transport,
    auth: { userName },
    reconnect: { initialDelay: 20, maxDelay: 200, factor: 2 },
    connectTimeout: 2_000,
    ...options,
  });
  open.add(client);
  const recorded: Recorded = {
    messages: new Collector(),
    gaps: new Collector(),
    states: new Collector(),
    logins: new Collector(),
    errors: new Collector(),
  };
  client.on("roomMessage", (room, message) => recorded.messages.listener([room, message]));
  client.on("historyGap", (room, gap) => recorded.gaps.listener([room, gap]));
  client.on("state", (state) => recorded.states.listener(state));
  client.on("login", (_user, authData, { reconnected }) => recorded.logins.listener({ reconnected, id: authData.id }));
  client.on("error", (error) => recorded.errors.listener(error));
  return { client, recorded };
}

/** Ids of the messages a client delivered for `room`, in delivery order. */
export function idsIn(recorded: Recorded, room: string): number[] {
  return recorded.messages.items.filter(([name]) => name === room).map(([, message]) => message.id);
}

/** Waits until the client delivered message `id` of `room`. */
export function delivered(recorded: Recorded, room: string, id: number): Promise<unknown> {
  return recorded.messages.waitFor((items) => items.some(([name, message]) => name === room && message.id >= id));
}

/** 1..n */
export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);
}

export async function closeClients(): Promise<void> {
  await Promise.all([...open].map((client) => client.close()));
  open.clear();
}

/** The ChatClientError `promise` rejects with; fails the test if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<ChatClientError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ChatClientError)) throw new Error(`expected a ChatClientError, got ${String(error)}`);
  return error;
}
