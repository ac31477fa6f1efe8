import { defineConfig } from "vitest/config";

export default defineConfig({
  // Resolve workspace packages to their TypeScript source, so tests need no build first.
  ssr: { resolve: { conditions: ["@chat/source", "module", "node", "development|production"] } },
  test: { include: ["test/**/*.test.ts", "src/**/*.test.ts"], testTimeout: 20_000, hookTimeout: 60_000 },
});
