import { createRoute, z } from "@hono/zod-openapi";
import { campaignTemplates, prizeKinds } from "../../../db/schema";
import { errorResponses, IsoDate, json, jsonBody } from "../../lib/schemas";

const tags = ["Shop: campaigns"];
const member = [{ memberSession: [] }];
const LocalText = z.object({ "zh-CN": z.string(), "en-US": z.string() }).partial();

export const CampaignParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" }, example: 1 }) });
const AttemptParam = CampaignParam.extend({ attemptId: z.coerce.number().int().positive().openapi({ param: { name: "attemptId", in: "path" }, example: 1 }) });

/** Sent with every state-changing call that could be retried: the same key is the same entry. */
const IdempotencyHeader = z.object({
  "idempotency-key": z.string().min(8).max(100).optional().openapi({ description: "Required: a fresh random value per attempt (a retry sends the same one)" }),
});

export const EligibilitySchema = z
  .object({
    eligible: z.boolean(),
    reason: z.string().nullable().openapi({ description: "not-live, not-started, ended, tier, new-members-only, daily-limit, total-limit" }),
    entriesToday: z.number(),
    entriesTotal: z.number(),
    chancesLeftToday: z.number().nullable().openapi({ description: "null: no daily limit" }),
    chancesLeft: z.number().nullable().openapi({ description: "null: no total limit" }),
  })
  .openapi("CampaignEligibility");

export const CampaignSummarySchema = z
  .object({
    id: z.number(),
    template: z.enum(campaignTemplates),
    title: LocalText,
    image: z.string(),
    status: z.enum(["scheduled", "live", "ended"]),
    startAt: IsoDate,
    endAt: IsoDate,
    entryCost: z.number(),
    perDayLimit: z.number(),
    totalLimit: z.number(),
    tiers: z.array(z.string()),
    newMemberDays: z.number(),
    /** Flash sales: the price and what is left; auctions: the price to beat. */
    salePoints: z.number().optional(),
    stockLeft: z.number().optional(),
    reservedStock: z.number().optional(),
    currentPrice: z.number().optional(),
    eligibility: EligibilitySchema.nullable().openapi({ description: "null without a member session" }),
  })
  .openapi("ShopCampaign");

const PrizeSchema = z.object({ id: z.number(), name: LocalText, kind: z.enum(prizeKinds), points: z.number(), color: z.string(), isFallback: z.boolean() }).openapi("ShopPrize");
const ProductSchema = z.object({ id: z.number(), type: z.string(), name: LocalText, image: z.string(), pointsPrice: z.number(), cashPrice: z.number() }).openapi("ShopCampaignProduct");
const QuestionSchema = z.object({ id: z.number(), text: LocalText, kind: z.enum(["single", "multiple"]), options: z.array(z.object({ id: z.string(), text: LocalText })) }).openapi("QuizQuestion");
export const AuctionStateSchema = z
  .object({
    startPrice: z.number(),
    increment: z.number(),
    currentPrice: z.number().nullable(),
    minimumBid: z.number(),
    endAt: IsoDate,
    status: z.enum(["scheduled", "live", "ended"]),
    antiSnipingSec: z.number(),
    extendBySec: z.number(),
    leader: z.string().nullable().openapi({ description: "Masked" }),
    leading: z.boolean().openapi({ description: "The signed-in member holds the highest bid" }),
    myHeld: z.number().openapi({ description: "Points the signed-in member has on hold in this auction" }),
    bidCount: z.number(),
    settled: z.boolean(),
    won: z.boolean(),
    orderId: z.number().nullable(),
  })
  .openapi("AuctionState");

export const CampaignDetailSchema = CampaignSummarySchema.extend({
  rules: LocalText,
  balance: z.number().nullable().openapi({ description: "The signed-in member's points (null without a session)" }),
  prizes: z.array(PrizeSchema).optional().openapi({ description: "Wheel and scratch card, in the wheel's order (landedIndex counts in it); quiz: the reward" }),
  quiz: z
    .object({
      questionsPerEntry: z.number(),
      timeLimitSec: z.number(),
      passMark: z.number(),
      rewardPoints: z.number(),
      openAttempt: z.object({ attemptId: z.number(), deadline: IsoDate, questions: z.array(QuestionSchema) }).nullable(),
    })
    .optional(),
  flashSale: z.object({ product: ProductSchema, salePoints: z.number(), saleCash: z.number(), perMemberLimit: z.number(), stockLeft: z.number(), reservedStock: z.number(), bought: z.number() }).optional(),
  signIn: z
    .object({ steps: z.array(z.number()), bonusEvery: z.number(), bonusPoints: z.number(), makeUpCost: z.number(), makeUpDaysBack: z.number(), makeUpPerMonth: z.number() })
    .optional(),
  auction: AuctionStateSchema.extend({ product: ProductSchema }).optional(),
}).openapi("ShopCampaignDetail");

