import { fileURLToPath } from "node:url";
import { defineConfig, type Options } from "tsup";

const browserWebSocket = fileURLToPath(new URL("src/links/node-websocket.browser.ts", import.meta.url));

/**
 * The self-contained browser build: one ES module plus chunks. `splitting` puts socket.io-client (imported
 * only when the socket.io transport is used) in its own chunk, and the `ws` loader is swapped for a stub, so a
 * ws-only page downloads neither.
 */
export const browserBuild: Options = {
  entry: { "chat-client": "src/index.ts" },
  outDir: "dist/browser",
  format: ["esm"],
  platform: "browser",
  target: "es2020",
  noExternal: [/.*/],
  splitting: true,
  minify: true,
  sourcemap: true,
  clean: true,
  dts: false,
  esbuildOptions(options) {
    // Workspace packages from source: the bundle does not depend on their builds.
    options.conditions = ["@chat/source"];
  },
  esbuildPlugins: [
    {
      name: "browser-websocket",
      setup(build) {
        build.onResolve({ filter: /\/node-websocket\.js$/ }, () => ({ path: browserWebSocket }));
      },
    },
  ],
};

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm"],
    // Neutral: the same build serves Node and browser bundlers (which resolve socket.io-client's browser field).
    platform: "neutral",
    target: "es2022",
    // tsup 8 injects `baseUrl`, which TypeScript 6 flags as deprecated in the declaration step.
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    sourcemap: true,
    // Both builds run at once: leave the browser build's folder alone.
    clean: ["!browser/**"],
  },
  browserBuild,
]);
