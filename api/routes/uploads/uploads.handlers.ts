import { createRoute, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createHash, randomUUID } from "node:crypto";
import { access, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { uploads } from "../../../db/schema";
import type { AppContext, AppEnv } from "../../context";
import { IMAGE_MIME, sniffImage } from "../../domain/catalog/image-types";
import { audit } from "../../lib/audit";
import { AppError, respondError, unprocessable } from "../../lib/errors";
import { errorResponses, json } from "../../lib/schemas";
import { newRouter } from "../../lib/router";
import { writeTx } from "../../lib/tx";

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** Files are named by their content hash, so a name says everything a request may ask for. */
const FILE_NAME = /^[a-f0-9]{64}\.(png|jpg|webp|gif|svg)$/;

export const uploadsDir = (dataDir: string) => join(dataDir, "uploads");

const tooLarge = () => new AppError(413, "FILE_TOO_LARGE", `Images may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, { fields: { file: "at most 2 MB" } });

export const UploadSchema = z
  .object({
    url: z.string().openapi({ example: "/uploads/3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b.png" }),
    sha256: z.string(),
    mime: z.string(),
    size: z.number(),
    width: z.number().nullable(),
    height: z.number().nullable(),
    /** True when the same image was uploaded before (it is stored once). */
    duplicate: z.boolean(),
  })
  .openapi("Upload");

export const uploadImage = createRoute({
  method: "post",
  path: "/uploads",
  tags: ["Catalog"],
  summary: "Uploads an image (PNG, JPEG, WebP or GIF, judged by its content; at most 2 MB) and answers its URL",
  middleware: [
    // Refuse a large body before reading it (a multipart envelope adds a little to the file).
    bodyLimit({ maxSize: MAX_UPLOAD_BYTES + 64 * 1024, onError: (c) => respondError(c, tooLarge()) }),
  ] as const,
  request: {
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.object({
            file: z.custom<File>((v) => v instanceof File, 'Attach an image in the form field "file"').openapi({ type: "string", format: "binary" }),
          }),
        },
      },
    },
  },
  responses: { 201: json(UploadSchema, "Stored"), 413: errorResponses[422], ...errorResponses },
});

async function exists(path: string) {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export function uploadsRouter(ctx: AppContext) {
  const router = newRouter();

  router.openapi(uploadImage, async (c) => {
    const { file } = c.req.valid("form");
    if (!ctx.config.dataDir) throw new AppError(503, "UPLOADS_UNAVAILABLE", "This server has no data folder for uploads");
    if (file.size > MAX_UPLOAD_BYTES) throw tooLarge();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const image = sniffImage(bytes);
    if (!image) throw unprocessable("Only PNG, JPEG, WebP and GIF images can be uploaded", { file: "not a PNG, JPEG, WebP or GIF image" }, "UNSUPPORTED_FILE");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const name = `${sha256}.${image.ext}`;
    const dir = uploadsDir(ctx.config.dataDir);
    const path = join(dir, name);
    let duplicate = await exists(path);
    if (!duplicate) {
      await mkdir(dir, { recursive: true });
      // Written aside and renamed, so a reader never sees half a file.
      const tmp = join(dir, `.${sha256}.${randomUUID()}.tmp`);
      await writeFile(tmp, bytes);
      await rename(tmp, path);
    }
    const staff = c.get("staff")!;
    const now = ctx.clock.now();
    writeTx(ctx.db, (tx) => {
      const row = tx
        .insert(uploads)
        .values({ sha256, path: `uploads/${name}`, mime: image.mime, size: bytes.length, width: image.width, height: image.height, uploadedBy: staff.username, supplierId: staff.supplierId, createdAt: now })
        .onConflictDoNothing({ target: uploads.sha256 })
        .returning()
        .get();
      if (!row) duplicate = true;
      else audit(tx, c, now, { action: "create", resource: "uploads", resourceId: row.id, after: row });
    });
    return c.json({ url: `/uploads/${name}`, sha256, mime: image.mime, size: bytes.length, width: image.width, height: image.height, duplicate }, 201);
  });

  return router;
}

/** GET /uploads/<sha256>.<ext>: the stored files, cached for good (a name never changes content). */
export function uploadFilesRouter(ctx: AppContext) {
  const router = new Hono<AppEnv>();
  router.get("/uploads/:name", async (c) => {
    const name = c.req.param("name");
    const notFound = () => respondError(c, new AppError(404, "NOT_FOUND", "No such file"));
    if (!ctx.config.dataDir || !FILE_NAME.test(name)) return notFound();
    let body: Buffer;
    try {
      body = await readFile(join(uploadsDir(ctx.config.dataDir), name));
    } catch {
      return notFound();
    }
    const ext = name.slice(name.lastIndexOf(".") + 1) as keyof typeof IMAGE_MIME;
    c.header("Content-Type", IMAGE_MIME[ext]);
    c.header("Cache-Control", "public, max-age=31536000, immutable");
    c.header("ETag", `"${name.slice(0, 64)}"`);
    c.header("X-Content-Type-Options", "nosniff");
    // The seed's SVG tiles: never a document that runs anything, even when opened directly.
    if (ext === "svg") c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    return c.body(new Uint8Array(body), 200);
  });
  return router;
}
