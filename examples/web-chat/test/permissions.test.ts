/**
 * The owner's controls: a room created in the page is owned by its creator, who sees the controls (others do
 * not), and a blacklisted member loses the room and cannot join it again — in human words.
 */
import { expect, it } from "vitest";
import { createRoom, eventually, joinRoom, memberNames, screenshot, send, shownMessages } from "./helpers/browser.js";
import { setUp } from "./helpers/users.js";

const { user } = setUp();

it("the owner blacklists a member: the member loses the room and is told they may not rejoin", async () => {
  const alice = await user("alice");
  const bob = await user("bob");
  await createRoom(alice, "book-club");
  // Created rooms show up in everyone's list.
  await bob.getByTestId("room-join-book-club").click();
  await alice.getByTestId("members").locator('[data-name="bob"]').waitFor();
  await send(bob, "Hi, what are we reading?");
  await eventually(() => shownMessages(alice), ["bob: Hi, what are we reading?"]);

  // Only the owner sees the controls.
  await alice.getByTestId("owner-controls").waitFor();
  expect(await bob.getByTestId("owner-controls").isHidden()).toBe(true);
  expect(await alice.getByTestId("members").locator('[data-name="alice"] .role').textContent()).toBe("owner");

  await alice.getByTestId("list-input-blacklist").fill("bob");
  await alice.getByTestId("list-add-blacklist").click();
  await eventually(() => alice.getByTestId("list-blacklist").getByTestId("list-item-blacklist").allInnerTexts(), ["bob\nremove"]);
  await eventually(() => memberNames(alice), ["alice"]);

  // Bob: the room view is gone, the room is no longer joined, and a notice says why.
  await bob.getByTestId("notice").filter({ hasText: "You no longer have access to room “book-club”" }).waitFor();
  expect(await bob.getByTestId("room-book-club").getAttribute("data-joined")).toBe("false");
  expect(await bob.getByTestId("room-view").count()).toBe(0);
  await screenshot(bob, "blacklisted-removed");

  await bob.getByTestId("room-join-book-club").click();
  await bob.getByTestId("notice").filter({ hasText: "You are not allowed to do that." }).waitFor();
  expect(await bob.getByTestId("room-book-club").getAttribute("data-joined")).toBe("false");
  await screenshot(bob, "blacklisted-rejoin-refused");
});

it("the owner's controls: whitelist mode, admins, and an admin without the owner's powers", async () => {
  const alice = await user("alice");
  const bob = await user("bob");
  const carol = await user("carol");
  await createRoom(alice, "team", { whitelistOnly: true });
  await alice.getByTestId("owner-controls").waitFor();
  expect(await alice.getByTestId("whitelist-mode").isChecked()).toBe(true);

  // Whitelist-only: carol is not on the whitelist.
  await carol.getByTestId("room-join-team").click();
  await carol.getByTestId("notice").filter({ hasText: "You are not allowed to do that." }).waitFor();

  // Bob becomes an admin: he may join and sees the controls, but not the owner's delete button.
  await alice.getByTestId("list-input-adminlist").fill("bob");
  await alice.getByTestId("list-add-adminlist").click();
  await alice.getByTestId("list-input-whitelist").fill("carol");
  await alice.getByTestId("list-add-whitelist").click();
  await eventually(() => alice.getByTestId("list-item-whitelist").allInnerTexts(), ["carol\nremove"]);
  await joinRoom(bob, "team", "bob");
  await bob.getByTestId("owner-controls").waitFor();
  expect(await bob.getByTestId("room-delete").count()).toBe(0);
  await joinRoom(carol, "team", "carol");
  expect(await carol.getByTestId("owner-controls").isHidden()).toBe(true);
  await send(carol, "Thanks for adding me!");
  await eventually(() => memberNames(alice), ["alice", "bob", "carol"]);
  await eventually(async () => (await shownMessages(alice)).length, 1);

  // An admin may not edit the adminlist (the owner's privilege): the server says no, in human words.
  await bob.getByTestId("list-input-adminlist").fill("carol");
  await bob.getByTestId("list-add-adminlist").click();
  await bob.getByTestId("notice").filter({ hasText: "You are not allowed to do that." }).waitFor();

  // The mode switch reaches the other admin live.
  await alice.getByTestId("whitelist-mode").uncheck();
  await eventually(() => bob.getByTestId("whitelist-mode").isChecked(), false);
  await alice.getByTestId("list-input-blacklist").fill("mallory");
  await alice.getByTestId("list-add-blacklist").click();
  await eventually(() => alice.getByTestId("list-item-blacklist").allInnerTexts(), ["mallory\nremove"]);
  await screenshot(alice, "owner-controls", { canonical: true });
});
