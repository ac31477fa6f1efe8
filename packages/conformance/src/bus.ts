/**
 * `describeBus`: the conformance suite every {@link Bus} adapter runs.
 * @module
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Bus, BusMessage } from "@chat/core";
import { Collector, nameGenerator } from "./helpers.js";

/** Buses connected to one another, as one cluster's instances would hold them. */
export interface ConnectedBuses {
  buses: Bus[];
  /** Closes the buses and whatever the factory created for them. */
  close(): Promise<void>;
}

/** Creates `count` connected buses for one test. */
export type BusFactory = (count: number) => Promise<ConnectedBuses>;

type CustomMessage = Extract<BusMessage, { kind: "custom" }>;

/**
 * Registers the bus conformance suite: delivery to every other subscriber, per-publisher order, subscribe and
 * unsubscribe timing, every message kind, binary values, and `close()` leaving other users of the bus alone.
 * Tests wait for the messages they expect; a missing message fails by the test timeout.
 * @param name the suite's title, e.g. the adapter's name.
 * @param makeBuses creates `count` buses connected to one another (for an in-process bus, the same object
 *   `count` times).
 * @example
 * import { memoryBus } from "@chat/core";
 * import { describeBus } from "@chat/conformance";
 *
 * describeBus("memoryBus", async (count) => {
 *   const bus = memoryBus();
 *   return { buses: Array.from({ length: count }, () => bus), close: () => bus.close() };
 * });
 */
