/**
 * What every store test gets: a fresh store, unique names, and shortcuts to set up rooms, users and sockets.
 * @module
 */
import { afterEach, beforeEach } from "vitest";
import type { RoomInit, Store } from "@chat/core";
import { nameGenerator } from "../helpers.js";

/** Options of `describeStore`. */
export interface DescribeStoreOptions {
  /**
   * Called after each test instead of `store.close()`, for stores that need more (flushing test keys, quitting a
   * client the test created). It owns closing the store.
   * @default (store) => store.close()
   */
  cleanup?: (store: Store) => Promise<void>;
}

/** Creates a store for one test. */
export type StoreFactory = () => Store | Promise<Store>;

/** The per-test environment the store suites share. */
export interface StoreContext {
  /** The current test's store. */
  readonly store: Store;
  /** A name unique to this run, e.g. `name("room")`. */
  name(kind: string): string;
  /** Creates a room with a unique name and {@link roomInit} settings. @returns its name. */
  room(init?: Partial<RoomInit>): Promise<string>;
  /** Creates a user with a unique name and empty direct lists. @returns its name. */
  user(): Promise<string>;
  /** Registers a new socket of `userName` on `instanceUID` (a unique instance by default). @returns its id. */
  socket(userName: string, instanceUID?: string): Promise<string>;
}

/** Room settings for tests: public, no owner, history of 10. */
export function roomInit(init: Partial<RoomInit> = {}): RoomInit {
  return {
    owner: null,
    whitelistOnly: false,
    enableAccessListsUpdates: false,
    enableUserlistUpdates: false,
    historyMaxSize: 10,
    adminlist: [],
    whitelist: [],
    blacklist: [],
    ...init,
  };
}

/** Registers the hooks that give each test a fresh store. Call inside a `describe`. */
export function useStore(makeStore: StoreFactory, options: DescribeStoreOptions = {}): StoreContext {
  const name = nameGenerator();
  let current: Store | undefined;

  beforeEach(async () => {
    current = await makeStore();
  });
  afterEach(async () => {
    const store = current;
    current = undefined;
    if (!store) return;
    await (options.cleanup ? options.cleanup(store) : store.close());
  });

  const context: StoreContext = {
    get store(): Store {
      if (!current) throw new Error("@chat/conformance: the store exists only while a test runs");
      return current;
    },
    name,
    async room(init) {
      const roomName = name("room");
      if (!(await context.store.addRoom(roomName, roomInit(init)))) throw new Error(`room ${roomName} exists already`);
      return roomName;
    },
    async user() {
      const userName = name("user");
      await context.store.ensureUser(userName);
      return userName;
    },
    async socket(userName, instanceUID = name("instance")) {
      const socketId = name("socket");
      await context.store.addSocket(userName, socketId, instanceUID);
      return socketId;
    },
  };
  return context;
}
