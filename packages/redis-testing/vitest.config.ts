import { defineConfig } from "vitest/config";

export default defineConfig({
  // Resolve workspace packages to their TypeScript source, so tests need no build first.
  ssr: { resolve: { conditions: ["@chat/source", "module", "node", "development|production"] } },
  // Clusters take a few seconds to converge; a loaded 2-core CI runner needs headroom.
  test: { include: ["test/**/*.test.ts", "src/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 30_000 },
});
