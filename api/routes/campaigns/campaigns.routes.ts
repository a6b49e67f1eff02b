import { createRoute, z } from "@hono/zod-openapi";
import { campaignStatuses, campaignTemplates, prizeKinds } from "../../../db/schema";
import { errorResponses, IdParam, IsoDate, json, jsonBody, ListQuerySchema } from "../../lib/schemas";
import { LocalName } from "../categories/categories.routes";
import { ImageRef } from "../products/products.routes";

const LocalTextOut = z.object({ "zh-CN": z.string(), "en-US": z.string() });
const LocalRules = z
  .object({ "zh-CN": z.string().trim().max(4000).default(""), "en-US": z.string().trim().max(4000).default("") })
  .strict()
  .openapi({ example: { "zh-CN": "每次抽奖消耗 20 积分，每天 3 次。", "en-US": "Each spin costs 20 points; 3 a day." } });
const Count = (max: number) => z.number().int("Whole numbers only").min(0, "Must not be negative").max(max);
const DateTime = z.iso.datetime({ offset: true, message: "An ISO date-time" });

export const PrizeInput = z
  .object({
    name: LocalName(40),
    kind: z.enum(prizeKinds),
    /** Points prizes: how many points. */
    points: Count(1_000_000).default(0),
    /** Product, coupon and virtual prizes: the product whose zero-price order is created. */
    productId: z.number().int().positive().nullable().default(null),
    oddsPpm: z.number().int("A whole number of parts per million").min(0).max(1_000_000).default(0),
    /** null: no stock limit (points prizes and the fallback). */
    stock: Count(10_000_000).nullable().default(null),
    dailyRelease: Count(1_000_000).default(0),
    valueCents: Count(100_000_000).default(0),
    isFallback: z.boolean().default(false),
    color: z
      .string()
      .trim()
      .regex(/^(#[0-9a-fA-F]{6})?$/, "A colour like #e4393c")
      .default(""),
  })
  .strict()
  .openapi("CampaignPrizeInput", {
    example: { name: { "zh-CN": "50 积分", "en-US": "50 points" }, kind: "points", points: 50, oddsPpm: 200_000, stock: null, isFallback: false, color: "#fa8c16" },
  });

export const QuestionInput = z
  .object({
    text: LocalName(300),
    kind: z.enum(["single", "multiple"]),
    options: z
      .array(z.object({ id: z.string().trim().min(1, "Required").max(8).regex(/^[A-Za-z0-9_-]+$/, "Letters and digits"), text: LocalName(120) }).strict())
      .min(2, "At least two options")
      .max(8, "At most 8 options"),
    correct: z.array(z.string()).min(1, "Mark the right answer"),
  })
  .strict()
  .openapi("QuizQuestionInput");

const common = {
  title: LocalName(60),
  rules: LocalRules,
  image: z.union([z.literal(""), ImageRef]),
  startAt: DateTime,
  endAt: DateTime,
  tiers: z.array(z.string().trim().min(1).max(32)).max(10),
  newMemberDays: Count(3650),
  entryCost: Count(1_000_000),
  perDayLimit: Count(10_000),
  totalLimit: Count(100_000),
  /** What is particular to the template; checked per template (field paths config.*). */
  config: z.record(z.string(), z.unknown()),
  reservedStock: Count(1_000_000),
  prizes: z.array(PrizeInput).max(12, "At most 12 prizes"),
  questions: z.array(QuestionInput).max(200, "At most 200 questions"),
};

export const CreateCampaignBody = z
  .object({ template: z.enum(campaignTemplates), ...common })
  .partial()
  .required({ template: true, title: true, startAt: true, endAt: true })
  .strict();
/** While a draft: any field; prizes and questions, when given, replace the old ones as a whole. */
export const UpdateCampaignBody = z.object(common).partial().strict();
export const SimulateBody = z.object({ draws: z.number().int("A whole number").min(1, "At least 1").max(1_000_000, "At most 1,000,000") }).strict();
export const ForecastQuery = z.object({ entries: z.coerce.number().int().min(1).max(100_000_000).default(10_000) });

const PrizeOut = z.object({
  id: z.number(),
  name: LocalTextOut,
  kind: z.enum(prizeKinds),
  points: z.number(),
  productId: z.number().nullable(),
  oddsPpm: z.number(),
  stock: z.number().nullable(),
  initialStock: z.number().nullable(),
  dailyRelease: z.number(),
  valueCents: z.number(),
  isFallback: z.boolean(),
  color: z.string(),
  sortOrder: z.number(),
  issued: z.number(),
  product: z.object({ id: z.number(), name: LocalTextOut, type: z.string(), image: z.string(), stock: z.number() }).nullable(),
});

export const CampaignSchema = z
  .object({
    id: z.number(),
    template: z.enum(campaignTemplates),
    title: LocalTextOut,
    rules: LocalTextOut,
    image: z.string(),
    startAt: IsoDate,
    endAt: IsoDate,
    /** The status now: a scheduled campaign past its start is live, past its end ended. */
    status: z.enum(campaignStatuses),
    storedStatus: z.enum(campaignStatuses),
    tiers: z.array(z.string()),
    newMemberDays: z.number(),
    entryCost: z.number(),
    perDayLimit: z.number(),
    totalLimit: z.number(),
    config: z.record(z.string(), z.unknown()),
    reservedStock: z.number(),
    stockLeft: z.number(),
    currentPrice: z.number().nullable(),
    leaderMemberId: z.number().nullable(),
    settledAt: IsoDate.nullable(),
    createdBy: z.string(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
    entries: z.number(),
  })
  .openapi("Campaign");

export const CampaignDetailSchema = CampaignSchema.extend({
  prizes: z.array(PrizeOut),
  /** With the right answers: this is the console. */
  questions: z.array(
    z.object({ id: z.number(), text: LocalTextOut, kind: z.enum(["single", "multiple"]), options: z.array(z.object({ id: z.string(), text: LocalTextOut })), correct: z.array(z.string()), sortOrder: z.number() }),
  ),
  /** Flash sales and auctions: the product on sale. */
  product: z.object({ id: z.number(), name: LocalTextOut, type: z.string(), image: z.string(), stock: z.number(), pointsPrice: z.number(), costCents: z.number() }).nullable(),
  auction: z
    .object({
      currentPrice: z.number().nullable(),
      minimumBid: z.number(),
      leader: z.object({ id: z.number(), externalId: z.string(), nickname: z.string() }).nullable(),
      bids: z.number(),
      settledAt: IsoDate.nullable(),
    })
    .nullable(),
  /** What would stop scheduling it now (drafts only; empty when ready). */
  readiness: z.record(z.string(), z.string()),
}).openapi("CampaignDetail");

export const SimulationSchema = z
  .object({
    draws: z.number(),
    prizes: z.array(
      z.object({
        id: z.number(),
        name: LocalTextOut,
        kind: z.enum(prizeKinds),
        isFallback: z.boolean(),
        valueCents: z.number(),
        expectedPpm: z.number(),
        expected: z.number(),
        observed: z.number(),
        observedPpm: z.number(),
        exhaustedAfter: z.number().nullable(),
        costCents: z.number(),
      }),
    ),
    chiSquare: z.object({ statistic: z.number().nullable(), df: z.number(), pValue: z.number().nullable() }),
    /** fair: p > 0.001; suspicious: p ≤ 0.001; not-applicable: a prize ran out during the run. */
    verdict: z.enum(["fair", "suspicious", "not-applicable"]),
    totalCostCents: z.number(),
    costPerEntryCents: z.number(),
    pointsPerEntry: z.number(),
    pointsCollected: z.number(),
    pointsValueCents: z.number(),
    pointsValuePerEntryCents: z.number(),
    marginPerEntryCents: z.number(),
    pointValueCents: z.number(),
    elapsedMs: z.number(),
  })
  .openapi("CampaignSimulation");

export const ForecastSchema = z
  .object({
    entries: z.number(),
    pointValueCents: z.number(),
    costPerEntryCents: z.number(),
    pointsPerEntry: z.number(),
    pointsValuePerEntryCents: z.number(),
    marginPerEntryCents: z.number(),
    /** Margin as a share of the points' value (null when entries are free). */
    marginRate: z.number().nullable(),
    /** Expected prize cost of that many entries, with limited prizes running out on the way. */
    budgetCents: z.number(),
    pointsCollected: z.number(),
    pointsValueCents: z.number(),
    prizes: z.array(
      z.object({
        id: z.number(),
        name: LocalTextOut,
        kind: z.enum(prizeKinds),
        oddsPpm: z.number(),
        valueCents: z.number(),
        stock: z.number().nullable(),
        /** Expected number given out over the entries. */
        expectedIssued: z.number(),
        expectedCostCents: z.number(),
        /** On average, after how many entries its stock runs out (null: unlimited or not within the entries). */
        runsOutAfter: z.number().nullable(),
      }),
    ),
  })
  .openapi("CampaignForecast");

export const StatsSchema = z
  .object({
    visitors: z.number(),
    participants: z.number(),
    entries: z.number(),
    conversion: z.number().nullable(),
    prizes: z.array(z.object({ id: z.number(), name: LocalTextOut, kind: z.enum(prizeKinds), isFallback: z.boolean(), issued: z.number(), stock: z.number().nullable(), initialStock: z.number().nullable() })),
    fulfilment: z.object({ orders: z.number(), completed: z.number(), failed: z.number(), inProgress: z.number(), rate: z.number().nullable(), byStatus: z.record(z.string(), z.number()) }),
    pointsCollected: z.number(),
    pointsAwarded: z.number(),
    pointValueCents: z.number(),
    pointsValueCents: z.number(),
    prizeCostCents: z.number(),
    byDay: z.array(z.object({ day: z.string(), entries: z.number(), participants: z.number(), visitors: z.number() })),
    outcomes: z.record(z.string(), z.number()),
  })
  .openapi("CampaignStats");

const tags = ["Campaigns"];
const detailReply = { 200: json(CampaignDetailSchema), ...errorResponses };

export const listCampaigns = createRoute({
  method: "get",
  path: "/campaigns",
  tags,
  summary: "Campaigns of every template",
  description: "Refine list conventions; `template`, `status` (the effective status: a scheduled campaign past its start is live), `q` on the title; sort by `startAt`.",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(CampaignSchema)), ...errorResponses },
});
export const getCampaign = createRoute({ method: "get", path: "/campaigns/{id}", tags, request: { params: IdParam }, responses: detailReply });
export const createCampaign = createRoute({
  method: "post",
  path: "/campaigns",
  tags,
  summary: "A new campaign, as a draft, checked per template",
  request: { body: jsonBody(CreateCampaignBody) },
  responses: { 201: json(CampaignDetailSchema, "Created"), ...errorResponses },
});
export const updateCampaign = createRoute({
  method: "patch",
  path: "/campaigns/{id}",
  tags,
  summary: "Changes a draft (409 once scheduled); prizes and questions are replaced as a whole when given",
  request: { params: IdParam, body: jsonBody(UpdateCampaignBody) },
  responses: detailReply,
});

const verbRoute = <V extends string>(verb: V, summary: string) =>
  createRoute({ method: "post", path: `/campaigns/{id}/${verb}` as const, tags, summary, request: { params: IdParam }, responses: detailReply });

export const scheduleRoute = verbRoute("schedule", "draft → scheduled: checked for readiness (422 CAMPAIGN_NOT_READY), stock set aside");
export const unscheduleRoute = verbRoute("unschedule", "scheduled → draft before it starts; stock set aside goes back");
export const endRoute = verbRoute("end", "Ends it now: unsold flash-sale stock returns, an auction is settled");

export const simulateRoute = createRoute({
  method: "post",
  path: "/campaigns/{id}/simulate",
  tags,
  summary: "Draws N times in memory with the real picker over the pool as it stands",
  request: { params: IdParam, body: jsonBody(SimulateBody) },
  responses: { 200: json(SimulationSchema), ...errorResponses },
});
export const forecastRoute = createRoute({
  method: "get",
  path: "/campaigns/{id}/forecast",
  tags,
  summary: "Expected prize cost per entry against the points an entry collects, and the budget for N entries",
  request: { params: IdParam, query: ForecastQuery },
  responses: { 200: json(ForecastSchema), ...errorResponses },
});
export const statsRoute = createRoute({
  method: "get",
  path: "/campaigns/{id}/stats",
  tags,
  summary: "Visitors, participants, entries, conversion, prizes issued, fulfilment, points against prize cost, entries by day",
  request: { params: IdParam },
  responses: { 200: json(StatsSchema), ...errorResponses },
});
