import { describe, expect, it } from "vitest";
import { commandArguments, commandNames, isCommandName, isValidName, validateCommandArguments } from "../src/protocol/index.js";

describe("validateCommandArguments", () => {
  it("knows the 24 commands, and nothing inherited", () => {
    expect(commandNames).toHaveLength(24);
    expect(isCommandName("toString")).toBe(false);
    expect(isCommandName("__proto__")).toBe(false);
  });

  it("counts arguments and lets extra ones through", () => {
    expect(validateCommandArguments("roomJoin", [])).toEqual({ code: "wrongArgumentsCount", args: [1, 0] });
    expect(validateCommandArguments("roomJoin", ["r", "extra"])).toBeUndefined();
    expect(validateCommandArguments("systemMessage", [])).toEqual({ code: "wrongArgumentsCount", args: [1, 0] });
    expect(validateCommandArguments("systemMessage", [undefined])).toBeUndefined();
  });

  it("checks positions in order", () => {
    expect(validateCommandArguments("roomAddToList", [1, 2, 3])).toEqual({ code: "badArgument", args: [0, 1] });
    expect(validateCommandArguments("roomAddToList", ["r", "whitelist", ["a", 1]])).toEqual({ code: "badArgument", args: [2, ["a", 1]] });
    expect(validateCommandArguments("roomCreate", ["r", "true"])).toEqual({ code: "badArgument", args: [1, "true"] });
  });

  it("refuses fractional, negative and unsafe ids and limits", () => {
    expect(validateCommandArguments("roomHistoryGet", ["r", 0, 1])).toBeUndefined();
    for (const id of [-1, 0.5, Number.NaN, Infinity, 2 ** 53, "1"]) {
      expect(validateCommandArguments("roomHistoryGet", ["r", id, 1])).toEqual({ code: "badArgument", args: [1, id] });
    }
    expect(validateCommandArguments("roomHistoryGet", ["r", 0, 0])).toEqual({ code: "badArgument", args: [2, 0] });
  });

  it("accepts only { textMessage: string } unless a checker allows plain objects", () => {
    expect(validateCommandArguments("roomMessage", ["r", { textMessage: "hi" }])).toBeUndefined();
    for (const bad of [{ textMessage: "x", y: 1 }, { textMessage: 1 }, "hi", null, [], new Date()]) {
      expect(validateCommandArguments("roomMessage", ["r", bad])).toEqual({ code: "badArgument", args: [1, bad] });
    }
    expect(validateCommandArguments("roomMessage", ["r", { any: 1 }], { customRoomMessages: true })).toBeUndefined();
    expect(validateCommandArguments("roomMessage", ["r", []], { customRoomMessages: true })).toMatchObject({ code: "badArgument" });
    expect(validateCommandArguments("directMessage", ["u", { any: 1 }], { customRoomMessages: true })).toMatchObject({ code: "badArgument" });
  });

  it("has one kind per position of every command", () => {
    expect(commandArguments.roomHistoryGet).toEqual(["string", "id", "limit"]);
  });
});

describe("isValidName", () => {
  it("refuses control characters, DEL, colon, braces and the empty string only", () => {
    for (const good of ["a", "a b", "#room/1", "%", "ünï", "🙂"]) expect(isValidName(good)).toBe(true);
    for (const bad of ["", "a:b", "{a}", "a\u0000", "\u001f", "\u007f", 42, null]) expect(isValidName(bad)).toBe(false);
  });
});
