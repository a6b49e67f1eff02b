import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, json } from "../../lib/schemas";

const LocalName = z.object({ "zh-CN": z.string(), "en-US": z.string() });

export const PointsSummarySchema = z
  .object({
    memberId: z.string(),
    nickname: z.string(),
    balance: z.number(),
    tier: z.string(),
    tierName: LocalName,
    multiplierPermille: z.number(),
    progress: z.object({ current: z.string(), earned12m: z.number(), next: z.string().nullable(), nextThreshold: z.number().nullable(), pointsToNext: z.number() }),
    expiring: z.object({ days: z.number(), total: z.number(), dates: z.array(z.object({ date: z.string(), points: z.number() })) }),
  })
  .openapi("PointsSummary");

const LocalTextOut = z.object({ "zh-CN": z.string(), "en-US": z.string() });

export const LedgerPageSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number(),
        type: z.string(),
        amount: z.number(),
        balanceAfter: z.number(),
        businessId: z.string(),
        reason: z.string(),
        orderId: z.number().nullable(),
        campaignId: z.number().nullable(),
        createdAt: z.string(),
        order: z.object({ orderNo: z.string(), productName: LocalTextOut }).nullable().openapi({ description: "For entries of an order: its number and what was bought" }),
        campaign: z.object({ title: LocalTextOut, template: z.string() }).nullable().openapi({ description: "For entries of a campaign: its title and template" }),
      }),
    ),
    page: z.number(),
    limit: z.number(),
    total: z.number(),
  })
  .openapi("LedgerPage");

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const MemberParam = z.object({ memberId: z.string().min(1).max(64).openapi({ param: { name: "memberId", in: "path" }, example: "u-10086" }) });
const tags = ["Host integration"];
const signed = [{ appSignature: [] }];

export const getOpenMember = createRoute({
  method: "get",
  path: "/members/{memberId}",
  tags,
  security: signed,
  summary: "A member's balance, tier and points expiring in the next 30 days",
  request: { params: MemberParam },
  responses: { 200: json(PointsSummarySchema), 401: errorResponses[401], 404: errorResponses[404] },
});

export const getOpenMemberLedger = createRoute({
  method: "get",
  path: "/members/{memberId}/ledger",
  tags,
  security: signed,
  summary: "A member's points history, newest first",
  request: { params: MemberParam, query: PageQuery },
  responses: { 200: json(LedgerPageSchema), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
});
