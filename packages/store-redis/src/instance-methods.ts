/**
 * Instances (socket registries and heartbeats) and (user, room) locks.
 * @module
 */
import type { InstanceStoreMethods, LockStoreMethods } from "@chat/core";
import { asNumber, asRecord } from "./replies.js";
import type { ScriptRunner } from "./scripts.js";


/** The instance and lock methods of a Redis store. */
export function instanceMethods(scripts: ScriptRunner): InstanceStoreMethods & LockStoreMethods {
  return {
    async getInstanceSockets(instanceUID) {
      return asRecord(await scripts.run("getInstanceSockets", [instanceUID]), "getInstanceSockets");
    },

    async setInstanceHeartbeat(instanceUID, timestamp) {
      await scripts.run("setInstanceHeartbeat", [instanceUID, timestamp]);
    },

    async getInstanceHeartbeat(instanceUID) {
      const reply = await scripts.run("getInstanceHeartbeat", [instanceUID]);
      return reply === null ? null : asNumber(reply, "getInstanceHeartbeat");
    },

    async removeInstance(instanceUID) {
      await scripts.run("removeInstance", [instanceUID]);
    },

    async listInstances() {
      const heartbeats = asRecord(await scripts.run("listInstances", []), "listInstances");
      return Object.fromEntries(Object.entries(heartbeats).map(([uid, timestamp]) => [uid, asNumber(timestamp, "heartbeat")]));
    },

    async acquireLock(userName, roomName, token, ttl) {
      return (await scripts.run("acquireLock", [userName, roomName, token, ttl])) === 1;
    },

    async releaseLock(userName, roomName, token) {
      return (await scripts.run("releaseLock", [userName, roomName, token])) === 1;
    },
  };
}
