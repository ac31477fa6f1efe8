import { describe, expect, it } from "vitest";
import { ChatServiceError, formatErrorMessage, toPublicError, markApplicationError } from "../src/index.js";

describe("ChatServiceError", () => {
  it("renders 1.0's strings", () => {
    expect(String(new ChatServiceError("noRoom", "room1"))).toBe("ChatServiceError: No such room room1");
    expect(String(new ChatServiceError("badArgument", 1, { textMessage: "x", y: 1 }))).toBe(
      'ChatServiceError: Bad argument at position 1, value {"textMessage":"x","y":1}',
    );
    expect(String(new ChatServiceError("badArgument", 1, -1))).toBe("ChatServiceError: Bad argument at position 1, value -1");
    expect(String(new ChatServiceError("wrongArgumentsCount", 2, 1))).toBe("ChatServiceError: Expected 2 arguments, got 1");
    expect(String(new ChatServiceError("invalidName", "a:b"))).toBe("ChatServiceError: String a:b contains invalid characters");
    expect(String(new ChatServiceError("noRoom"))).toBe("ChatServiceError: No such room %s");
    expect(String(new ChatServiceError("notAllowed", "extra"))).toBe("ChatServiceError: Action is not allowed extra");
    expect(String(new ChatServiceError("myCode", 1, 2))).toBe("ChatServiceError: myCode");
  });

  it("serialises to exactly name, code and args, and is an Error", () => {
    const error = new ChatServiceError("noUser", "bob");
    expect(JSON.stringify(error)).toBe('{"name":"ChatServiceError","code":"noUser","args":["bob"]}');
    expect(error).toBeInstanceOf(Error);
    expect(Object.keys(error)).toEqual(["name", "code", "args"]);
  });

  it("lets subclasses add codes and fields", () => {
    class MyError extends ChatServiceError {
      override get codeToFormat() {
        return { ...super.codeToFormat, quotaExceeded: "Quota of %d exceeded" };
      }
    }
    const error = new MyError("quotaExceeded", 5);
    expect(error).toBeInstanceOf(ChatServiceError);
    expect(String(error)).toBe("ChatServiceError: Quota of 5 exceeded");
  });

  it("has a browser-safe formatter agreeing with util.format on the 1.0 examples", () => {
    for (const [code, args] of [
      ["noRoom", ["r"]],
      ["badArgument", [0, [1, "a"]]],
      ["wrongArgumentsCount", [3, 0]],
      ["noLogin", []],
      ["noRoom", []],
    ] as const) {
      expect(`ChatServiceError: ${formatErrorMessage(code, args)}`).toBe(String(new ChatServiceError(code, ...args)));
    }
  });
});

describe("toPublicError", () => {
  it("keeps service errors, shows application errors, hides internal failures", () => {
    expect(toPublicError(new ChatServiceError("notAllowed")).text).toBe("ChatServiceError: Action is not allowed");
    expect(toPublicError(markApplicationError(new Error("boom"))).text).toBe("Error: boom");
    expect(toPublicError(markApplicationError(new Error("boom"))).object).toMatchObject({ code: "internalError", args: ["Error: boom"] });
    expect(toPublicError("plain").text).toBe("plain");
    const hidden = toPublicError(new Error("ECONNREFUSED 10.0.0.1:6379"));
    expect(hidden.text).toBe("ChatServiceError: Internal server error");
    expect(JSON.stringify(hidden.object)).not.toContain("ECONNREFUSED");
  });
});
