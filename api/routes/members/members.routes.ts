import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, IdParam, IsoDate, json, jsonBody, ListQuerySchema } from "../../lib/schemas";

export const MemberSchema = z
  .object({
    id: z.number(),
    appId: z.number(),
    externalId: z.string(),
    nickname: z.string(),
    phone: z.string(),
    tier: z.string(),
    balance: z.number(),
    status: z.enum(["active", "frozen"]),
    lastSeenAt: IsoDate.nullable(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("Member");

export const MemberDetailSchema = MemberSchema.extend({
  earned12m: z.number(),
  progress: z.object({ current: z.string(), earned12m: z.number(), next: z.string().nullable(), nextThreshold: z.number().nullable(), pointsToNext: z.number() }),
  expiring: z.object({ days: z.number(), total: z.number(), dates: z.array(z.object({ date: z.string(), points: z.number() })) }),
}).openapi("MemberDetail");

export const UpdateMemberBody = z
  .object({
    nickname: z.string().trim().max(64),
    phone: z.string().trim().max(32).regex(/^[0-9+\- ]*$/, "Digits, +, - and spaces only"),
    status: z.enum(["active", "frozen"]),
  })
  .partial()
  .strict();

export const AdjustBody = z
  .object({
    amount: z
      .number()
      .int("Whole points only")
      .refine((n) => n !== 0, "Must not be 0")
      .refine((n) => Math.abs(n) <= 10_000_000, "Too large"),
    reason: z.string().trim().min(2, "Say why (at least 2 characters)").max(200),
    /** Makes a retried click one adjustment; the Idempotency-Key header works too. */
    businessId: z.string().trim().min(1).max(128).optional(),
  })
  .strict();

export const AdjustResultSchema = z
  .object({
    status: z.enum(["applied", "held"]),
    entryId: z.number().nullable(),
    reviewId: z.number().nullable(),
    balance: z.number(),
    replayed: z.boolean(),
  })
  .openapi("AdjustResult");

/** What anyone reading members needs of the points policy, without the right to read the policy itself. */
export const MemberPolicySchema = z
  .object({
    tiers: z.array(z.object({ code: z.string(), name: z.object({ "zh-CN": z.string(), "en-US": z.string() }), threshold: z.number(), multiplierPermille: z.number() })),
    /** A change larger than this waits in the review queue. */
    riskThreshold: z.number(),
    /** The most the caller's role may adjust in one go; null when unlimited. */
    adjustLimit: z.number().nullable(),
  })
  .openapi("MemberPolicy");

const tags = ["Members"];

export const listMembers = createRoute({
  method: "get",
  path: "/members",
  tags,
  summary: "Members (q searches nickname, phone and host id; filters tier, status, balance_gte/lte, createdAt_gte/lte)",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(MemberSchema)), ...errorResponses },
});
export const getMemberPolicy = createRoute({
  method: "get",
  path: "/members/policy",
  tags,
  summary: "Tier names and thresholds, the review threshold and the caller's adjustment limit (for member screens)",
  responses: { 200: json(MemberPolicySchema), ...errorResponses },
});
export const getMember = createRoute({ method: "get", path: "/members/{id}", tags, request: { params: IdParam }, responses: { 200: json(MemberDetailSchema), ...errorResponses } });
export const updateMember = createRoute({
  method: "patch",
  path: "/members/{id}",
  tags,
  request: { params: IdParam, body: jsonBody(UpdateMemberBody) },
  responses: { 200: json(MemberSchema), ...errorResponses },
});
export const adjustMember = createRoute({
  method: "post",
  path: "/members/{id}/adjust",
  tags,
  summary: "Add or take points by hand, with a reason. Above the risk threshold it waits for review (202). Customer service is limited to the configured amount.",
  request: { params: IdParam, body: jsonBody(AdjustBody) },
  responses: { 200: json(AdjustResultSchema, "Applied"), 202: json(AdjustResultSchema, "Held for review"), ...errorResponses },
});
