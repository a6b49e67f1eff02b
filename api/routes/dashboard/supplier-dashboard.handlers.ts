import { eq } from "drizzle-orm";
import { suppliers } from "../../../db/schema";
import type { AppContext } from "../../context";
import { supplierDashboard } from "../../domain/orders/supplier-dashboard";
import { notFound } from "../../lib/errors";
import { newRouter } from "../../lib/router";
import { getSupplierDashboard } from "./supplier-dashboard.routes";

export function supplierDashboardRouter(ctx: AppContext) {
  const router = newRouter();
  router.openapi(getSupplierDashboard, (c) => {
    const staff = c.get("staff")!;
    const asked = c.req.valid("query").supplierId ?? null;
    // Supplier staff always see their own supplier; asking for another one is "not found", as everywhere.
    let supplierId = asked;
    if (staff.role === "supplier") {
      if (asked != null && asked !== staff.supplierId) throw notFound("Supplier", asked);
      supplierId = staff.supplierId ?? -1;
    }
    let supplier: { id: number; name: string } | null = null;
    if (supplierId != null) {
      supplier = ctx.db.select({ id: suppliers.id, name: suppliers.name }).from(suppliers).where(eq(suppliers.id, supplierId)).get() ?? null;
      if (!supplier) throw notFound("Supplier", supplierId);
    }
    c.header("Cache-Control", "no-store");
    return c.json({ supplier, ...supplierDashboard(ctx.db, supplierId, ctx.clock.now()) }, 200);
  });
  return router;
}
