/**
 * The page's static handler: content types, `/` as index.html, and nothing outside the folder.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { staticFiles } from "../src/server/static-files.js";

let dir: string;
let server: Server;
let port: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "web-chat-static-"));
  await mkdir(join(dir, "public"));
  await writeFile(join(dir, "public", "index.html"), "<!doctype html>");
  await writeFile(join(dir, "public", "app.js"), "export {}");
  await writeFile(join(dir, "public", "styles.css"), "body{}");
  await writeFile(join(dir, "secret.txt"), "outside");
  const serve = staticFiles(join(dir, "public"));
  server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  port = typeof address === "object" && address !== null ? address.port : 0;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

/** A raw request: the path is sent as written, without the URL normalisation fetch() would apply. */
function get(path: string, method = "GET"): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], body }));
    });
    req.on("error", reject).end();
  });
}

it("serves the page and its assets with their content types", async () => {
  expect(await get("/")).toEqual({ status: 200, type: "text/html; charset=utf-8", body: "<!doctype html>" });
  expect(await get("/?user=alice")).toMatchObject({ status: 200, type: "text/html; charset=utf-8" });
  expect(await get("/app.js")).toMatchObject({ status: 200, type: "text/javascript; charset=utf-8", body: "export {}" });
  expect(await get("/styles.css")).toMatchObject({ status: 200, type: "text/css; charset=utf-8" });
  expect(await get("/styles.css", "HEAD")).toMatchObject({ status: 200, body: "" });
  expect((await get("/missing.js")).status).toBe(404);
  expect((await get("/app.js", "POST")).status).toBe(405);
});

it.each(["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%5csecret.txt", "/app.js%00", "/%E0%A4%A"])("refuses %s", async (path) => {
  const response = await get(path);
  expect(response.status).toBe(404);
  expect(response.body).not.toContain("outside");
});
