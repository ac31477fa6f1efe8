import { defineConfig } from "tsup";

/**
 * The page: one browser ES module (with @chat/client inside) plus `index.html` and `styles.css`, copied from
 * src/public. The server needs no build: it is plain Node.
 */
export default defineConfig({
  entry: { app: "src/page/main.ts" },
  outDir: "dist/public",
  publicDir: "src/public",
  format: ["esm"],
  platform: "browser",
  target: "es2020",
  noExternal: [/.*/],
  splitting: true,
  minify: true,
  sourcemap: true,
  clean: true,
  dts: false,
});
