/**
 * `describeStore`: the conformance suite every {@link Store} adapter runs.
 * @module
 */
import { describe } from "vitest";
import type { Store } from "@chat/core";
import { concurrencyTests } from "./concurrency.js";
import { useStore, type DescribeStoreOptions } from "./context.js";
import { historyTests } from "./history.js";
import { instanceListTests } from "./instance-list.js";
import { joinTests } from "./joins.js";
import { listSuites } from "./lists.js";
import { lockTests } from "./locks.js";
import { loginJoinTests } from "./login-join.js";
import { removalTests } from "./removals.js";
import { roomTests } from "./rooms.js";
import { socketTests } from "./sockets.js";
import { userTests } from "./users.js";

export type { DescribeStoreOptions, StoreFactory } from "./context.js";
export { roomInit } from "./context.js";

/**
 * Registers the store conformance suite: every method of the `Store` contract and every rule of its TSDoc
 * (hidden rooms, the list limit rule, userlist and seen bookkeeping, history windows, socket and instance
 * registries and the instance list, locks, the combined login and join steps) plus atomicity under concurrent calls.
 *
 * Each test gets a fresh store from `makeStore` and uses names unique to the run, so the suite also works
 * against a persistent backend shared between tests and runs.
 * @param name the suite's title, e.g. the adapter's name.
 * @param makeStore creates the store for one test.
 * @param options `cleanup` replaces the default `store.close()` after each test.
 * @example
 * // packages/store-x/test/conformance.test.ts
 * import { describeStore } from "@chat/conformance";
 * import { xStore } from "../src/index.js";
 *
 * describeStore("xStore", () => xStore());
 */
export function describeStore(name: string, makeStore: () => Store | Promise<Store>, options: DescribeStoreOptions = {}): void {
  describe(`${name}: store conformance`, () => {
    const context = useStore(makeStore, options);
    roomTests(context);
    listSuites(context);
    historyTests(context);
    userTests(context);
    socketTests(context);
    instanceListTests(context);
    joinTests(context);
    loginJoinTests(context);
    removalTests(context);
    lockTests(context);
    concurrencyTests(context);
  });
}
