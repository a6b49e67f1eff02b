import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { importJobs } from "../../../db/schema";
import type { AppContext } from "../../context";
import { notFound } from "../../lib/errors";
import { listTable, specFor } from "../../lib/list-query";
import { errorResponses, IdParam, json, ListQuerySchema } from "../../lib/schemas";
import { newRouter } from "../../lib/router";
import { supplierScope } from "../../rbac/scope";
import { importJobDto } from "../products/products.handlers";
import { ImportJobSchema } from "../products/products.routes";

const tags = ["Imports"];

export const listImportJobs = createRoute({
  method: "get",
  path: "/import-jobs",
  tags,
  summary: "Long imports (coupon codes …) with their progress; supplier staff see their own",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(ImportJobSchema)), ...errorResponses },
});
export const getImportJob = createRoute({
  method: "get",
  path: "/import-jobs/{id}",
  tags,
  summary: "One import's progress (processed of total, succeeded, failed) and its row errors",
  request: { params: IdParam },
  responses: { 200: json(ImportJobSchema), ...errorResponses },
});

const spec = specFor(importJobs, { defaultSort: { field: "id", order: "desc" } });

export function importJobsRouter(ctx: AppContext) {
  const router = newRouter();
  router.openapi(listImportJobs, (c) => listTable(c, ctx.db, importJobs, spec, supplierScope(c.get("staff")!, importJobs.supplierId), importJobDto));
  router.openapi(getImportJob, (c) => {
    const { id } = c.req.valid("param");
    const job = ctx.db
      .select()
      .from(importJobs)
      .where(and(eq(importJobs.id, id), supplierScope(c.get("staff")!, importJobs.supplierId)))
      .get();
    if (!job) throw notFound("Import job", id);
    c.header("Cache-Control", "no-store");
    return c.json(importJobDto(job), 200);
  });
  return router;
}
