/**
 * A second tab of the same user stays in sync, and a page whose network is cut catches up when it comes back:
 * every message sent meanwhile shows up once, in order.
 */
import { expect, it } from "vitest";
import { createRoom, eventually, joinRoom, send, screenshot, shownMessages } from "./helpers/browser.js";
import { startCutProxy } from "./helpers/cut-proxy.js";
import { setUp } from "./helpers/users.js";

const setup = setUp();

it("a second tab of the same user mirrors a join, room messages and sent direct messages", async () => {
  const first = await setup.user("alice");
  const second = await setup.secondTab(first, "alice");
  const bob = await setup.user("bob");

  await joinRoom(first, "random", "alice");
  // roomJoinedEcho: the other tab joins too.
  await eventually(() => second.getByTestId("room-random").getAttribute("data-joined"), "true");
  await joinRoom(bob, "random", "bob");
  await send(first, "sent from the first tab");
  await eventually(() => second.getByTestId("room-unread-random").textContent(), "1");
  await second.getByTestId("room-open-random").click();
  await eventually(() => shownMessages(second), ["alice (you): sent from the first tab"]);
  await eventually(() => shownMessages(bob), ["alice: sent from the first tab"]);

  // directMessageEcho: a direct message sent in one tab shows in the other.
  await first.getByTestId("dm-peer-input").fill("bob");
  await first.getByTestId("dm-open").click();
  await first.getByTestId("dm-input").fill("hello from tab one");
  await first.getByTestId("dm-send").click();
  await second.getByTestId("dm-peer-bob").click();
  await eventually(() => shownMessages(second, "dm-messages"), ["alice (you): hello from tab one"]);
  await screenshot(second, "second-tab");

  // roomLeftEcho from a leave: the other tab leaves too.
  await first.getByTestId("room-leave-random").click();
  await eventually(() => second.getByTestId("room-random").getAttribute("data-joined"), "false");
});

it("closing one tab does not make the other leave its rooms", async () => {
  const first = await setup.user("carol");
  const second = await setup.secondTab(first, "carol");
  await joinRoom(first, "default", "carol");
  await eventually(() => second.getByTestId("room-default").getAttribute("data-joined"), "true");
  await first.close();
  // The disconnect also sends roomLeftEcho; give it time to arrive, then check the second tab is still in.
  const bob = await setup.user("bob");
  await joinRoom(bob, "default", "bob");
  await send(bob, "still there, carol?");
  await second.getByTestId("room-open-default").click();
  await eventually(() => shownMessages(second), ["bob: still there, carol?"]);
  expect(await second.getByTestId("room-default").getAttribute("data-joined")).toBe("true");
});

it("after a network cut the page shows what was sent meanwhile, once and in order", async () => {
  const proxy = await startCutProxy(setup.server.port);
  try {
    const alice = await setup.user("alice");
    const bob = await setup.user("bob", proxy.origin);
    await createRoom(alice, "outage");
    await joinRoom(bob, "outage", "bob");
    await send(alice, "before the cut");
    await eventually(() => shownMessages(bob), ["alice: before the cut"]);

    proxy.cut();
    await bob.locator("[data-testid=connection-status][data-state=reconnecting]").waitFor();
    await alice.getByTestId("members").locator('[data-name="bob"]').waitFor({ state: "detached" });
    for (const n of [1, 2, 3, 4, 5]) await send(alice, `while bob is offline ${n}`);
    await eventually(async () => (await shownMessages(alice)).length, 6);
    await screenshot(bob, "offline");

    proxy.restore();
    await bob.locator("[data-testid=connection-status][data-state=online]").waitFor({ timeout: 30_000 });
    await send(alice, "after the cut");
    const expected = ["before the cut", ...[1, 2, 3, 4, 5].map((n) => `while bob is offline ${n}`), "after the cut"].map((text) => `alice: ${text}`);
    await eventually(() => shownMessages(bob), expected);
    // Once each, by id: the ids shown are 1..7 without repeats.
    const ids = await bob.getByTestId("messages").getByTestId("message").evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset.id)));
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await alice.getByTestId("members").locator('[data-name="bob"]').waitFor();
    await screenshot(bob, "recovered");
  } finally {
    await proxy.close();
  }
});