export const listCampaigns = createRoute({
  method: "get",
  path: "/campaigns",
  tags,
  summary: "Live campaigns and those starting within a week; with a member session, whether the member may enter and the chances left",
  responses: { 200: json(z.array(CampaignSummarySchema)), ...errorResponses },
});

export const getCampaign = createRoute({
  method: "get",
  path: "/campaigns/{id}",
  tags,
  summary: "One campaign as members see it (prizes without stock or odds). Counts a visit once per member per day.",
  request: { params: CampaignParam },
  responses: { 200: json(CampaignDetailSchema), ...errorResponses },
});

const DrawResultSchema = z
  .object({
    entryId: z.number(),
    replayed: z.boolean(),
    prize: z.object({ id: z.number(), name: LocalText, kind: z.enum(prizeKinds), points: z.number(), isFallback: z.boolean() }),
    landedIndex: z.number().openapi({ description: "Where the wheel stops: an index into the detail's prizes" }),
    pointsAwarded: z.number(),
    orderId: z.number().nullable(),
    balance: z.number(),
    chancesLeftToday: z.number().nullable(),
    chancesLeft: z.number().nullable(),
  })
  .openapi("DrawResult");

export const drawRoute = createRoute({
  method: "post",
  path: "/campaigns/{id}/draw",
  tags,
  security: member,
  summary: "One draw of a lucky wheel or scratch card: the cost is charged and the prize given in one transaction",
  request: { params: CampaignParam, headers: IdempotencyHeader },
  responses: { 201: json(DrawResultSchema, "Drawn"), 200: json(DrawResultSchema, "A replay of an earlier request"), ...errorResponses },
});

const QuizStartSchema = z.object({ attemptId: z.number(), deadline: IsoDate, questions: z.array(QuestionSchema), finished: z.boolean() }).openapi("QuizAttempt");
export const quizStartRoute = createRoute({
  method: "post",
  path: "/campaigns/{id}/quiz/start",
  tags,
  security: member,
  summary: "Starts a quiz attempt: the questions (never which answers are right) and a deadline",
  request: { params: CampaignParam, headers: IdempotencyHeader },
  responses: { 201: json(QuizStartSchema), 200: json(QuizStartSchema, "A replay"), ...errorResponses },
});

const AnswersBody = z.object({ answers: z.record(z.string().regex(/^\d+$/), z.array(z.string().max(40)).max(20)) }).strict();
const QuizResultSchema = z
  .object({
    attemptId: z.number(),
    score: z.number(),
    passed: z.boolean(),
    timedOut: z.boolean(),
    passMark: z.number(),
    review: z.array(z.object({ id: z.number(), correct: z.array(z.string()), chosen: z.array(z.string()) })),
    pointsAwarded: z.number(),
    orderId: z.number().nullable(),
    replayed: z.boolean(),
  })
  .openapi("QuizResult");
export const quizAnswerRoute = createRoute({
  method: "post",
  path: "/campaigns/{id}/quiz/{attemptId}/answer",
  tags,
  security: member,
  summary: "Hands in the answers ({ questionId: optionIds[] }); checked on the server; a pass grants the reward once",
  request: { params: AttemptParam, body: jsonBody(AnswersBody) },
  responses: { 200: json(QuizResultSchema), ...errorResponses },
});

const BuyBody = z
  .object({
    quantity: z.number().int().min(1).max(10).default(1),
    addressId: z.number().int().positive().optional(),
    recipient: z.string().trim().regex(/^\+?[0-9]{6,15}$/, "A phone number (digits)").optional(),
  })
  .strict();
