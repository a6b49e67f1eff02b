import { createRoute, z } from "@hono/zod-openapi";
import { ledgerEntries, pointLots, tierChanges } from "../../../db/schema";
import type { AppContext } from "../../context";
import { errorResponses, IsoDate, json, ListQuerySchema } from "../../lib/schemas";
import { listTable, specFor } from "../../lib/list-query";
import { newRouter } from "../../lib/router";
import { iso } from "../../lib/serialize";


export const LedgerEntrySchema = z
  .object({
    id: z.number(),
    appId: z.number(),
    memberId: z.number(),
    type: z.string(),
    amount: z.number(),
    balanceAfter: z.number(),
    businessId: z.string(),
    reason: z.string(),
    actorType: z.string(),
    actorId: z.string(),
    ruleId: z.number().nullable(),
    ruleVersion: z.number().nullable(),
    refEntryId: z.number().nullable(),
    orderId: z.number().nullable(),
    campaignId: z.number().nullable(),
    createdAt: IsoDate,
  })
  .openapi("LedgerEntry");

const LotSchema = z
  .object({ id: z.number(), memberId: z.number(), entryId: z.number(), amount: z.number(), remaining: z.number(), earnedAt: IsoDate, expiresAt: IsoDate.nullable(), expiredAt: IsoDate.nullable() })
  .openapi("PointLot");
const TierChangeSchema = z
  .object({ id: z.number(), memberId: z.number(), fromTier: z.string(), toTier: z.string(), earned12m: z.number(), reason: z.string(), createdAt: IsoDate })
  .openapi("TierChange");

const listRoute = (path: string, summary: string, schema: z.ZodType) =>
  createRoute({ method: "get", path, tags: ["Points"], summary, request: { query: ListQuerySchema }, responses: { 200: json(z.array(schema)), ...errorResponses } });

export const listLedger = listRoute("/ledger-entries", "The ledger, newest first (filters: memberId, type, ruleId, orderId, createdAt_gte/lte)", LedgerEntrySchema);
export const listLots = listRoute("/point-lots", "Earned lots with their expiry (filter memberId)", LotSchema);
export const listTierChanges = listRoute("/tier-changes", "Tier history (filter memberId)", TierChangeSchema);

const ledgerSpec = specFor(ledgerEntries, { search: [ledgerEntries.businessId, ledgerEntries.reason], defaultSort: { field: "id", order: "desc" } });
delete ledgerSpec.fields.requestHash;
const lotSpec = specFor(pointLots, { defaultSort: { field: "id", order: "desc" } });
const tierSpec = specFor(tierChanges, { defaultSort: { field: "id", order: "desc" } });

/** Read-only views over the ledger, lots and tier history (the member page's tabs, the auditor's ledger). */
export function ledgerRouter(ctx: AppContext) {
  const router = newRouter();
  router.openapi(listLedger, (c) => listTable(c, ctx.db, ledgerEntries, ledgerSpec, undefined, ({ requestHash: _h, ...e }) => iso(e)));
  router.openapi(listLots, (c) => listTable(c, ctx.db, pointLots, lotSpec, undefined, iso));
  router.openapi(listTierChanges, (c) => listTable(c, ctx.db, tierChanges, tierSpec, undefined, iso));
  return router;
}
