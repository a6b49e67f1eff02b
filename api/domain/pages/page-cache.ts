import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import type { Db } from "../../../db/client";
import type { Clock } from "../../lib/clock";
import { buildPublishedPage } from "./resolve";

/** What GET /api/shop/pages answers for one path, ready to send as is. */
export interface CachedPage {
  status: 200 | 404;
  /** The JSON body, serialised once. */
  body: Uint8Array<ArrayBuffer>;
  /** The same body gzipped (sent when the client accepts gzip but not Brotli). */
  gzip: Uint8Array<ArrayBuffer>;
  /** The same body in Brotli (what phones ask for first: a fifth smaller than gzip for a page's JSON). */
  br: Uint8Array<ArrayBuffer>;
  /** A weak validator over the body: the same content keeps the same ETag across rebuilds. */
  etag: string;
  /** When this entry is rebuilt at the latest (epoch ms). */
  expiresAt: number;
}

/** Pages change by themselves (slot windows, stock, campaigns starting): no entry lives longer than this. */
export const PAGE_MAX_AGE_MS = 30_000;
/** Paths are few (the home page, some topics); unknown paths are cached too (404), so the map is bounded. */
const MAX_ENTRIES = 256;

const notFoundBody = (path: string) => JSON.stringify({ message: `Nothing is published at ${path}`, code: "PAGE_NOT_FOUND" });

/**
 * The storefront's pages held in memory as their serialised (and gzipped) JSON: built once per path,
 * then served without touching the database until something invalidates them (publish, rollback, a
 * scheduled publish, a slot or theme change) or they expire: after PAGE_MAX_AGE_MS, or earlier at the
 * next instant the page changes by itself (a slot item's window, a campaign's start or end, a festival
 * theme). Builds are synchronous (better-sqlite3), so a build never interleaves with an invalidation.
 */
export class PageCache {
  private entries = new Map<string, CachedPage>();
  /** How many times a page was built (tests check that hits do not build). */
  builds = 0;
  /** The theme seen last by the scheduler (it invalidates when the active theme switches). */
  private themeId: number | null | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly maxAgeMs = PAGE_MAX_AGE_MS,
  ) {}

  get(path: string): CachedPage {
    const now = this.clock.now();
    const hit = this.entries.get(path);
    if (hit && hit.expiresAt > now.getTime()) return hit;
    const entry = this.build(path, now);
    if (!hit && this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(path, entry);
    return entry;
  }

  /** Drops every page: blocks share slots, themes and campaigns, and the pages are few. */
  invalidate(): void {
    this.entries.clear();
  }

  /** Called with the active theme's id; a switch (a festival window opening or closing) invalidates. */
  noteTheme(id: number | null): boolean {
    const changed = this.themeId !== undefined && this.themeId !== id;
    this.themeId = id;
    if (changed) this.invalidate();
    return changed;
  }

  private build(path: string, now: Date): CachedPage {
    this.builds++;
    const built = buildPublishedPage(this.db, path, now);
    const t = now.getTime();
    const expiresAt = Math.min(t + this.maxAgeMs, built?.changesAt ?? Infinity);
    // Plain Uint8Arrays over their own ArrayBuffer: what Response bodies take without a copy per request.
    const body = new Uint8Array(Buffer.from(built ? JSON.stringify(built.page) : notFoundBody(path)));
    return {
      status: built ? 200 : 404,
      body,
      gzip: new Uint8Array(gzipSync(body, { level: 9 })),
      // Once per build, so the slowest, smallest setting.
      br: new Uint8Array(brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })),
      etag: `W/"${createHash("sha1").update(body).digest("base64url")}"`,
      expiresAt,
    };
  }
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for it). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = etag.startsWith("W/") ? etag.slice(2) : etag;
  for (const part of header.split(",")) {
    const tag = part.trim();
    if ((tag.startsWith("W/") ? tag.slice(2) : tag) === bare) return true;
  }
  return false;
}

export type Coding = "br" | "gzip" | null;

/** The last Accept-Encoding seen and its answer: a mall's phones send the same few, over and over. */
let lastAcceptEncoding: [string, Coding] = ["", null];

/**
 * The coding to send for an Accept-Encoding header: Brotli when it is accepted at least as gladly as
 * gzip, gzip when only that is, none otherwise (or when both are refused with q=0).
 */
export function preferredCoding(header: string | undefined): Coding {
  if (!header) return null;
  if (header === lastAcceptEncoding[0]) return lastAcceptEncoding[1];
  const answer = parseCoding(header);
  lastAcceptEncoding = [header, answer];
  return answer;
}

function parseCoding(header: string): Coding {
  const q: Record<string, number> = {};
  for (const part of header.split(",")) {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    q[coding.trim()] = weight ? Number(weight.slice(2)) || 0 : 1;
  }
  const star = q["*"] ?? 0;
  const br = q.br ?? star;
  const gzip = q.gzip ?? star;
  if (br > 0 && br >= gzip) return "br";
  return gzip > 0 ? "gzip" : null;
}
