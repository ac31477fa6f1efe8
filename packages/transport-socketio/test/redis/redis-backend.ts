/**
 * A cluster backend on a real Redis or Redis Cluster: each instance gets its own `redisStore` and `redisBus`
 * connections, as separate processes would, and each harness group its own key prefix.
 */
import { redisBus, redisStore } from "@chat/store-redis";
import type { ClusterNode } from "ioredis";
import type { ClusterBackend } from "@chat/conformance";

export type RedisLocation = { url: string } | { clusterNodes: ClusterNode[] };

/** The backend, plus the key prefix of the latest group, for tests that read the store themselves. */
export function redisBackend(location: () => RedisLocation): ClusterBackend & { readonly lastGroup: string } {
  let lastGroup = "";
  return {
    get lastGroup() {
      return lastGroup;
    },
    instance(group) {
      lastGroup = group;
      const where = location();
      return { store: redisStore({ ...where, prefix: group }), bus: redisBus({ ...where, prefix: group }) };
    },
  };
}
