import { eq } from "drizzle-orm";
import { auditLog } from "../../../db/schema";
import type { AppContext } from "../../context";
import { notFound } from "../../lib/errors";
import { listTable, specFor } from "../../lib/list-query";
import { maskPersonalFields } from "../../lib/masking";
import { newRouter } from "../../lib/router";
import { getAudit, listAudit } from "./audit-log.routes";

type AuditRow = typeof auditLog.$inferSelect;
/** Snapshots hold the personal data of the rows they record: masked for roles that may not see it elsewhere. */
const dto = (r: AuditRow, unmask: boolean) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  before: unmask ? r.before : maskPersonalFields(r.before),
  after: unmask ? r.after : maskPersonalFields(r.after),
});
const spec = specFor(auditLog, { search: [auditLog.actorName, auditLog.resource, auditLog.action], defaultSort: { field: "id", order: "desc" } });
// Not filters: a `before_like=1381234` probe would reveal the personal data the dto masks.
delete spec.fields.before;
delete spec.fields.after;

export function auditLogRouter(ctx: AppContext) {
  const router = newRouter();
  const unmask = (role: string) => ctx.authz.can(role, "pii", "unmask");
  router.openapi(listAudit, (c) => {
    const see = unmask(c.get("staff")!.role);
    return listTable(c, ctx.db, auditLog, spec, undefined, (r) => dto(r, see));
  });
  router.openapi(getAudit, (c) => {
    const { id } = c.req.valid("param");
    const row = ctx.db.select().from(auditLog).where(eq(auditLog.id, id)).get();
    if (!row) throw notFound("Audit entry", id);
    return c.json(dto(row, unmask(c.get("staff")!.role)), 200);
  });
  return router;
}
