/**
 * One browser and one server per test file, a fresh browser context per user, all closed afterwards.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { launchBrowser, newUserContext, signIn } from "./browser.js";
import { startServer, type RunningServer } from "./server.js";

export interface Setup {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A new user: own context, page opened at `origin` (default: the server), signed in as `name`. */
  user(name: string, origin?: string): Promise<Page>;
  /** Another tab of the same context as `page`, signed in with the same name. */
  secondTab(page: Page, name: string): Promise<Page>;
}

export function setUp(): Setup {
  let browser: Browser;
  let server: RunningServer;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  return {
    get server() {
      return server;
    },
    get browser() {
      return browser;
    },
    async user(name, origin) {
      const context = await newUserContext(browser);
      contexts.push(context);
      return signIn(context, origin ?? server.origin, name);
    },
    secondTab(page, name) {
      return signIn(page.context(), new URL(page.url()).origin, name);
    },
  };
}
