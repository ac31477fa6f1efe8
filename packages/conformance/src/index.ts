/**
 * `@chat/conformance`: the suites every store and bus adapter runs from its own tests, so that adapters stay
 * interchangeable. Private to the workspace.
 * @module
 */
export { describeStore, roomInit, type DescribeStoreOptions, type StoreFactory } from "./store/index.js";
export { describeBus, type BusFactory, type ConnectedBuses } from "./bus.js";
export { Collector, clockAfter, deferred, nameGenerator, sorted, type Deferred } from "./helpers.js";
export * from "./chat/index.js";
export * from "./transport/index.js";
