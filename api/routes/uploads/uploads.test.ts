import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { uploads } from "../../../db/schema";
import { buildTestApp, ORIGIN, type TestApp } from "../../test/harness";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir() {
  const d = mkdtempSync(join(tmpdir(), "pointmall-uploads-"));
  dirs.push(d);
  return d;
}

/** The first bytes of a real PNG (signature and IHDR), then padding. */
function png(width: number, height: number, size = 64): Uint8Array {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const v = new DataView(b.buffer);
  v.setUint32(16, width);
  v.setUint32(20, height);
  b[size - 1] = width % 251;
  return b;
}
const gif = () => new Uint8Array([...Buffer.from("GIF89a"), 0x20, 0x00, 0x10, 0x00, 0, 0, 0]);
const jpeg = () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0, 0, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x01, 0x90, 0x03, 0, 0, 0, 0]);
const webp = () => {
  const b = new Uint8Array(30);
  b.set(Buffer.from("RIFF"), 0);
  b.set(Buffer.from("WEBPVP8X"), 8);
  b.set([0x7f, 0x02, 0x00, 0xdf, 0x01, 0x00], 24);
  return b;
};

async function upload(t: TestApp, cookie: string, bytes: Uint8Array, filename = "picture.png", type = "image/png") {
  const form = new FormData();
  form.append("file", new File([bytes as unknown as BlobPart], filename, { type }));
  const res = await t.app.request(new URL("/api/admin/uploads", ORIGIN).href, { method: "POST", body: form, headers: { cookie, origin: ORIGIN } });
  return { status: res.status, body: (await res.json()) as any };
}

async function setup(withDataDir = true) {
  const dataDir = withDataDir ? tempDir() : undefined;
  const t = await buildTestApp({ config: { dataDir } });
  const operator = await t.signIn("operator");
  return { t, dataDir: dataDir!, cookie: operator.cookie };
}

describe("POST /api/admin/uploads", () => {
  it("stores an image by its content hash and answers its URL and size", async () => {
    const { t, dataDir, cookie } = await setup();
    const res = await upload(t, cookie, png(800, 600));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mime: "image/png", width: 800, height: 600, size: 64, duplicate: false });
    expect(res.body.url).toMatch(/^\/uploads\/[a-f0-9]{64}\.png$/);
    expect(existsSync(join(dataDir, res.body.url))).toBe(true);
    expect(t.db.select().from(uploads).all()).toEqual([expect.objectContaining({ sha256: res.body.sha256, uploadedBy: "operator", width: 800 })]);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "create", resource: "uploads" });
  });

  it("judges the type by the bytes, not the name: GIF, JPEG and WebP pass, a text file named .png does not", async () => {
    const { t, cookie } = await setup();
    expect((await upload(t, cookie, gif(), "a.txt", "text/plain")).body).toMatchObject({ mime: "image/gif", width: 32, height: 16 });
    expect((await upload(t, cookie, jpeg(), "b.bin")).body).toMatchObject({ mime: "image/jpeg", width: 400, height: 300 });
    expect((await upload(t, cookie, webp(), "c")).body).toMatchObject({ mime: "image/webp", width: 640, height: 480 });
    const fake = await upload(t, cookie, new TextEncoder().encode("<svg onload=alert(1)></svg>"), "evil.png", "image/png");
    expect(fake.status).toBe(422);
    expect(fake.body).toMatchObject({ code: "UNSUPPORTED_FILE", details: { fields: { file: expect.any(String) } } });
  });

  it("refuses more than 2 MB (413) and a form without a file (422)", async () => {
    const { t, dataDir, cookie } = await setup();
    const big = await upload(t, cookie, png(10, 10, 2 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe("FILE_TOO_LARGE");
    const huge = await upload(t, cookie, png(10, 10, 3 * 1024 * 1024));
    expect(huge.status).toBe(413);
    const form = new FormData();
    form.append("other", "x");
    const none = await t.app.request(new URL("/api/admin/uploads", ORIGIN).href, { method: "POST", body: form, headers: { cookie, origin: ORIGIN } });
    expect(none.status).toBe(422);
    expect(existsSync(join(dataDir, "uploads")) ? readdirSync(join(dataDir, "uploads")) : []).toEqual([]);
  });

  it("stores the same image once", async () => {
    const { t, dataDir, cookie } = await setup();
    const first = await upload(t, cookie, png(5, 5));
    const second = await upload(t, cookie, png(5, 5), "other-name.png");
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ url: first.body.url, duplicate: true });
    expect(t.count(uploads)).toBe(1);
    expect(readdirSync(join(dataDir, "uploads"))).toHaveLength(1);
  });

  it("lets supplier staff upload, not the auditor, and needs a data folder", async () => {
    const { t } = await setup();
    const supplier = await t.signIn("supplier", { supplierId: t.createSupplier("digital-select") });
    expect((await upload(t, supplier.cookie, png(1, 1))).status).toBe(201);
    const auditor = await t.signIn("auditor");
    expect((await upload(t, auditor.cookie, png(2, 2))).status).toBe(403);
    expect((await upload(t, "", png(2, 2))).status).toBe(401);
    const bare = await setup(false);
    expect((await upload(bare.t, bare.cookie, png(1, 1))).body.code).toBe("UPLOADS_UNAVAILABLE");
  });
});

describe("GET /uploads/*", () => {
  it("serves a stored image with its type and a long immutable cache", async () => {
    const { t, cookie } = await setup();
    const { body } = await upload(t, cookie, png(3, 3));
    const res = await t.app.request(new URL(body.url, ORIGIN).href);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(png(3, 3));
  });

  it("answers 404 for unknown files and for anything that is not a stored file name", async () => {
    const { t, dataDir } = await setup();
    writeFileSync(join(dataDir, "secret.txt"), "do not serve");
    for (const path of [
      `/uploads/${"a".repeat(64)}.png`,
      "/uploads/..%2Fsecret.txt",
      "/uploads/%2e%2e%2fsecret.txt",
      "/uploads/../secret.txt",
      "/uploads/secret.txt",
      `/uploads/${"a".repeat(64)}.png%00.txt`,
    ]) {
      const res = await t.app.request(new URL(path, ORIGIN).href);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain("do not serve");
    }
  });

  it("serves the seed's SVG tiles with a policy that runs nothing", async () => {
    const { t, dataDir } = await setup();
    const name = `${"b".repeat(64)}.svg`;
    mkdirSync(join(dataDir, "uploads"), { recursive: true });
    writeFileSync(join(dataDir, "uploads", name), "<svg xmlns='http://www.w3.org/2000/svg'/>");
    const res = await t.app.request(new URL(`/uploads/${name}`, ORIGIN).href);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
  });
});
