import { afterEach, describe, expect, it, vi } from "vitest";
import { RoomMessageOrder } from "../src/room-message-order.js";

describe("RoomMessageOrder", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const recorder = () => {
    const delivered: number[] = [];
    return { delivered, send: (id: number) => () => delivered.push(id) };
  };

  it("delivers messages that arrive out of order in id order", () => {
    const order = new RoomMessageOrder(1000);
    const { delivered, send } = recorder();
    order.start("lobby", 0);
    for (const id of [2, 3, 1, 5, 4]) order.deliver("lobby", id, send(id));
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
  });

  it("keeps rooms apart", () => {
    const order = new RoomMessageOrder(1000);
    const { delivered, send } = recorder();
    order.start("a", 0);
    order.start("b", 10);
    order.deliver("a", 2, send(2));
    order.deliver("b", 11, send(11));
    order.deliver("a", 1, send(1));
    expect(delivered).toEqual([11, 1, 2]);
  });

  it("gives up on a missing id after the gap timeout, and still delivers it if it comes late", () => {
    vi.useFakeTimers();
    const order = new RoomMessageOrder(1000);
    const { delivered, send } = recorder();
    order.start("lobby", 0);
    order.deliver("lobby", 1, send(1));
    order.deliver("lobby", 3, send(3));
    order.deliver("lobby", 4, send(4));
    vi.advanceTimersByTime(999);
    expect(delivered).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(delivered).toEqual([1, 3, 4]);
    order.deliver("lobby", 2, send(2));
    order.deliver("lobby", 5, send(5));
    expect(delivered).toEqual([1, 3, 4, 2, 5]);
  });

  it("starts following an untracked room at the first id it sees", () => {
    const order = new RoomMessageOrder(1000);
    const { delivered, send } = recorder();
    order.deliver("lobby", 7, send(7));
    order.deliver("lobby", 9, send(9));
    order.deliver("lobby", 8, send(8));
    expect(delivered).toEqual([7, 8, 9]);
    expect(order.isTracked("lobby")).toBe(true);
    order.start("lobby", 100); // already followed: no effect
    order.deliver("lobby", 10, send(10));
    expect(delivered).toEqual([7, 8, 9, 10]);
  });

  it("restarts at id 1: a room deleted and created again", () => {
    const order = new RoomMessageOrder(1000);
    const { delivered, send } = recorder();
    order.start("lobby", 41);
    order.deliver("lobby", 42, send(42));
    order.deliver("lobby", 1, send(1));
    order.deliver("lobby", 2, send(2));
    expect(delivered).toEqual([42, 1, 2]);
  });

  it("close stops pending gap timers", () => {
    vi.useFakeTimers();
    const order = new RoomMessageOrder(1000);
    const { delivered, send } = recorder();
    order.start("lobby", 0);
    order.deliver("lobby", 2, send(2));
    order.close();
    vi.advanceTimersByTime(5000);
    expect(delivered).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("RoomMessageOrder after an outage", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("skips many missing ids after one gap timeout, not one timeout per missing id", () => {
    vi.useFakeTimers();
    const order = new RoomMessageOrder(1000);
    const delivered: number[] = [];
    order.start("lobby", 0);
    // Ids 1, 3, 5, … 19 never arrive (published while this instance's subscriber was away).
    for (let id = 2; id <= 20; id += 2) order.deliver("lobby", id, () => delivered.push(id));
    expect(delivered).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(delivered).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    order.deliver("lobby", 21, () => delivered.push(21));
    expect(delivered.at(-1)).toBe(21);
  });

  it("holds a message that arrived later for its own full gap timeout", () => {
    vi.useFakeTimers();
    const order = new RoomMessageOrder(1000);
    const delivered: number[] = [];
    order.start("lobby", 0);
    order.deliver("lobby", 2, () => delivered.push(2));
    vi.advanceTimersByTime(600);
    order.deliver("lobby", 4, () => delivered.push(4));
    vi.advanceTimersByTime(400); // 2 has waited 1000 ms; 4 only 400
    expect(delivered).toEqual([2]);
    order.deliver("lobby", 3, () => delivered.push(3));
    expect(delivered).toEqual([2, 3, 4]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("lets the messages of a room nobody here is in straight through, without a record", () => {
    const members = new Set(["lobby"]);
    const order = new RoomMessageOrder(1000, (room) => members.has(room));
    const delivered: string[] = [];
    order.deliver("elsewhere", 5, () => delivered.push("elsewhere 5"));
    order.deliver("elsewhere", 3, () => delivered.push("elsewhere 3"));
    order.deliver("lobby", 2, () => delivered.push("lobby 2"));
    order.deliver("lobby", 1, () => delivered.push("lobby 1"));
    expect(delivered).toEqual(["elsewhere 5", "elsewhere 3", "lobby 2", "lobby 1"]);
    expect(order.followedRooms).toBe(1);
    expect(order.isTracked("elsewhere")).toBe(false);
  });

  it("drops the records of rooms nobody here is in any more as records grow, never one that holds a message", () => {
    vi.useFakeTimers();
    const members = new Set(["lobby", "waiting"]);
    const order = new RoomMessageOrder(1000, (room) => members.has(room));
    const delivered: string[] = [];
    order.start("lobby", 0);
    order.start("waiting", 0);
    order.deliver("waiting", 2, () => delivered.push("waiting 2")); // held: 1 is missing
    members.delete("waiting");
    // Ephemeral rooms: joined, one message, left.
    for (let k = 0; k < 1000; k++) {
      const room = `room ${k}`;
      members.add(room);
      order.start(room, 0);
      order.deliver(room, 1, () => {});
      members.delete(room);
      expect(order.followedRooms).toBeLessThanOrEqual(128);
    }
    expect(order.isTracked("lobby")).toBe(true);
    expect(order.isTracked("waiting")).toBe(true);
    // The followed room still orders its messages.
    order.deliver("lobby", 2, () => delivered.push("lobby 2"));
    order.deliver("lobby", 1, () => delivered.push("lobby 1"));
    expect(delivered).toEqual(["lobby 1", "lobby 2"]);
    // Once its held message has gone out, the room nobody is in is dropped by a later sweep.
    vi.advanceTimersByTime(1000);
    expect(delivered).toEqual(["lobby 1", "lobby 2", "waiting 2"]);
    for (let k = 0; k < 200; k++) {
      members.add(`more ${k}`);
      order.start(`more ${k}`, 0);
      members.delete(`more ${k}`);
    }
    expect(order.isTracked("waiting")).toBe(false);
    expect(order.isTracked("lobby")).toBe(true);
  });
});
