import { createRoute, z } from "@hono/zod-openapi";
import { BlocksSchema, LocalTextIn, PAGE_PATH } from "../../domain/pages/blocks";
import { errorResponses, IdParam, IsoDate, json, jsonBody, ListQuerySchema, OkSchema } from "../../lib/schemas";
import { ResolvedPageSchema } from "../shop-pages/shop-pages.routes";

const Text = z.object({ "zh-CN": z.string(), "en-US": z.string() });
const DateTime = z.iso.datetime({ offset: true, message: "An ISO date-time" });

export const VersionSchema = z
  .object({
    id: z.number(),
    version: z.number(),
    note: z.string(),
    createdBy: z.string(),
    createdAt: IsoDate,
    publishAt: IsoDate.nullable().openapi({ description: "Set for a scheduled publish" }),
    publishedAt: IsoDate.nullable(),
    state: z.enum(["live", "scheduled", "previous"]),
    blockCount: z.number(),
  })
  .openapi("PageVersion");

export const PageSchema = z
  .object({
    id: z.number(),
    path: z.string(),
    title: Text,
    status: z.enum(["active", "archived"]),
    publishedVersionId: z.number().nullable(),
    publishedVersion: z.number().nullable(),
    publishedAt: IsoDate.nullable(),
    /** The next scheduled publish, if any. */
    scheduledAt: IsoDate.nullable(),
    blockCount: z.number(),
    /** The draft differs from what members see (or nothing is published yet). */
    hasUnpublishedChanges: z.boolean(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("Page");

export const PageDetailSchema = PageSchema.extend({
  draft: z.array(z.unknown()).openapi({ description: "The draft's blocks (PageBlock)" }),
  versions: z.array(VersionSchema).openapi({ description: "Newest first" }),
}).openapi("PageDetail");

const Path = z.string().trim().max(80).regex(PAGE_PATH, '"/" for the home page, or "/topics/<slug>" (lower-case letters, digits and -)');

export const CreatePageBody = z.object({ path: Path, title: LocalTextIn(60, true), blocks: BlocksSchema.optional() }).strict();
/** The path is fixed once a page exists: links and the storefront point at it. */
export const UpdatePageBody = z.object({ title: LocalTextIn(60, true).optional(), blocks: BlocksSchema.optional(), status: z.enum(["active", "archived"]).optional() }).strict();
export const PublishBody = z
  .object({
    note: z.string().trim().max(200).default(""),
    publishAt: DateTime.nullish().openapi({ description: "A future time: the version waits and is published then. Absent or past: now." }),
  })
  .strict();
export const RollbackBody = z.object({ versionId: z.number().int().positive(), note: z.string().trim().max(200).optional() }).strict();
export const PreviewBody = z.object({ blocks: BlocksSchema, title: LocalTextIn(60).optional() }).strict();

const VersionParams = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" } }),
  versionId: z.coerce.number().int().positive().openapi({ param: { name: "versionId", in: "path" } }),
});

const tags = ["Storefront pages"];
const detail = { 200: json(PageDetailSchema), ...errorResponses };

export const listPages = createRoute({ method: "get", path: "/pages", tags, request: { query: ListQuerySchema }, responses: { 200: json(z.array(PageSchema)), ...errorResponses } });
export const getPage = createRoute({ method: "get", path: "/pages/{id}", tags, summary: "A page with its draft and versions", request: { params: IdParam }, responses: detail });
export const createPage = createRoute({
  method: "post",
  path: "/pages",
  tags,
  summary: 'A new page ("/" the home page, "/topics/<slug>" a topic page), with an empty or given draft',
  request: { body: jsonBody(CreatePageBody) },
  responses: { 201: json(PageDetailSchema, "Created"), ...errorResponses },
});
export const updatePage = createRoute({
  method: "patch",
  path: "/pages/{id}",
  tags,
  summary: "Saves the draft (title, blocks validated per type) or archives the page",
  description: "Members keep seeing the published version until the draft is published. Rich text is sanitised; products, campaigns, slots and link targets must exist.",
  request: { params: IdParam, body: jsonBody(UpdatePageBody) },
  responses: detail,
});
export const deletePage = createRoute({
  method: "delete",
  path: "/pages/{id}",
  tags,
  summary: "Deletes a topic page and its versions (the home page cannot be deleted)",
  request: { params: IdParam },
  responses: { 200: json(OkSchema), ...errorResponses },
});
export const publishPage = createRoute({
  method: "post",
  path: "/pages/{id}/publish",
  tags,
  summary: "Publishes the draft as a new version, now or at publishAt",
  request: { params: IdParam, body: jsonBody(PublishBody) },
  responses: detail,
});
export const rollbackPage = createRoute({
  method: "post",
  path: "/pages/{id}/rollback",
  tags,
  summary: "Publishes an earlier version again (as a new version); the draft becomes that version too",
  request: { params: IdParam, body: jsonBody(RollbackBody) },
  responses: detail,
});
export const cancelVersion = createRoute({
  method: "post",
  path: "/pages/{id}/versions/{versionId}/cancel-publish",
  tags,
  summary: "Cancels a scheduled publish (the version is removed; the draft stays). Permission: pages cancel-publish.",
  request: { params: VersionParams },
  responses: detail,
});
export const previewPage = createRoute({
  method: "get",
  path: "/pages/{id}/preview",
  tags,
  summary: "The saved draft (or a version) resolved exactly as the storefront would show it now",
  request: { params: IdParam, query: z.object({ versionId: z.coerce.number().int().positive().optional() }) },
  responses: { 200: json(ResolvedPageSchema), ...errorResponses },
});
export const previewBlocks = createRoute({
  method: "post",
  path: "/pages/{id}/preview",
  tags,
  summary: "Unsaved blocks (the editor's state) validated and resolved as the storefront would show them",
  request: { params: IdParam, body: jsonBody(PreviewBody) },
  responses: { 200: json(ResolvedPageSchema), ...errorResponses },
});
