/**
 * Type tests, checked by `tsc --noEmit` (the package's typecheck): correct usages compile, and each wrong one is
 * marked `@ts-expect-error`, so the typecheck fails the day it compiles.
 */
import type { AuthData, HistoryInfo, RoomMessage, SocketsInfo } from "@chat/core/protocol";
import { expectTypeOf } from "vitest";
import { ChatClientError, createClient, isChatClientError, type ChatClient, type ClientState, type HistoryGap, type LoginInfo } from "../src/index.js";

declare const client: ChatClient;

// Construction.
expectTypeOf(createClient({ url: "http://localhost:8000", transport: "ws", auth: { userName: "alice" } })).toEqualTypeOf<ChatClient>();
createClient({ url: "http://localhost:8000", auth: async () => ({ token: "t" }), reconnect: false });
// @ts-expect-error: the transport is "ws" or "socket.io"
createClient({ url: "http://localhost:8000", transport: "tcp" });
// @ts-expect-error: query values are strings
createClient({ url: "http://localhost:8000", auth: { userId: 42 } });
// @ts-expect-error: url is required
createClient({ transport: "ws" });

// Commands: arguments and results from Commands.
expectTypeOf(client.roomMessage("r", { textMessage: "hi" })).toEqualTypeOf<Promise<number>>();
expectTypeOf(client.roomJoin("r")).toEqualTypeOf<Promise<number>>();
expectTypeOf(client.roomHistoryGet("r", 0, 10)).toEqualTypeOf<Promise<RoomMessage[]>>();
expectTypeOf(client.roomHistoryInfo("r")).toEqualTypeOf<Promise<HistoryInfo>>();
expectTypeOf(client.listOwnSockets()).toEqualTypeOf<Promise<SocketsInfo>>();
expectTypeOf(client.roomGetOwner("r")).toEqualTypeOf<Promise<string | null>>();
expectTypeOf(client.directSetWhitelistMode(true)).toEqualTypeOf<Promise<null>>();
expectTypeOf(client.request("custom", 1, "two")).toEqualTypeOf<Promise<unknown[]>>();
expectTypeOf(client.ready).toEqualTypeOf<Promise<LoginInfo>>();
expectTypeOf(client.state).toEqualTypeOf<ClientState>();

// @ts-expect-error: no such command
void client.roomJoinAll("r");
// @ts-expect-error: missing argument
void client.roomJoin();
// @ts-expect-error: too many arguments
void client.roomJoin("r", "extra");
// @ts-expect-error: a room name is a string
void client.roomJoin(42);
// @ts-expect-error: ids are numbers
void client.roomHistoryGet("r", "0", 10);
// @ts-expect-error: "userlist" cannot be edited
void client.roomAddToList("r", "userlist", ["bob"]);
// @ts-expect-error: the result is a number, not a string
const wrongResult: Promise<string> = client.roomMessage("r", { textMessage: "hi" });
void wrongResult;

// Events: server notifications and the SDK's own, with their payloads.
client.on("roomMessage", (room, message) => {
  expectTypeOf(room).toEqualTypeOf<string>();
  expectTypeOf(message).toEqualTypeOf<RoomMessage>();
  expectTypeOf(message.id).toEqualTypeOf<number>();
});
client.on("login", (userName, authData, details) => {
  expectTypeOf(userName).toEqualTypeOf<string>();
  expectTypeOf(authData).toEqualTypeOf<AuthData>();
  expectTypeOf(details).toEqualTypeOf<{ reconnected: boolean }>();
});
client.on("historyGap", (room, gap) => {
  expectTypeOf(room).toEqualTypeOf<string>();
  expectTypeOf(gap).toEqualTypeOf<HistoryGap>();
});
client.on("loginRejected", (error) => expectTypeOf(error).toEqualTypeOf<ChatClientError>());
client.on("rejoinFailed", (_room, error) => expectTypeOf(error).toEqualTypeOf<ChatClientError>());
client.on("state", (state) => expectTypeOf(state).toEqualTypeOf<ClientState>());
client.once("roomUserJoined", (room, userName) => expectTypeOf<[typeof room, typeof userName]>().toEqualTypeOf<[string, string]>());
client.off("disconnect", (reason: string) => void reason);
expectTypeOf(client.on("systemMessage", () => {})).toEqualTypeOf<ChatClient>();

// @ts-expect-error: no such event
client.on("roomMesage", () => {});
// @ts-expect-error: loginConfirmed is the SDK's `login`
client.on("loginConfirmed", () => {});
// @ts-expect-error: the room name is a string
client.on("roomMessage", (room: number) => void room);
// @ts-expect-error: a gap is { from, to }, not a number
client.on("historyGap", (_room: string, gap: number) => void gap);
// @ts-expect-error: the state is not a number
client.on("state", (state: number) => void state);

// Errors: the guard narrows the code, and `args` with it.
declare const caught: unknown;
if (isChatClientError(caught, "noRoom")) {
  expectTypeOf(caught.code).toEqualTypeOf<"noRoom">();
  expectTypeOf(caught.args).toEqualTypeOf<[roomName: string]>();
}
if (isChatClientError(caught, "wrongArgumentsCount", "requestTimeout")) {
  expectTypeOf(caught.code).toEqualTypeOf<"wrongArgumentsCount" | "requestTimeout">();
}
if (isChatClientError(caught)) {
  // @ts-expect-error: not a code
  if (caught.code === "noSuchCode") void caught;
}
// @ts-expect-error: not a code
isChatClientError(caught, "noSuchCode");
new ChatClientError("requestTimeout", ["roomJoin", 100]);
// @ts-expect-error: requestTimeout carries the command and the timeout
new ChatClientError("requestTimeout", ["roomJoin"]);
