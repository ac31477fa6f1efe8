/**
 * Instances: each one's socket registry and heartbeat.
 * @module
 */
import type { InstanceStoreMethods } from "@chat/core";
import type { MemoryState } from "./state.js";


/** Records a socket in an instance's registry. */
export function registerSocket(state: MemoryState, instanceUID: string, socketId: string, userName: string): void {
  let registry = state.instances.get(instanceUID);
  if (!registry) state.instances.set(instanceUID, (registry = new Map()));
  registry.set(socketId, userName);
}

/** Drops a socket from an instance's registry, and the registry once empty so that gone instances leave nothing. */
export function unregisterSocket(state: MemoryState, instanceUID: string, socketId: string): void {
  const registry = state.instances.get(instanceUID);
  if (!registry) return;
  registry.delete(socketId);
  if (registry.size === 0) state.instances.delete(instanceUID);
}

/** The instance methods of a memory store. */
export function instanceMethods(state: MemoryState): InstanceStoreMethods {
  return {
    async getInstanceSockets(instanceUID) {
      return Object.fromEntries(state.instances.get(instanceUID) ?? []);
    },

    async setInstanceHeartbeat(instanceUID, timestamp) {
      state.heartbeats.set(instanceUID, timestamp);
    },

    async getInstanceHeartbeat(instanceUID) {
      return state.heartbeats.get(instanceUID) ?? null;
    },

    async listInstances() {
      // Built from the heartbeats alone: a registry without a heartbeat is not listed. A fresh object, so that
      // callers cannot reach into the state.
      return Object.fromEntries(state.heartbeats);
    },

    async removeInstance(instanceUID) {
      state.instances.delete(instanceUID);
      state.heartbeats.delete(instanceUID);
    },
  };
}
