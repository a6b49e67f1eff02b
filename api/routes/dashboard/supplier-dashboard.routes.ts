import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, IsoDate, json } from "../../lib/schemas";

const LocalTextSchema = z.object({ "zh-CN": z.string(), "en-US": z.string() });
const rate = z.number().nullable().openapi({ description: "0…1, or null when there is nothing to judge yet" });

export const SupplierDashboardSchema = z
  .object({
    supplier: z.object({ id: z.number(), name: z.string() }).nullable().openapi({ description: "null: every supplier together" }),
    windowDays: z.number(),
    from: z.string().openapi({ description: "First mall day (Asia/Shanghai) of the window", example: "2026-01-01" }),
    to: z.string().openapi({ description: "Last mall day of the window (today)", example: "2026-01-30" }),
    days: z.array(z.object({ day: z.string(), redemptions: z.number(), units: z.number(), points: z.number() })).openapi({ description: "Orders (cancelled left out), units and points by mall day" }),
    awaitingShipment: z.object({ count: z.number(), oldestPaidAt: IsoDate.nullable(), oldestAgeHours: z.number().nullable(), overdue: z.number().openapi({ description: "Waiting more than 48 h since payment" }) }),
    onTime: z.object({ due: z.number(), onTime: z.number(), rate }).openapi({ description: "Orders paid in the window: shipped within 48 h of payment, of those shipped or waiting past 48 h" }),
    returns: z.object({ shipped: z.number(), returned: z.number(), defects: z.number(), returnRate: rate, defectRate: rate }).openapi({ description: "Of the orders shipped in the window" }),
    lowStock: z.array(z.object({ id: z.number(), name: LocalTextSchema, image: z.string(), stock: z.number(), lowStockThreshold: z.number(), status: z.string(), sold: z.number() })),
    rejected: z.array(z.object({ id: z.number(), name: LocalTextSchema, image: z.string(), rejectReason: z.string().nullable(), reviewedBy: z.string().nullable(), reviewedAt: IsoDate.nullable() })),
  })
  .openapi("SupplierDashboard");

export const getSupplierDashboard = createRoute({
  method: "get",
  path: "/dashboard/supplier",
  tags: ["Dashboard"],
  summary: "A supplier's redemptions, shipping and listings: supplier staff get their own; others pass supplierId (default: all suppliers)",
  request: { query: z.object({ supplierId: z.coerce.number().int().positive().optional() }) },
  responses: { 200: json(SupplierDashboardSchema), ...errorResponses },
});
