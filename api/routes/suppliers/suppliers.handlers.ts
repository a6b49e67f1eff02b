import { and, eq } from "drizzle-orm";
import { suppliers } from "../../../db/schema";
import type { AppContext } from "../../context";
import { audit } from "../../lib/audit";
import { conflict, notFound } from "../../lib/errors";
import { listTable, specFor, withoutFields } from "../../lib/list-query";
import { maskEmail, maskPhone } from "../../lib/masking";
import { newRouter } from "../../lib/router";
import { supplierScope } from "../../rbac/scope";
import { createSupplier, getSupplier, listSuppliers, updateSupplier } from "./suppliers.routes";

type SupplierRow = typeof suppliers.$inferSelect;

export function supplierDto({ apiSecretEnc, ...r }: SupplierRow, unmask: boolean) {
  return {
    ...r,
    /** Whether a fulfilment secret is set (the secret itself is shown once, when generated). */
    hasApiSecret: apiSecretEnc != null,
    contactPhone: unmask ? r.contactPhone : maskPhone(r.contactPhone),
    contactEmail: unmask ? r.contactEmail : maskEmail(r.contactEmail),
    settlement: unmask ? r.settlement : { ...r.settlement, accountNumber: r.settlement.accountNumber ? "****" + r.settlement.accountNumber.slice(-4) : undefined },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const spec = specFor(suppliers, { search: [suppliers.name, suppliers.code, suppliers.contactName], defaultSort: { field: "id", order: "asc" } });
// Roles that see contact details masked may not filter on them either (contactPhone_like=138123 would reveal them).
const maskedSpec = withoutFields(spec, ["contactPhone", "contactEmail", "settlement"]);

export function suppliersRouter(ctx: AppContext) {
  const router = newRouter();
  const unmask = (role: string) => ctx.authz.can(role, "pii", "unmask");

  router.openapi(listSuppliers, (c) => {
    const staff = c.get("staff")!;
    const see = unmask(staff.role);
    return listTable(c, ctx.db, suppliers, see ? spec : maskedSpec, supplierScope(staff, suppliers.id), (r) => supplierDto(r, see));
  });

  router.openapi(getSupplier, (c) => {
    const { id } = c.req.valid("param");
    const staff = c.get("staff")!;
    const row = ctx.db.select().from(suppliers).where(and(eq(suppliers.id, id), supplierScope(staff, suppliers.id))).get();
    if (!row) throw notFound("Supplier", id);
    return c.json(supplierDto(row, unmask(staff.role)), 200);
  });

  router.openapi(createSupplier, (c) => {
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const row = ctx.db.transaction((tx) => {
      if (tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.code, body.code)).get())
        throw conflict("SUPPLIER_CODE_TAKEN", `The supplier code ${body.code} is taken`, { fields: { code: "already taken" } });
      const created = tx.insert(suppliers).values({ ...body, createdAt: now, updatedAt: now }).returning().get();
      audit(tx, c, now, { action: "create", resource: "suppliers", resourceId: created.id, after: created });
      return created;
    });
    return c.json(supplierDto(row, true), 201);
  });

  router.openapi(updateSupplier, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const staff = c.get("staff")!;
    const now = ctx.clock.now();
    const row = ctx.db.transaction((tx) => {
      const before = tx.select().from(suppliers).where(and(eq(suppliers.id, id), supplierScope(staff, suppliers.id))).get();
      if (!before) throw notFound("Supplier", id);
      const after = tx.update(suppliers).set({ ...body, updatedAt: now }).where(eq(suppliers.id, id)).returning().get();
      audit(tx, c, now, { action: "update", resource: "suppliers", resourceId: id, before, after });
      return after;
    });
    return c.json(supplierDto(row, unmask(staff.role)), 200);
  });

  return router;
}