export function describeBus(name: string, makeBuses: BusFactory): void {
  describe(`${name}: bus conformance`, () => {
    const unique = nameGenerator();
    let opened: ConnectedBuses[] = [];
    afterEach(async () => {
      const toClose = opened;
      opened = [];
      await Promise.all(toClose.map((buses) => buses.close()));
    });
    const connect = async (count: number): Promise<Bus[]> => {
      const connected = await makeBuses(count);
      opened.push(connected);
      return connected.buses;
    };

    /** A listener that keeps only this test's messages: those from origins it created. */
    const subscribe = async (bus: Bus, origins: Set<string>) => {
      const collector = new Collector<BusMessage>();
      const unsubscribe = await bus.subscribe((message) => {
        if (origins.has(message.origin)) collector.listener(message);
      });
      return { collector, unsubscribe };
    };
    const custom = (origin: string, event: string, ...args: unknown[]): CustomMessage => ({ kind: "custom", origin, event, args });
    const received = (collector: Collector<BusMessage>, event: string) =>
      collector.waitFor((items) => items.some((message) => message.kind === "custom" && message.event === event));

    it("delivers a publication to the subscribers of every other bus", async () => {
      const buses = await connect(3);
      const origin = unique("origin");
      const listeners = await Promise.all(buses.map((bus) => subscribe(bus, new Set([origin]))));
      const published = custom(origin, "hello", "text", 42, { nested: [true, null] });
      await buses[0]!.publish(published);
      for (const { collector } of listeners.slice(1)) {
        expect((await received(collector, "hello")).filter((m) => m.kind === "custom")).toEqual([published]);
      }
    });

    it("subscribe resolves only once the listener is receiving", async () => {
      const [publisher, subscriber] = await connect(2);
      const origin = unique("origin");
      const { collector } = await subscribe(subscriber!, new Set([origin]));
      // Published right after subscribe resolved, with no waiting in between: it must arrive.
      await publisher!.publish(custom(origin, "first"));
      await received(collector, "first");
    });

    it("delivers every message kind intact", async () => {
      const [publisher, subscriber] = await connect(2);
      const origin = unique("origin");
      const messages: BusMessage[] = [
        { kind: "emit", origin, channel: "room é", event: "roomMessage", args: ["room é", { textMessage: "hi", id: 1 }], except: "socket-1" },
        { kind: "emit", origin, channel: "echo:user", event: "roomJoinedEcho", args: ["room", "socket-2", 2] },
        { kind: "leaveChannel", origin, socketId: "socket-3", channel: "room", requestId: "r1" },
        { kind: "socketLeftChannel", origin, requestId: "r1" },
        { kind: "disconnectUser", origin, userName: "user 🙂" },
        custom(origin, "last", { deep: { list: [1, "two", null] } }),
      ];
      const { collector } = await subscribe(subscriber!, new Set([origin]));
      for (const message of messages) await publisher!.publish(message);
      expect(await received(collector, "last")).toEqual(messages);
    });

    it("keeps each publisher's order (500 messages from each of two publishers)", async () => {
      const buses = await connect(3);
      const [a, b] = [unique("origin"), unique("origin")];
      const { collector } = await subscribe(buses[2]!, new Set([a, b]));
      // Publish without awaiting in between: order is that of the calls.
      const publications: Promise<void>[] = [];
      for (let n = 0; n < 500; n++) {
        publications.push(buses[0]!.publish(custom(a, "seq", n)));
        publications.push(buses[1]!.publish(custom(b, "seq", n)));
      }
      await Promise.all(publications);
      const items = await collector.waitFor((all) => all.length >= 1000);
      const sequence = (origin: string) => items.filter((m) => m.origin === origin).map((m) => (m as CustomMessage).args[0]);
      const expected = Array.from({ length: 500 }, (_, n) => n);
      expect(sequence(a)).toEqual(expected);
      expect(sequence(b)).toEqual(expected);
    });

    it("stops delivering to a listener once it unsubscribed", async () => {
      const [publisher, subscriber] = await connect(2);
      const origin = unique("origin");
      const origins = new Set([origin]);
      const leaving = await subscribe(subscriber!, origins);
      const staying = await subscribe(subscriber!, origins);
      await publisher!.publish(custom(origin, "before"));
      await received(leaving.collector, "before");
      await leaving.unsubscribe();
      await publisher!.publish(custom(origin, "after"));
      await publisher!.publish(custom(origin, "marker"));
      // The staying listener got both later messages, so the leaving one would have had "after" by now.
      await received(staying.collector, "marker");
      expect(leaving.collector.items.map((m) => (m as CustomMessage).event)).toEqual(["before"]);
    });

    it("round-trips binary values (Buffer and Uint8Array) nested in args", async () => {
      const [publisher, subscriber] = await connect(2);
      const origin = unique("origin");
      const { collector } = await subscribe(subscriber!, new Set([origin]));
      const buffer = Buffer.from([0, 1, 2, 127, 128, 255]);
      const bytes = new Uint8Array([9, 8, 7]);
      const empty = Buffer.alloc(0);
      await publisher!.publish(custom(origin, "binary", buffer, { nested: [bytes, { empty }] }, "text", 1.5, null, true));
      const [message] = (await received(collector, "binary")) as CustomMessage[];
      const [gotBuffer, gotNested, ...rest] = message!.args as [Buffer, { nested: [Uint8Array, { empty: Buffer }] }, ...unknown[]];
      expect(Buffer.isBuffer(gotBuffer)).toBe(true);
      expect([...gotBuffer]).toEqual([...buffer]);
      const [gotBytes, { empty: gotEmpty }] = gotNested.nested;
      expect(gotBytes).toBeInstanceOf(Uint8Array);
      expect([...gotBytes]).toEqual([9, 8, 7]);
      expect(Buffer.isBuffer(gotEmpty)).toBe(true);
      expect(gotEmpty).toHaveLength(0);
      expect(rest).toEqual(["text", 1.5, null, true]);
    });

    it("closing one bus does not cut the others off", async () => {
      const buses = await connect(3);
      const origin = unique("origin");
      const closing = await subscribe(buses[0]!, new Set([origin]));
      const { collector } = await subscribe(buses[1]!, new Set([origin]));
      // What a service's close() does: unsubscribe, then close its bus.
      await closing.unsubscribe();
      await buses[0]!.close();
      await buses[2]!.publish(custom(origin, "still here"));
      await received(collector, "still here");
    });
  });
}
