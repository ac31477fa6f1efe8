// @ts-check
/**
 * Serves the built page: GET/HEAD of files below one folder, `/` as index.html, with content types, and nothing
 * outside the folder (the resolved path must stay inside it, so `..` and encoded variants get a 404).
 */
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";

/** @type {Record<string, string>} */
const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/**
 * @param {string} root the folder to serve
 * @returns {(request: import("node:http").IncomingMessage, response: import("node:http").ServerResponse) => Promise<void>}
 */
export function staticFiles(root) {
  const base = resolve(root);
  return async (request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const file = await resolveFile(base, request.url ?? "/");
    if (!file) {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
      return;
    }
    const body = await readFile(file);
    response.writeHead(200, {
      "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
      "content-length": body.length,
      // The page is rebuilt in place during development: always revalidate.
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    response.end(request.method === "HEAD" ? undefined : body);
  };
}

/**
 * The file for a request path, or undefined when it is missing, not a file, or outside `base`.
 * @param {string} base
 * @param {string} url
 */
async function resolveFile(base, url) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url, "http://localhost").pathname);
  } catch {
    return undefined; // malformed percent-encoding
  }
  if (pathname.includes("\0")) return undefined;
  if (pathname.endsWith("/")) pathname += "index.html";
  const file = resolve(join(base, pathname));
  if (!file.startsWith(base + sep)) return undefined;
  try {
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}
