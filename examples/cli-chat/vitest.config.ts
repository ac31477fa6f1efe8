import { defineConfig } from "vitest/config";

// The example runs as plain Node against the built packages, exactly as a user would run it.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 20_000 } });
