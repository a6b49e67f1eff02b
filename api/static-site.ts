import type { Context } from "hono";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { createHash } from "node:crypto";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".svg", ".txt", ".webmanifest"]);

interface Asset {
  body: Buffer;
  gzip?: Buffer;
  type: string;
  etag: string;
  cache: string;
}

/**
 * A built single-page app (Vite's dist), held in memory with gzip done once at start:
 * hashed files under assets/ are immutable, index.html is revalidated, unknown paths get index.html.
 */
export class StaticSite {
  private assets = new Map<string, Asset>();

  constructor(readonly dir: string, readonly base: string) {
    if (existsSync(dir)) this.load(dir);
  }

  get ready() {
    return this.assets.has("/index.html");
  }

  private load(dir: string) {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        this.load(full);
        continue;
      }
      const rel = "/" + relative(this.dir, full).split("\\").join("/");
      const ext = extname(name);
      const body = readFileSync(full);
      const gzip = COMPRESSIBLE.has(ext) && body.length > 512 ? gzipSync(body, { level: 9 }) : undefined;
      this.assets.set(rel, {
        body,
        gzip,
        type: TYPES[ext] ?? "application/octet-stream",
        etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 20)}"`,
        cache: rel.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      });
    }
  }

  serve(c: Context): Response {
    let path = c.req.path.slice(this.base.length - 1) || "/";
    if (path === "/") path = "/index.html";
    let asset = this.assets.get(path);
    if (!asset) {
      // A missing file with an extension is a 404; anything else is a client-side route.
      if (extname(path) && !path.endsWith(".html")) return c.text("Not found", 404);
      asset = this.assets.get("/index.html");
      if (!asset) return c.text("This front end is not built yet: run npm run build", 503);
    }
    const headers: Record<string, string> = { "Content-Type": asset.type, "Cache-Control": asset.cache, ETag: asset.etag, Vary: "Accept-Encoding" };
    if (c.req.header("if-none-match") === asset.etag) return new Response(null, { status: 304, headers });
    if (asset.gzip && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      headers["Content-Encoding"] = "gzip";
      return new Response(new Uint8Array(asset.gzip), { status: 200, headers });
    }
    return new Response(new Uint8Array(asset.body), { status: 200, headers });
  }
}
