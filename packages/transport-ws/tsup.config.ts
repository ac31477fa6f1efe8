import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "frames/index": "src/frames/index.ts" },
  format: ["esm"],
  // tsup 8 injects `baseUrl`, which TypeScript 6 flags as deprecated in the declaration step.
  dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
  sourcemap: true,
  clean: true,
  target: "node20",
});
