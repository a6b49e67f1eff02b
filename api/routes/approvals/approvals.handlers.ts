import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, inArray } from "drizzle-orm";
import { auditLog, products } from "../../../db/schema";
import type { AppContext } from "../../context";
import { listingChanges, reviewBaseline, type ProductAuditEntry } from "../../domain/catalog/review-diff";
import { listRows, sendList, specFor } from "../../lib/list-query";
import { errorResponses, IsoDate, json, ListQuerySchema } from "../../lib/schemas";
import { newRouter } from "../../lib/router";
import { supplierScope } from "../../rbac/scope";
import { productDto, productFilters, supplierNames } from "../products/products.handlers";
import { ProductSchema } from "../products/products.routes";

export const ApprovalSchema = ProductSchema.extend({
  /** Null for a new listing; otherwise the listing fields changed since the version that was live (or rejected). */
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })).nullable(),
  /** When the version compared with was replaced (the change that sent the product back to review). */
  baselineAt: IsoDate.nullable(),
}).openapi("Approval");

export const listApprovals = createRoute({
  method: "get",
  path: "/approvals",
  tags: ["Catalog"],
  summary: "The approvals queue: listings waiting for review, oldest first, each with what changed",
  description: "Refine list conventions over products in pending_review (filters supplierId, type, categoryId, q).",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(ApprovalSchema)), ...errorResponses },
});

const spec = specFor(products, { search: [products.name], defaultSort: { field: "submittedAt", order: "asc" }, reserved: ["categoryId", "tags", "lowStock"] });

export function approvalsRouter(ctx: AppContext) {
  const router = newRouter();

  router.openapi(listApprovals, (c) => {
    const staff = c.get("staff")!;
    const scope = and(eq(products.status, "pending_review"), supplierScope(staff, products.supplierId), ...productFilters(c, ctx.db));
    const { rows, total } = listRows(c, ctx.db, products, spec, scope);
    const names = supplierNames(
      ctx.db,
      rows.map((r) => r.supplierId),
    );
    const history = new Map<string, ProductAuditEntry[]>();
    if (rows.length)
      for (const e of ctx.db
        .select({ resourceId: auditLog.resourceId, action: auditLog.action, before: auditLog.before, after: auditLog.after, createdAt: auditLog.createdAt })
        .from(auditLog)
        .where(and(eq(auditLog.resource, "products"), inArray(auditLog.resourceId, rows.map((r) => String(r.id)))))
        .orderBy(desc(auditLog.id))
        .all())
        history.set(e.resourceId!, [...(history.get(e.resourceId!) ?? []), e]);
    const items = rows.map((r) => {
      const dto = productDto(r, names);
      const baseline = reviewBaseline(history.get(String(r.id)) ?? []);
      return { ...dto, changes: baseline ? listingChanges(baseline.snapshot, dto) : null, baselineAt: baseline?.at.toISOString() ?? null };
    });
    return sendList(c, items, total);
  });

  return router;
}