const BuyResultSchema = z.object({ order: z.record(z.string(), z.unknown()), replayed: z.boolean(), stockLeft: z.number() }).openapi("FlashSaleBuy");
export const buyRoute = createRoute({
  method: "post",
  path: "/campaigns/{id}/buy",
  tags,
  security: member,
  summary: "Buys in a flash sale at the sale price, from the sale's own stock (never oversold)",
  request: { params: CampaignParam, headers: IdempotencyHeader, body: jsonBody(BuyBody) },
  responses: { 201: json(BuyResultSchema), 200: json(BuyResultSchema, "A replay"), ...errorResponses },
});

const SignInResultSchema = z.object({ day: z.string(), streak: z.number(), points: z.number(), balance: z.number() }).openapi("SignInResult");
export const signInRoute = createRoute({
  method: "post",
  path: "/campaigns/{id}/sign-in",
  tags,
  security: member,
  summary: "Today's check-in (Asia/Shanghai calendar); once a day",
  request: { params: CampaignParam },
  responses: { 201: json(SignInResultSchema), ...errorResponses },
});

export const makeUpRoute = createRoute({
  method: "post",
  path: "/campaigns/{id}/make-up",
  tags,
  security: member,
  summary: "Buys back a missed day (补签) with points",
  request: { params: CampaignParam, body: jsonBody(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD") }).strict()) },
  responses: { 201: json(SignInResultSchema.extend({ cost: z.number() })), ...errorResponses },
});

const CalendarSchema = z
  .object({
    month: z.string(),
    today: z.string(),
    days: z.array(z.object({ day: z.string(), streak: z.number(), points: z.number(), madeUp: z.boolean() })),
    signedToday: z.boolean(),
    currentStreak: z.number(),
    nextReward: z.number(),
    makeUpsLeft: z.number(),
    makeUpCost: z.number(),
    makeUpDaysBack: z.number(),
    campaignStart: z.string().openapi({ description: "The campaign's first day (mall calendar)" }),
  })
  .openapi("SignInCalendar");
export const calendarRoute = createRoute({
  method: "get",
  path: "/campaigns/{id}/calendar",
  tags,
  security: member,
  summary: "A month of the member's sign-in calendar (default: this month)",
  request: { params: CampaignParam, query: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM").optional() }) },
  responses: { 200: json(CalendarSchema), ...errorResponses },
});

export const bidRoute = createRoute({
  method: "post",
  path: "/campaigns/{id}/bids",
  tags,
  security: member,
  summary: "A bid: the points are held; being outbid releases them; a bid near the end extends it",
  request: { params: CampaignParam, headers: IdempotencyHeader, body: jsonBody(z.object({ amount: z.number().int().positive() }).strict()) },
  responses: { 201: json(AuctionStateSchema), 200: json(AuctionStateSchema, "A replay"), ...errorResponses },
});

const BidsSchema = z
  .object({ auction: AuctionStateSchema, bids: z.array(z.object({ id: z.number(), bidder: z.string(), mine: z.boolean(), amount: z.number(), status: z.string(), createdAt: IsoDate })) })
  .openapi("AuctionBids");
export const bidsRoute = createRoute({
  method: "get",
  path: "/campaigns/{id}/bids",
  tags,
  summary: "The auction's live state and its latest bids (bidders masked); poll it",
  request: { params: CampaignParam },
  responses: { 200: json(BidsSchema), ...errorResponses },
});

const EntrySchema = z
  .object({
    id: z.number(),
    campaignId: z.number(),
    template: z.enum(campaignTemplates),
    title: LocalText,
    outcome: z.string(),
    cost: z.number(),
    prize: z.object({ id: z.number(), name: LocalText, kind: z.enum(prizeKinds) }).nullable(),
    pointsAwarded: z.number(),
    orderId: z.number().nullable(),
    detail: z.record(z.string(), z.unknown()),
    createdAt: IsoDate,
  })
  .openapi("MyCampaignEntry");
export const myEntriesRoute = createRoute({
  method: "get",
  path: "/me/campaign-entries",
  tags,
  security: member,
  summary: "The member's campaign entries and prizes, newest first",
  request: {
    query: z.object({
      campaignId: z.coerce.number().int().positive().optional(),
      won: z.enum(["true", "false"]).optional().openapi({ description: "true: only entries that gave a prize, points or an order" }),
      page: z.coerce.number().int().min(1).default(1),
      limit: z.coerce.number().int().min(1).max(50).default(20),
    }),
  },
  responses: { 200: json(z.object({ items: z.array(EntrySchema), total: z.number(), page: z.number(), limit: z.number() })), ...errorResponses },
});
