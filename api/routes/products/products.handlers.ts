import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Context } from "hono";
import type { DbOrTx } from "../../../db/client";
import { categories, importJobs, products, suppliers, type LocalText, type ProductStatus } from "../../../db/schema";
import type { AppContext, AppEnv } from "../../context";
import { subtreeIds } from "../../domain/catalog/category-tree";
import { codeStats, parseCodeCsv, runCouponImport } from "../../domain/catalog/coupon-import";
import { productProblems } from "../../domain/catalog/product-rules";
import { allowedFrom, changedListingFields, statusAfter, statusAfterSupplierEdit, type ProductVerb } from "../../domain/catalog/product-status";
import { sanitizeHtml } from "../../domain/catalog/sanitize-html";
import { audit } from "../../lib/audit";
import { badRequest, conflict, notFound, unprocessable } from "../../lib/errors";
import { listRows, sendList, specFor } from "../../lib/list-query";
import { newRouter } from "../../lib/router";
import { iso } from "../../lib/serialize";
import { writeTx } from "../../lib/tx";
import type { StaffPrincipal } from "../../middleware/staff-session";
import { supplierScope } from "../../rbac/scope";
import {
  approveProduct,
  createProduct,
  getCodeStats,
  getProduct,
  importCodes,
  listProducts,
  publishProduct,
  rejectProduct,
  submitProduct,
  unpublishProduct,
  updateProduct,
} from "./products.routes";

export type ProductRow = typeof products.$inferSelect;
type ImportJobRow = typeof importJobs.$inferSelect;

/** Supplier names for a page of products, in one query. */
export function supplierNames(db: DbOrTx, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: suppliers.id, name: suppliers.name })
      .from(suppliers)
      .where(inArray(suppliers.id, [...new Set(ids)]))
      .all()
      .map((s) => [s.id, s.name]),
  );
}

export const productDto = (p: ProductRow, names: Map<number, string>) => ({ ...iso(p), supplierName: names.get(p.supplierId) ?? "" });
export const importJobDto = (j: ImportJobRow) => iso(j);

export const productSpec = specFor(products, {
  search: [products.name],
  defaultSort: { field: "id", order: "desc" },
  reserved: ["categoryId", "tags", "lowStock"],
});

/** The reserved list filters: a category with its subcategories, a tag, and stock at or under the threshold. */
export function productFilters(c: Context, db: DbOrTx): SQL[] {
  const out: SQL[] = [];
  const cat = c.req.query("categoryId");
  if (cat !== undefined && cat !== "") {
    const id = Number(cat);
    if (!Number.isInteger(id) || id <= 0) throw badRequest("INVALID_QUERY", "categoryId must be a category id", { fields: { categoryId: "must be a positive integer" } });
    const rows = db.select({ id: categories.id, parentId: categories.parentId, sortOrder: categories.sortOrder }).from(categories).all();
    out.push(inArray(products.categoryId, [...subtreeIds(rows, id)]));
  }
  for (const tag of c.req.queries("tags") ?? []) if (tag) out.push(sql`exists (select 1 from json_each(${products.tags}) where json_each.value = ${tag})`);
  const low = c.req.query("lowStock");
  if (low === "true" || low === "1") out.push(sql`${products.stock} <= ${products.lowStockThreshold}`);
  return out;
}

const sanitizeText = (t: LocalText): LocalText => ({ "zh-CN": sanitizeHtml(t["zh-CN"]), "en-US": sanitizeHtml(t["en-US"]) });
const toDate = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));

function scopedProduct(tx: DbOrTx, staff: StaffPrincipal, id: number): ProductRow {
  const row = tx.select().from(products).where(and(eq(products.id, id), supplierScope(staff, products.supplierId))).get();
  if (!row) throw notFound("Product", id);
  return row;
}

function requireCategory(tx: DbOrTx, categoryId: number | null | undefined) {
  if (categoryId == null) return;
  if (!tx.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)).get())
    throw unprocessable("The category does not exist", { categoryId: "no such category" });
}

