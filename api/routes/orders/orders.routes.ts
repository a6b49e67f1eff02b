import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, IdParam, json, jsonBody, ListQuerySchema } from "../../lib/schemas";

export const AdminOrderSchema = z.record(z.string(), z.unknown()).openapi("AdminOrder");

export const ShipBody = z
  .object({
    carrier: z.string().trim().min(1, "Required").max(32),
    trackingNo: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/, "6–40 letters, digits or dashes"),
  })
  .strict();
export const ReasonBody = z.object({ reason: z.string().trim().min(2, "Say why (at least 2 characters)").max(200) }).strict();
export const ReturnBody = z.object({ reason: z.enum(["defect", "other"]), note: z.string().trim().max(200).default("") }).strict();
export const BulkShipBody = z.object({ csv: z.string().min(1).max(2_000_000) }).strict();

const tags = ["Orders"];
export const listOrders = createRoute({
  method: "get",
  path: "/orders",
  tags,
  summary: "Orders (supplier staff: their own); filters status, supplierId, productId, memberId, source, campaignId, createdAt_gte/lte; q = order number",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(AdminOrderSchema)), ...errorResponses },
});
export const orderStatusCounts = createRoute({
  method: "get",
  path: "/orders/status-counts",
  tags,
  summary: "How many orders are in each status, under the same filters as the list (the status filter left out): for the console's status tabs",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.record(z.string(), z.number()).openapi("OrderStatusCounts")), ...errorResponses },
});
export const getOrder = createRoute({ method: "get", path: "/orders/{id}", tags, summary: "An order with its timeline and payments", request: { params: IdParam }, responses: { 200: json(AdminOrderSchema), ...errorResponses } });
export const shipRoute = createRoute({ method: "post", path: "/orders/{id}/ship", tags, request: { params: IdParam, body: jsonBody(ShipBody) }, responses: { 200: json(AdminOrderSchema), ...errorResponses } });
export const cancelRoute = createRoute({
  method: "post",
  path: "/orders/{id}/cancel",
  tags,
  summary: "Cancel before shipment: points return with their original expiry, stock returns, a captured payment is refunded",
  request: { params: IdParam, body: jsonBody(ReasonBody) },
  responses: { 200: json(AdminOrderSchema), ...errorResponses },
});
export const returnRoute = createRoute({
  method: "post",
  path: "/orders/{id}/return",
  tags,
  summary: "Mark shipped goods returned: the points are given back",
  request: { params: IdParam, body: jsonBody(ReturnBody) },
  responses: { 200: json(AdminOrderSchema), ...errorResponses },
});
export const bulkShipRoute = createRoute({
  method: "post",
  path: "/orders/bulk-ship",
  tags,
  summary: "Ship many orders from CSV lines `orderNo,carrier,trackingNo` (a header line is optional); returns an import job to poll",
  request: { body: jsonBody(BulkShipBody) },
  responses: { 202: json(z.object({ jobId: z.number(), total: z.number() }), "Started"), ...errorResponses },
});
