import { createRoute, z } from "@hono/zod-openapi";
import { productStatuses, productTypes } from "../../../db/schema";
import { errorResponses, IdParam, IsoDate, json, jsonBody, ListQuerySchema } from "../../lib/schemas";
import { LocalName } from "../categories/categories.routes";

const LocalTextOut = z.object({ "zh-CN": z.string(), "en-US": z.string() });

/** Rich text per language; sanitised on the way in (see domain/catalog/sanitize-html.ts). */
const LocalHtml = z
  .object({ "zh-CN": z.string().max(20_000).default(""), "en-US": z.string().max(20_000).default("") })
  .strict()
  .openapi({ example: { "zh-CN": "<p>主动降噪，续航 40 小时</p>", "en-US": "<p>Active noise cancelling, 40 h battery</p>" } });

const UPLOAD_URL = /^\/uploads\/[a-f0-9]{64}\.(png|jpg|webp|gif|svg)$/;
const DATA_URL = /^data:image\/(svg\+xml|png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+=*$/;
/** An uploaded image, an image elsewhere (http/https), or a small inline image (the demo's generated tiles). */
export const ImageRef = z
  .string()
  .max(200_000)
  .refine((v) => UPLOAD_URL.test(v) || /^https?:\/\/[^\s/]+\/\S*$/i.test(v) || (v.length <= 100_000 && DATA_URL.test(v)), "An uploaded image (/uploads/…), an http(s) URL, or an image data URL");

/**
 * Where a virtual good is fulfilled: the supplier's https endpoint, or a path under /sandbox/ on this
 * server (the demo supplier). Other paths on this server are refused: the call is made with the
 * supplier's signature and must not reach anything else here.
 */
const Endpoint = z
  .string()
  .trim()
  .max(500)
  .refine((v) => /^https?:\/\/[^\s/]+(\/\S*)?$/i.test(v) || /^\/sandbox\/[A-Za-z0-9/_-]+$/.test(v), "An http(s) URL, or a /sandbox/… path for the demo supplier");

const Fulfilment = z
  .object({
    endpoint: Endpoint,
    productCode: z.string().trim().min(1, "Required").max(64).regex(/^[A-Za-z0-9._-]+$/, "Letters, digits, dot, dash and underscore"),
  })
  .strict();

const Money = (max: number) => z.number().int("Whole numbers only (cents)").min(0, "Must not be negative").max(max);
const Count = (max: number) => z.number().int("Whole numbers only").min(0, "Must not be negative").max(max);
const DateTime = z.iso.datetime({ offset: true, message: "An ISO date-time" }).nullable();

const fields = {
  categoryId: z.number().int().positive().nullable(),
  name: LocalName(100),
  description: LocalHtml,
  images: z.array(ImageRef).max(9, "At most 9 images"),
  tags: z
    .array(z.string().trim().min(1).max(20))
    .max(10, "At most 10 tags")
    .transform((t) => [...new Set(t)]),
  pointsPrice: Count(10_000_000),
  cashPrice: Money(100_000_000),
  costCents: Money(100_000_000),
  stock: Count(10_000_000),
  lowStockThreshold: Count(10_000_000),
  perMemberLimit: Count(10_000),
  minTier: z.string().trim().max(32),
  saleStart: DateTime,
  saleEnd: DateTime,
  fulfilment: Fulfilment.nullable(),
  sortOrder: z.number().int().min(0).max(1_000_000),
};

export const CreateProductBody = z
  .object({ supplierId: z.number().int().positive(), type: z.enum(productTypes), ...fields })
  .partial()
  .required({ type: true, name: true, pointsPrice: true })
  .strict();
/** The type and the supplier are fixed once a product exists. */
export const UpdateProductBody = z.object(fields).partial().strict();
export const RejectBody = z.object({ reason: z.string().trim().min(2, "Tell the supplier why (2 characters or more)").max(500) }).strict();
export const ImportCodesBody = z
  .object({ csv: z.string().max(5_000_000, "At most 5 MB per import").openapi({ example: "code\nCOFFEE-7Q2M-1\nCOFFEE-7Q2M-2\n" }) })
  .strict();

export const ProductSchema = z
  .object({
    id: z.number(),
    supplierId: z.number(),
    supplierName: z.string(),
    categoryId: z.number().nullable(),
    type: z.enum(productTypes),
    name: LocalTextOut,
    description: LocalTextOut,
    images: z.array(z.string()),
    tags: z.array(z.string()),
    pointsPrice: z.number(),
    cashPrice: z.number(),
    costCents: z.number(),
    stock: z.number(),
    lowStockThreshold: z.number(),
    perMemberLimit: z.number(),
    minTier: z.string(),
    saleStart: IsoDate.nullable(),
    saleEnd: IsoDate.nullable(),
    fulfilment: z.object({ endpoint: z.string(), productCode: z.string() }).nullable(),
    status: z.enum(productStatuses),
    rejectReason: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    reviewedAt: IsoDate.nullable(),
    submittedAt: IsoDate.nullable(),
    sold: z.number(),
    sortOrder: z.number(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("Product");

export const CodeStatsSchema = z.object({ available: z.number(), assigned: z.number() }).openapi("CouponCodeStats");

export const ImportJobSchema = z
  .object({
    id: z.number(),
    kind: z.string(),
    targetId: z.number().nullable(),
    supplierId: z.number().nullable(),
    status: z.enum(["running", "done", "failed"]),
    total: z.number(),
    processed: z.number(),
    succeeded: z.number(),
    failed: z.number(),
    errors: z.array(z.object({ row: z.number(), message: z.string() })),
    createdBy: z.string(),
    createdAt: IsoDate,
    finishedAt: IsoDate.nullable(),
  })
  .openapi("ImportJob");

const tags = ["Catalog"];
const productReply = { 200: json(ProductSchema), ...errorResponses };

export const listProducts = createRoute({
  method: "get",
  path: "/products",
  tags,
  summary: "Products (supplier staff see only their own)",
  description:
    "Refine list conventions, plus `categoryId` (that category and its subcategories), `tags` (products carrying that tag), `lowStock=true` (stock at or under the threshold) and `stock_lte`.",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(ProductSchema)), ...errorResponses },
});
export const getProduct = createRoute({ method: "get", path: "/products/{id}", tags, request: { params: IdParam }, responses: productReply });
export const createProduct = createRoute({
  method: "post",
  path: "/products",
  tags,
  summary: "A new listing, as a draft (supplier staff: always for their own supplier)",
  request: { body: jsonBody(CreateProductBody) },
  responses: { 201: json(ProductSchema, "Created"), ...errorResponses },
});
export const updateProduct = createRoute({
  method: "patch",
  path: "/products/{id}",
  tags,
  summary: "Changes a listing; a supplier's change to a listed or rejected product sends it back to review",
  request: { params: IdParam, body: jsonBody(UpdateProductBody) },
  responses: productReply,
});

const verbRoute = <V extends string>(verb: V, summary: string) =>
  createRoute({ method: "post", path: `/products/{id}/${verb}` as const, tags, summary, request: { params: IdParam }, responses: productReply });

export const submitProduct = verbRoute("submit", "Submits a draft or rejected listing for review");
export const approveProduct = verbRoute("approve", "Approves a listing under review: it goes on sale");
export const rejectProduct = createRoute({
  method: "post",
  path: "/products/{id}/reject",
  tags,
  summary: "Rejects a listing under review, with the reason the supplier sees",
  request: { params: IdParam, body: jsonBody(RejectBody) },
  responses: productReply,
});
export const publishProduct = verbRoute("publish", "Puts an off-sale (or an operator's draft) product on sale");
export const unpublishProduct = verbRoute("unpublish", "Takes a product off sale");

export const importCodes = createRoute({
  method: "post",
  path: "/products/{id}/codes/import",
  tags,
  summary: "Imports coupon codes from CSV (one per line, optional header \"code\"); poll the job for progress",
  request: { params: IdParam, body: jsonBody(ImportCodesBody) },
  responses: { 202: json(ImportJobSchema, "The import has started"), ...errorResponses },
});
export const getCodeStats = createRoute({
  method: "get",
  path: "/products/{id}/codes/stats",
  tags,
  summary: "How many codes of the pool are available and assigned (never the codes)",
  request: { params: IdParam },
  responses: { 200: json(CodeStatsSchema), ...errorResponses },
});
