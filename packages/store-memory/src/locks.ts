/**
 * Per (user, room) locks with a time-to-live. Unlike chat-service 1.0's memory store these expire, so that a
 * service behaves the same on every store.
 * @module
 */
import type { LockStoreMethods } from "@chat/core";
import type { MemoryState } from "./state.js";


const key = (userName: string, roomName: string): string => JSON.stringify([userName, roomName]);

/** Takes the (user, room) lock for `token` unless another token holds it; the holding token renews it. */
export function takeLock(state: MemoryState, userName: string, roomName: string, token: string, ttl: number): boolean {
  const now = Date.now();
  const held = state.locks.get(key(userName, roomName));
  if (held && held.token !== token && held.expiresAt > now) return false;
  state.locks.set(key(userName, roomName), { token, expiresAt: now + ttl });
  return true;
}

/** The lock methods of a memory store. */
export function lockMethods(state: MemoryState): LockStoreMethods {
  return {
    async acquireLock(userName, roomName, token, ttl) {
      return takeLock(state, userName, roomName, token, ttl);
    },

    async releaseLock(userName, roomName, token) {
      const lockKey = key(userName, roomName);
      const held = state.locks.get(lockKey);
      if (!held || held.token !== token) return false;
      state.locks.delete(lockKey);
      // An expired lock is no longer held by anyone, as with a TTL key that vanished before its release.
      return held.expiresAt > Date.now();
    },
  };
}