export function productsRouter(ctx: AppContext) {
  const router = newRouter();
  const tierCodes = () => ctx.policy.get().tiers.map((t) => t.code);
  const reply = (row: ProductRow) => productDto(row, supplierNames(ctx.db, [row.supplierId]));
  const check = (merged: ProductRow) => {
    const problems = productProblems(merged, tierCodes());
    if (Object.keys(problems).length) throw unprocessable(`Invalid product (${Object.values(problems)[0]})`, problems);
  };

  router.openapi(listProducts, (c) => {
    const staff = c.get("staff")!;
    const extra = productFilters(c, ctx.db);
    const scope = and(supplierScope(staff, products.supplierId), ...extra);
    const { rows, total } = listRows(c, ctx.db, products, productSpec, scope);
    const names = supplierNames(
      ctx.db,
      rows.map((r) => r.supplierId),
    );
    return sendList(
      c,
      rows.map((r) => productDto(r, names)),
      total,
    );
  });

  router.openapi(getProduct, (c) => {
    const { id } = c.req.valid("param");
    return c.json(reply(scopedProduct(ctx.db, c.get("staff")!, id)), 200);
  });

  router.openapi(createProduct, (c) => {
    const body = c.req.valid("json");
    const staff = c.get("staff")!;
    const now = ctx.clock.now();
    const isSupplier = staff.role === "supplier";
    // Supplier staff always list for their own supplier, whatever the body says.
    const supplierId = isSupplier ? staff.supplierId : body.supplierId;
    if (supplierId == null) throw unprocessable("Choose the supplier of this product", { supplierId: "Required" });
    if (isSupplier && body.sortOrder !== undefined) throw unprocessable("Only operators set the display order", { sortOrder: "operators only" });
    if (body.type === "coupon" && body.stock) throw unprocessable("A coupon product's stock is its available codes: import codes instead", { stock: "follows the code pool" });
    const row = writeTx(ctx.db, (tx) => {
      if (!tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, supplierId)).get())
        throw unprocessable("The supplier does not exist", { supplierId: "no such supplier" });
      requireCategory(tx, body.categoryId);
      const values = {
        supplierId,
        type: body.type,
        categoryId: body.categoryId ?? null,
        name: body.name,
        description: sanitizeText(body.description ?? { "zh-CN": "", "en-US": "" }),
        images: body.images ?? [],
        tags: body.tags ?? [],
        pointsPrice: body.pointsPrice,
        cashPrice: body.cashPrice ?? 0,
        costCents: body.costCents ?? 0,
        stock: body.type === "coupon" ? 0 : (body.stock ?? 0),
        lowStockThreshold: body.lowStockThreshold ?? 0,
        perMemberLimit: body.perMemberLimit ?? 0,
        minTier: body.minTier ?? "",
        saleStart: toDate(body.saleStart) ?? null,
        saleEnd: toDate(body.saleEnd) ?? null,
        fulfilment: body.type === "virtual" ? (body.fulfilment ?? null) : null,
        sortOrder: body.sortOrder ?? 0,
        status: "draft" as const,
        createdAt: now,
        updatedAt: now,
      };
      check({ ...values, id: 0 } as ProductRow);
      const created = tx.insert(products).values(values).returning().get();
      audit(tx, c, now, { action: "create", resource: "products", resourceId: created.id, after: created });
      return created;
    });
    return c.json(reply(row), 201);
  });

  router.openapi(updateProduct, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const staff = c.get("staff")!;
    const now = ctx.clock.now();
    const isSupplier = staff.role === "supplier";
    if (isSupplier && body.sortOrder !== undefined) throw unprocessable("Only operators set the display order", { sortOrder: "operators only" });
    const row = writeTx(ctx.db, (tx) => {
      const before = scopedProduct(tx, staff, id);
      if (before.type === "coupon" && body.stock !== undefined && body.stock !== before.stock)
        throw unprocessable("A coupon product's stock is its available codes: import codes instead", { stock: "follows the code pool" });
      if (body.categoryId !== undefined) requireCategory(tx, body.categoryId);
      const { saleStart, saleEnd, description, fulfilment, ...rest } = body;
      const patch: Partial<ProductRow> = { ...rest };
      if (saleStart !== undefined) patch.saleStart = toDate(saleStart);
      if (saleEnd !== undefined) patch.saleEnd = toDate(saleEnd);
      if (description !== undefined) patch.description = sanitizeText(description);
      if (fulfilment !== undefined) patch.fulfilment = before.type === "virtual" ? fulfilment : null;
      check({ ...before, ...patch });

      const changed = changedListingFields(before, patch);
      if (isSupplier) {
        const status = statusAfterSupplierEdit(before.status, changed.length > 0);
        // A changed listing leaves the shop until an operator has looked at it again.
        if (status !== before.status) Object.assign(patch, { status, submittedAt: now });
      }
      const after = tx
        .update(products)
        .set({ ...patch, updatedAt: now })
        .where(eq(products.id, id))
        .returning()
        .get();
      audit(tx, c, now, { action: "update", resource: "products", resourceId: id, before, after });
      return after;
    });
    return c.json(reply(row), 200);
  });

  /** One state change: checked against the state machine, and against a concurrent change of the same product. */
  const move = (c: Context<AppEnv>, id: number, verb: ProductVerb, extra: (now: Date, staff: StaffPrincipal) => Partial<ProductRow> = () => ({})) => {
    const staff = c.get("staff")!;
    const now = ctx.clock.now();
    return writeTx(ctx.db, (tx) => {
      const before = scopedProduct(tx, staff, id);
      const to = statusAfter(verb, before.status);
      if (!to)
        throw conflict("ILLEGAL_TRANSITION", `A product that is ${before.status.replace("_", " ")} cannot be ${verb === "submit" ? "submitted" : verb + "d"}`, {
          from: before.status,
          allowedFrom: allowedFrom(verb),
        });
      const after = tx
        .update(products)
        .set({ ...extra(now, staff), status: to, updatedAt: now })
        .where(and(eq(products.id, id), eq(products.status, before.status as ProductStatus)))
        .returning()
        .get();
      if (!after) throw conflict("PRODUCT_CHANGED", "The product changed meanwhile; reload it");
      audit(tx, c, now, { action: verb, resource: "products", resourceId: id, before, after });
      return after;
    });
  };

  router.openapi(submitProduct, (c) => c.json(reply(move(c, c.req.valid("param").id, "submit", (now) => ({ submittedAt: now }))), 200));
  router.openapi(approveProduct, (c) =>
    c.json(reply(move(c, c.req.valid("param").id, "approve", (now, staff) => ({ reviewedBy: staff.username, reviewedAt: now, rejectReason: null }))), 200),
  );
  router.openapi(rejectProduct, (c) => {
    const { reason } = c.req.valid("json");
    return c.json(reply(move(c, c.req.valid("param").id, "reject", (now, staff) => ({ reviewedBy: staff.username, reviewedAt: now, rejectReason: reason }))), 200);
  });
  router.openapi(publishProduct, (c) => c.json(reply(move(c, c.req.valid("param").id, "publish")), 200));
  router.openapi(unpublishProduct, (c) => c.json(reply(move(c, c.req.valid("param").id, "unpublish")), 200));

  router.openapi(getCodeStats, (c) => {
    const product = scopedProduct(ctx.db, c.get("staff")!, c.req.valid("param").id);
    return c.json(codeStats(ctx.db, product.id), 200);
  });

  router.openapi(importCodes, (c) => {
    const { id } = c.req.valid("param");
    const { csv } = c.req.valid("json");
    const staff = c.get("staff")!;
    const now = ctx.clock.now();
    const parsed = parseCodeCsv(csv);
    const job = writeTx(ctx.db, (tx) => {
      const product = scopedProduct(tx, staff, id);
      if (product.type !== "coupon") throw conflict("NOT_A_COUPON_PRODUCT", "Only coupon products have a code pool");
      if (parsed.rows === 0) throw unprocessable("The file holds no codes", { csv: "no codes (one per line, optional header \"code\")" });
      const created = tx
        .insert(importJobs)
        .values({ kind: "coupon_codes", targetId: id, supplierId: product.supplierId, total: parsed.rows, createdBy: staff.username, createdAt: now })
        .returning()
        .get();
      // The audit entry says how many rows came in, never which codes.
      audit(tx, c, now, { action: "import", resource: "products", resourceId: id, after: { importJobId: created.id, rows: parsed.rows } });
      return created;
    });
    const log = c.get("log");
    // Runs on after the reply: the console polls GET /import-jobs/:id for progress.
    void runCouponImport({ db: ctx.db, box: ctx.box, now: () => ctx.clock.now(), onError: (err) => log?.error({ err, importJobId: job.id }, "coupon import stopped") }, job.id, id, parsed);
    return c.json(importJobDto(job), 202);
  });

  return router;
}
