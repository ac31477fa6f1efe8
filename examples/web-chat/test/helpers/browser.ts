/**
 * Headless Chromium (/usr/bin/chromium, as CI installs it) and the steps every scenario repeats: open the page
 * as a user, join a room, send, read what is shown, take screenshots.
 */
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

const exampleDir = fileURLToPath(new URL("../..", import.meta.url));
const screenshotDir = `${exampleDir}/test-results/screenshots`;
const docsDir = fileURLToPath(new URL("../../../../docs/screenshots", import.meta.url));

/** Polls `read` until it equals `expected` (the page updates on events the test does not see). */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeout = 15_000): Promise<void> {
  await expect.poll(read, { timeout, interval: 100 }).toEqual(expected);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A fresh context (cookies, storage) per user, at a size that fits the three columns. */
export async function newUserContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Opens the page at `origin` in `context` and signs in as `name`; resolves once online. */
export async function signIn(context: BrowserContext, origin: string, name: string): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`[${name}] page error: ${error.message}`));
  await page.goto(`${origin}/`);
  await page.getByTestId("sign-in-name").fill(name);
  await page.getByTestId("sign-in-submit").click();
  await page.locator('[data-testid=connection-status][data-state=online]').waitFor();
  return page;
}

/** Joins `room` from the room list and waits for its view with the user among the members. */
export async function joinRoom(page: Page, room: string, self: string): Promise<void> {
  await page.getByTestId(`room-join-${room}`).click();
  await page.locator(`[data-testid=room-view][data-room="${room}"]`).waitFor();
  await page.getByTestId("members").locator(`[data-name="${self}"]`).waitFor();
}

/** Creates `room` from the page (the creator owns it and joins it) and waits for its view. */
export async function createRoom(page: Page, room: string, options: { whitelistOnly?: boolean } = {}): Promise<void> {
  await page.getByTestId("room-create-name").fill(room);
  if (options.whitelistOnly) await page.getByTestId("room-create-whitelist").check();
  await page.getByTestId("room-create-submit").click();
  await page.locator(`[data-testid=room-view][data-room="${room}"]`).waitFor();
}

export async function send(page: Page, text: string): Promise<void> {
  await page.getByTestId("message-input").fill(text);
  await page.getByTestId("message-send").click();
}

/** "author: text" of every message shown in the room view, in order. */
export async function shownMessages(page: Page, testid = "messages"): Promise<string[]> {
  return page
    .getByTestId(testid)
    .getByTestId("message")
    .evaluateAll((items) =>
      items.map((item) => `${item.querySelector("[data-testid=message-author]")!.textContent}: ${item.querySelector("[data-testid=message-text]")!.textContent}`),
    );
}

export async function memberNames(page: Page): Promise<string[]> {
  return page.getByTestId("member").evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.name!));
}

/**
 * Saves a screenshot under test-results/screenshots/. With WEB_CHAT_DOCS_SCREENSHOTS=1 (`pnpm screenshots`) the
 * canonical ones also go to docs/screenshots/.
 */
export async function screenshot(page: Page, name: string, options: { canonical?: boolean } = {}): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}/${name}.png` });
  if (options.canonical && process.env.WEB_CHAT_DOCS_SCREENSHOTS === "1") {
    await mkdir(docsDir, { recursive: true });
    await page.screenshot({ path: `${docsDir}/${name}.png` });
  }
}
