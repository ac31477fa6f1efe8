import { defineConfig } from "vitest/config";

// The tests drive the built page (dist/public, made by `tsup` in the test script) in headless Chromium against
// `node server.js`, exactly as `pnpm start` runs it. One browser, one file at a time: they share the machine.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false } });
