import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestDb } from "../../../db/client";
import { pages, pageVersions } from "../../../db/schema";
import { manualClock } from "../../lib/clock";
import { etagMatches, PageCache, preferredCoding } from "./page-cache";

describe("etagMatches", () => {
  const etag = 'W/"abc"';
  it.each([
    [etag, true],
    ['"abc"', true],
    ['W/"x", W/"abc"', true],
    [" * ", true],
    ['"abcd"', false],
    ["", false],
    [undefined, false],
  ])("If-None-Match %j → %s", (header, expected) => {
    expect(etagMatches(header, etag)).toBe(expected);
  });
});

describe("preferredCoding", () => {
  it.each([
    ["gzip", "gzip"],
    ["gzip, deflate, br", "br"],
    ["gzip, deflate, br, zstd", "br"],
    ["br;q=1.0, GZIP;q=0.5", "br"],
    ["br;q=0.5, gzip", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["*", "br"],
    ["gzip;q=0", null],
    ["gzip; q=0.0, *", "br"],
    ["gzip;q=0, br;q=0, *", null],
    ["br, deflate", "br"],
    ["deflate", null],
    ["identity", null],
    [undefined, null],
  ])("Accept-Encoding %j → %s", (header, expected) => {
    expect(preferredCoding(header)).toBe(expected);
  });
});

describe("PageCache", () => {
  function setup() {
    const db = createTestDb();
    const clock = manualClock();
    const now = clock.now();
    const page = db.insert(pages).values({ path: "/", title: { "zh-CN": "首页", "en-US": "Home" }, createdAt: now, updatedAt: now }).returning().get();
    const blocks = [{ id: "n", type: "notice" as const, text: { "zh-CN": "你好", "en-US": "Hello" } }];
    const v = db.insert(pageVersions).values({ pageId: page.id, version: 1, blocks, createdBy: "test", publishedAt: now, createdAt: now }).returning().get();
    db.update(pages).set({ publishedVersionId: v.id }).where(eq(pages.id, page.id)).run();
    return { db, clock, cache: new PageCache(db, clock, 1_000) };
  }

  it("builds each path once until it expires or is invalidated", () => {
    const { clock, cache } = setup();
    const first = cache.get("/");
    expect(first.status).toBe(200);
    expect(cache.get("/")).toBe(first);
    expect(cache.builds).toBe(1);
    clock.advance(999);
    cache.get("/");
    expect(cache.builds).toBe(1);
    clock.advance(1);
    cache.get("/");
    expect(cache.builds).toBe(2);
    cache.invalidate();
    cache.get("/");
    expect(cache.builds).toBe(3);
  });

  it("keeps the ETag when a rebuild gives the same content", () => {
    const { cache } = setup();
    const a = cache.get("/");
    cache.invalidate();
    const b = cache.get("/");
    expect(b).not.toBe(a);
    expect(b.etag).toBe(a.etag);
  });

  it("caches a 404 body for a path with nothing published", () => {
    const { cache } = setup();
    const missing = cache.get("/topics/none");
    expect(missing.status).toBe(404);
    expect(JSON.parse(Buffer.from(missing.body).toString())).toEqual({ message: "Nothing is published at /topics/none", code: "PAGE_NOT_FOUND" });
    cache.get("/topics/none");
    expect(cache.builds).toBe(1);
  });

  it("drops everything when the active theme switches, but not on the first look", () => {
    const { cache } = setup();
    cache.get("/");
    expect(cache.noteTheme(1)).toBe(false);
    expect(cache.noteTheme(1)).toBe(false);
    cache.get("/");
    expect(cache.builds).toBe(1);
    expect(cache.noteTheme(2)).toBe(true);
    cache.get("/");
    expect(cache.builds).toBe(2);
  });
});
