import { defineConfig } from "vitest/config";

// The example runs as plain Node against the built packages, exactly as a user would run it. The tests wait out
// a heartbeat timeout and a Redis outage of several seconds, hence the generous limits.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 40_000, hookTimeout: 30_000 } });
