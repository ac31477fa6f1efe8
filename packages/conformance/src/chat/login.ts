/**
 * Login sequence (PROTOCOL.md §4.1) and the quickstart scenario.
 * @module
 */
import { describe, expect, it } from "vitest";
import { expectError, expectNone, expectResult, type ChatHarness } from "./harness.js";

export function describeLogin(harness: ChatHarness): void {
  describe("login", () => {
    it("confirms with the user name and authData carrying the socket id", async () => {
      const server = await harness();
      const alice = await server.connect("alice");
      expect(alice.authData).toEqual({ id: alice.id });
      expect(await server.service.hasUser("alice")).toBe(true);
    });

    it("passes authData from onConnect, overwriting its id", async () => {
      const server = await harness({}, { onConnect: () => ["bob", { role: "admin", id: "forged" }] });
      const bob = await server.connect("bob");
      expect(bob.authData).toEqual({ role: "admin", id: bob.id });
    });

    it("quickstart: join default, send Hello!, receive it with author, timestamp and id 1, ack (null, 1)", async () => {
      const server = await harness();
      await server.service.addRoom("default", { owner: "admin" });
      const alice = await server.connect("alice");
      expect(expectResult(await alice.request("roomJoin", "default"))).toBe(1);
      const before = Date.now();
      const reply = await alice.request("roomMessage", "default", { textMessage: "Hello!" });
      expect(reply).toEqual({ error: null, results: [1] });
      const [room, message] = await alice.next("roomMessage");
      expect(room).toBe("default");
      expect(message).toEqual({ textMessage: "Hello!", author: "alice", timestamp: expect.any(Number), id: 1 });
      expect(message.timestamp).toBeGreaterThanOrEqual(before);
    });

    it("rejects a missing user name with noLogin and disconnects", async () => {
      const server = await harness();
      const rejected = await server.connectRejected({});
      expect(rejected.error.text).toBe("ChatServiceError: No login provided");
      expect(await rejected.disconnected).toBe("io server disconnect");
    });

    it("rejects an invalid user name with invalidName", async () => {
      const server = await harness();
      const rejected = await server.connectRejected({ userName: "a:b" });
      expect(rejected.error.text).toBe("ChatServiceError: String a:b contains invalid characters");
    });

    it("rejects a non-string user name from onConnect with invalidName", async () => {
      const server = await harness({}, { onConnect: () => 42 });
      const rejected = await server.connectRejected({ userName: "x" });
      expect(rejected.error.text).toBe("ChatServiceError: String 42 contains invalid characters");
    });

    it("rejects with the onConnect hook's error, and leaves no trace in the state", async () => {
      const server = await harness({}, { onConnect: () => Promise.reject(new Error("bad token")) });
      const rejected = await server.connectRejected({ userName: "mallory" });
      expect(rejected.error.text).toBe("Error: bad token");
      expect(await server.service.hasUser("mallory")).toBe(false);
    });

    it("rejects non-object authData without registering the socket or echoing it", async () => {
      let calls = 0;
      const server = await harness({}, { onConnect: (_s, id) => (++calls === 1 ? "carol" : ["carol", "not an object"]) });
      const first = await server.connect("carol");
      const rejected = await server.connectRejected({ userName: "carol" });
      expect(rejected.error.text).toBe("ChatServiceError: onConnect authData must be an object");
      await expectNone(server, first, "socketConnectEcho");
      await expectNone(server, first, "socketDisconnectEcho");
      expect(Object.keys(expectResult(await first.request("listOwnSockets")) as object)).toEqual([first.id]);
    });

    it("tells the user's other sockets with socketConnectEcho and socketDisconnectEcho", async () => {
      const server = await harness();
      const one = await server.connect("dave");
      const two = await server.connect("dave");
      expect(await one.next("socketConnectEcho")).toEqual([two.id, 2]);
      await expectNone(server, two, "socketConnectEcho");
      await two.disconnect();
      expect(await one.next("socketDisconnectEcho")).toEqual([two.id, 1]);
    });

    it("answers errors as objects with useRawErrorObjects", async () => {
      const server = await harness({ useRawErrorObjects: true });
      const alice = await server.connect("alice");
      const reply = await alice.request("roomJoin", "nowhere");
      expectError(reply, "noRoom", "nowhere");
      expect(reply.error!.code).toBe("noRoom");
    });
  });
}
