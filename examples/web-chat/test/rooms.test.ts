/**
 * Rooms in the browser: two users chat, members come and go, and older history loads page by page.
 */
import { createClient } from "@chat/client";
import { expect, it } from "vitest";
import { eventually, joinRoom, memberNames, screenshot, send, shownMessages } from "./helpers/browser.js";
import { setUp } from "./helpers/users.js";

const setup = setUp();
const { user } = setup;

it("two users in a room see each other's messages with their authors", async () => {
  const alice = await user("alice");
  const bob = await user("bob");
  await joinRoom(alice, "default", "alice");
  await joinRoom(bob, "default", "bob");
  await send(alice, "Hi Bob! Welcome to the web chat.");
  await eventually(() => shownMessages(bob), ["alice: Hi Bob! Welcome to the web chat."]);
  await send(bob, "Hello Alice, this looks great.");
  await send(alice, "Messages come back in order, each once.");
  const expected = ["alice (you): Hi Bob! Welcome to the web chat.", "bob: Hello Alice, this looks great.", "alice (you): Messages come back in order, each once."];
  await eventually(() => shownMessages(alice), expected);
  await eventually(() => shownMessages(bob), ["alice: Hi Bob! Welcome to the web chat.", "bob (you): Hello Alice, this looks great.", "alice: Messages come back in order, each once."]);
  // Own messages are marked.
  expect(await alice.locator(".message.own").count()).toBe(2);
  await eventually(() => memberNames(alice), ["alice", "bob"]);
  // A little more conversation for the screenshot.
  await send(bob, "Can I scroll back to older messages?");
  await send(alice, "Yes: “Load older messages” at the top fetches the history page by page.");
  await eventually(async () => (await shownMessages(alice)).length, 5);
  await screenshot(alice, "room-view", { canonical: true });
  await screenshot(bob, "room-view-bob");
});

it("presence: the member list follows joins and leaves", async () => {
  const alice = await user("alice");
  const carol = await user("carol");
  await joinRoom(alice, "random", "alice");
  await eventually(() => memberNames(alice), ["alice"]);
  await joinRoom(carol, "random", "carol");
  await eventually(() => memberNames(alice), ["alice", "carol"]);
  await screenshot(alice, "presence-joined");
  await carol.getByTestId("room-leave-random").click();
  await eventually(() => memberNames(alice), ["alice"]);
  // Carol's page marks the room left when her roomLeave is answered, which may come after Alice hears of it.
  await eventually(() => carol.getByTestId("room-random").getAttribute("data-joined"), "false");
  await screenshot(alice, "presence-left");
});

it("scroll-back loads older history page by page, down to the first message", async () => {
  // 120 messages, posted with the SDK from Node: more than two pages of 50.
  const poster = createClient({ url: setup.server.origin, transport: "ws", auth: { userName: "dave" } });
  await poster.roomCreate("history", false);
  await poster.roomJoin("history");
  for (let n = 1; n <= 120; n++) await poster.roomMessage("history", { textMessage: `message ${n}` });
  await poster.close();

  const erin = await user("erin");
  await eventually(() => erin.getByTestId("room-join-history").count(), 1);
  await joinRoom(erin, "history", "erin");
  const texts = () => erin.getByTestId("messages").getByTestId("message-text").allTextContents();
  await eventually(async () => (await texts()).length, 50);
  expect((await texts())[0]).toBe("message 71");
  expect((await texts()).at(-1)).toBe("message 120");

  await erin.getByTestId("load-older").click();
  await eventually(async () => (await texts()).length, 100);
  expect((await texts())[0]).toBe("message 21");
  await erin.getByTestId("load-older").click();
  await eventually(async () => (await texts()).length, 120);
  expect(await texts()).toEqual(Array.from({ length: 120 }, (_, index) => `message ${index + 1}`));
  // Nothing older: the button gives way to the beginning of the room.
  await erin.getByTestId("history-start").waitFor();
  expect(await erin.getByTestId("load-older").isHidden()).toBe(true);
  await screenshot(erin, "history-start");
});
