/**
 * Direct messages between two pages, and the recipient's direct-message blacklist.
 */
import { expect, it } from "vitest";
import { eventually, screenshot, shownMessages } from "./helpers/browser.js";
import { setUp } from "./helpers/users.js";

const { user } = setUp();

async function sendDirect(page: import("playwright-core").Page, peer: string, text: string): Promise<void> {
  if ((await page.locator(`[data-testid=dm-view][data-peer="${peer}"]`).count()) === 0) {
    await page.getByTestId("dm-peer-input").fill(peer);
    await page.getByTestId("dm-open").click();
  }
  await page.getByTestId("dm-input").fill(text);
  await page.getByTestId("dm-send").click();
}

it("two users exchange direct messages", async () => {
  const alice = await user("alice");
  const bob = await user("bob");
  await sendDirect(alice, "bob", "Psst, Bob: lunch at noon?");
  await eventually(() => shownMessages(alice, "dm-messages"), ["alice (you): Psst, Bob: lunch at noon?"]);
  // Bob sees a new conversation with an unread mark, opens it, and answers.
  await bob.getByTestId("dm-peer-alice").locator(".badge").waitFor();
  await bob.getByTestId("dm-peer-alice").click();
  await eventually(() => shownMessages(bob, "dm-messages"), ["alice: Psst, Bob: lunch at noon?"]);
  await sendDirect(bob, "alice", "Sure, see you there.");
  await eventually(() => shownMessages(alice, "dm-messages"), ["alice (you): Psst, Bob: lunch at noon?", "bob: Sure, see you there."]);
  await screenshot(alice, "direct-messages");
});

it("a user who blocked the sender does not get the message, and the sender is told in human words", async () => {
  const alice = await user("alice");
  const bob = await user("bob");
  await bob.getByTestId("dm-block-input").fill("alice");
  await bob.getByTestId("dm-block").click();
  await eventually(() => bob.getByTestId("dm-blacklist").locator("li").allInnerTexts(), ["alice\nunblock"]);

  await sendDirect(alice, "bob", "Are you there?");
  await alice.getByTestId("notice").filter({ hasText: "You are not allowed to do that." }).waitFor();
  expect(await shownMessages(alice, "dm-messages")).toEqual([]);
  // The text stays in the box, and bob has no conversation.
  expect(await alice.getByTestId("dm-input").inputValue()).toBe("Are you there?");
  expect(await bob.getByTestId("dm-peer-alice").count()).toBe(0);
  await screenshot(alice, "direct-message-blocked");

  // Someone who never signed in: another human sentence.
  await sendDirect(alice, "nobody-here", "hello?");
  await alice.getByTestId("notice").filter({ hasText: "Nobody called “nobody-here” has signed in yet." }).waitFor();

  await bob.getByTestId("dm-unblock-alice").click();
  await eventually(() => bob.getByTestId("dm-blacklist").locator("li").allInnerTexts(), ["nobody"]);
  await alice.getByTestId("dm-peer-bob").click();
  await alice.getByTestId("dm-send").click();
  await eventually(() => shownMessages(alice, "dm-messages"), ["alice (you): Are you there?"]);
  await bob.getByTestId("dm-peer-alice").waitFor();
});
