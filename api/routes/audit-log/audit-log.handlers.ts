import { eq } from "drizzle-orm";
import { auditLog } from "../../../db/schema";
import type { AppContext } from "../../context";
import { notFound } from "../../lib/errors";
import { listTable, specFor } from "../../lib/list-query";
import { newRouter } from "../../lib/router";
import { getAudit, listAudit } from "./audit-log.routes";

type AuditRow = typeof auditLog.$inferSelect;
const dto = (r: AuditRow) => ({ ...r, createdAt: r.createdAt.toISOString() });
const spec = specFor(auditLog, { search: [auditLog.actorName, auditLog.resource, auditLog.action], defaultSort: { field: "id", order: "desc" } });

export function auditLogRouter(ctx: AppContext) {
  const router = newRouter();
  router.openapi(listAudit, (c) => listTable(c, ctx.db, auditLog, spec, undefined, dto));
  router.openapi(getAudit, (c) => {
    const { id } = c.req.valid("param");
    const row = ctx.db.select().from(auditLog).where(eq(auditLog.id, id)).get();
    if (!row) throw notFound("Audit entry", id);
    return c.json(dto(row), 200);
  });
  return router;
}
