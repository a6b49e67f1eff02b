import { eq, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { StaffPrincipal } from "../middleware/staff-session";

/**
 * Row scope for supplier staff: every query of a supplier-owned resource adds this filter,
 * so a record of another supplier is simply not found (404), never forbidden (403).
 * Other roles see every supplier's rows.
 */
export function supplierScope(staff: StaffPrincipal, supplierIdColumn: SQLiteColumn): SQL | undefined {
  if (staff.role !== "supplier") return undefined;
  return eq(supplierIdColumn, staff.supplierId ?? -1);
}

/** True when the staff member may see a row owned by `supplierId`. */
export function inSupplierScope(staff: StaffPrincipal, supplierId: number | null | undefined): boolean {
  return staff.role !== "supplier" || (staff.supplierId != null && staff.supplierId === supplierId);
}
