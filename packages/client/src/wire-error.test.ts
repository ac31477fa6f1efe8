import { type ErrorArgs, type ErrorCode, formatErrorMessage } from "@chat/core/protocol";
import { describe, expect, it } from "vitest";
import { ChatClientError } from "./errors.js";
import { fromWireError, parseErrorText } from "./wire-error.js";

// One sample per code; `satisfies` fails the typecheck when a code is added without one.
const samples = {
  badArgument: [1, { textMessage: "x", y: [1, "two"] }],
  invalidName: ["a:b"],
  invalidSocket: ["/chat-service#abc"],
  noCommand: ["roomJump"],
  listLimitExceeded: ["whitelist"],
  noList: ["greylist"],
  noLogin: [],
  noRoom: ["room with spaces"],
  noSocket: ["connection"],
  noUser: ["bob"],
  noUserOnline: ["bob"],
  notAllowed: [],
  notJoined: ["r"],
  roomExists: ["r"],
  timeout: [],
  userExists: ["u"],
  userOnline: ["u"],
  wrongArgumentsCount: [2, 1],
} satisfies { [C in Exclude<ErrorCode, "internalError">]: ErrorArgs[C] };

describe("fromWireError", () => {
  it.each(Object.entries(samples))("parses the 1.0 string form of %s back into code and arguments", (code, args) => {
    const text = `ChatServiceError: ${formatErrorMessage(code, args)}`;
    const error = parseErrorText(text);
    expect(error).toBeInstanceOf(ChatClientError);
    expect({ code: error.code, args: error.args }).toEqual({ code, args });
    expect(error.message).toBe(formatErrorMessage(code, args));
    // The object form gives the same error.
    const fromObject = fromWireError({ name: "ChatServiceError", code, args });
    expect({ code: fromObject.code, args: fromObject.args, message: fromObject.message }).toEqual({ code, args, message: error.message });
  });

  it("tells noUser from noUserOnline, and keeps JSON values of badArgument", () => {
    expect(parseErrorText("ChatServiceError: No such user online bob")).toMatchObject({ code: "noUserOnline", args: ["bob"] });
    expect(parseErrorText("ChatServiceError: No such user online")).toMatchObject({ code: "noUser", args: ["online"] });
    expect(parseErrorText("ChatServiceError: Bad argument at position 0, value undefined")).toMatchObject({ code: "badArgument", args: [0, undefined] });
  });

  it("calls everything that is not a service error an internalError, keeping its text", () => {
    expect(fromWireError("Error: boom")).toMatchObject({ code: "internalError", args: ["Error: boom"], message: "Error: boom" });
    expect(fromWireError("ChatServiceError: myOwnCode")).toMatchObject({ code: "internalError", args: ["myOwnCode"] });
    expect(fromWireError({ name: "ChatServiceError", code: "myOwnCode", args: [1] })).toMatchObject({ code: "internalError", args: ["ChatServiceError: myOwnCode"] });
    expect(fromWireError({ name: "ChatServiceError", code: "internalError", args: ["Error: x"] })).toMatchObject({ code: "internalError", args: ["Error: x"] });
    expect(fromWireError(42)).toMatchObject({ code: "internalError", args: ["42"] });
  });
});
