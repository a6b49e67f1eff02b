import { z } from "@hono/zod-openapi";
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { products, type CampaignTemplate, type LocalText, type PrizeKind, type ProductType } from "../../../db/schema";
import { oddsProblems } from "../../domain/campaigns/odds";
import { zodFields } from "../../lib/errors";

/** A campaign as the console edits it: the stored fields, the prizes and the questions. */
export interface CampaignInput {
  template: CampaignTemplate;
  title: LocalText;
  rules: LocalText;
  image: string;
  startAt: string;
  endAt: string;
  tiers: string[];
  newMemberDays: number;
  entryCost: number;
  perDayLimit: number;
  totalLimit: number;
  config: Record<string, unknown>;
  reservedStock: number;
  prizes: PrizeInputValue[];
  questions: QuestionInputValue[];
}

export interface PrizeInputValue {
  name: LocalText;
  kind: PrizeKind;
  points: number;
  productId: number | null;
  oddsPpm: number;
  stock: number | null;
  dailyRelease: number;
  valueCents: number;
  isFallback: boolean;
  color: string;
}

export interface QuestionInputValue {
  text: LocalText;
  kind: "single" | "multiple";
  options: { id: string; text: LocalText }[];
  correct: string[];
}

const int = (min: number, max: number) => z.number().int("Whole numbers only").min(min, `At least ${min}`).max(max, `At most ${max.toLocaleString("en-US")}`);
/** What a point is worth to the mall, in cents (for cost forecasts and statistics); 1 by default. */
const pointValueCents = z.number().min(0, "Must not be negative").max(10_000).optional();

/** Each template's own settings (the `config` column): unknown keys are refused, so typos show. */
export const templateConfigs: Record<CampaignTemplate, z.ZodType<Record<string, unknown>>> = {
  wheel: z.object({ pointValueCents }).strict(),
  scratch: z.object({ pointValueCents }).strict(),
  quiz: z
    .object({
      questionsPerEntry: int(1, 50).default(5),
      timeLimitSec: int(10, 3600).default(120),
      passMark: int(1, 50).default(4),
      rewardPoints: int(0, 1_000_000).default(0),
      pointValueCents,
    })
    .strict(),
  flash_sale: z
    .object({
      productId: z.number({ error: "Choose the product on sale" }).int().positive(),
      salePoints: int(0, 10_000_000).default(0),
      saleCash: int(0, 100_000_000).default(0),
      perMemberLimit: int(0, 1000).default(1),
      pointValueCents,
    })
    .strict(),
  sign_in: z
    .object({
      steps: z.array(int(0, 100_000)).min(1, "At least one day's reward").max(31, "At most 31 steps").default([5, 8, 12, 15, 18, 20, 25]),
      bonusEvery: int(0, 31).default(7),
      bonusPoints: int(0, 100_000).default(50),
      makeUpCost: int(0, 100_000).default(20),
      makeUpDaysBack: int(0, 31).default(7),
      makeUpPerMonth: int(0, 31).default(3),
      pointValueCents,
    })
    .strict(),
  auction: z
    .object({
      productId: z.number({ error: "Choose the product to auction" }).int().positive(),
      startPrice: int(1, 100_000_000).default(100),
      increment: int(1, 10_000_000).default(10),
      antiSnipingSec: int(0, 3600).default(60),
      extendBySec: int(0, 3600).default(60),
      pointValueCents,
    })
    .strict(),
};

/** The product type a prize of each kind gives (points and "nothing" give none). */
const PRODUCT_FOR: Partial<Record<PrizeKind, ProductType>> = { product: "physical", coupon: "coupon", virtual: "virtual" };
const usesPool = (t: CampaignTemplate) => t === "wheel" || t === "scratch";

/**
 * Checks a whole campaign for its template and returns its config with the template's defaults, or
 * the problems as field paths ("prizes.2.oddsPpm", "config.salePoints", "questions.1.correct").
 * Whether it can be scheduled (enough questions, stock to set aside) is readinessProblems' question.
 */
export function checkCampaign(tx: DbOrTx, input: CampaignInput, tierCodes: string[]): { problems: Record<string, string>; config: Record<string, unknown> } {
  const problems: Record<string, string> = {};
  const t = input.template;

  if (new Date(input.endAt).getTime() <= new Date(input.startAt).getTime()) problems.endAt = "must be after the start";
  input.tiers.forEach((code, i) => {
    if (!tierCodes.includes(code)) problems[`tiers.${i}`] = `unknown tier ${code}; the tiers are ${tierCodes.join(", ")}`;
  });

  const parsed = templateConfigs[t].safeParse(input.config ?? {});
  let config: Record<string, unknown> = input.config ?? {};
  if (parsed.success) config = parsed.data;
  else for (const [path, message] of Object.entries(zodFields(parsed.error))) problems[path === "(root)" ? "config" : `config.${path}`] = message;

  // Prizes: a pool for wheels and scratch cards, an optional reward for quizzes, none elsewhere.
  if (usesPool(t) || t === "quiz") {
    if (usesPool(t)) Object.assign(problems, oddsProblems(input.prizes));
    else if (input.prizes.length > 2) problems.prizes = "a quiz has at most one reward prize and one fallback";
    const productIds = input.prizes.map((p) => p.productId).filter((id): id is number => id != null);
    const found = productIds.length ? new Map(tx.select({ id: products.id, type: products.type }).from(products).where(inArray(products.id, productIds)).all().map((p) => [p.id, p.type])) : new Map<number, ProductType>();
    input.prizes.forEach((p, i) => {
      const at = `prizes.${i}`;
      const wants = PRODUCT_FOR[p.kind];
      if (p.kind === "points" && p.points <= 0) problems[`${at}.points`] = "how many points? (at least 1)";
      if (wants) {
        if (p.productId == null) problems[`${at}.productId`] = `choose a ${wants} product`;
        else if (!found.has(p.productId)) problems[`${at}.productId`] = `product ${p.productId} does not exist`;
        else if (found.get(p.productId) !== wants) problems[`${at}.productId`] = `a ${p.kind} prize needs a ${wants} product, not a ${found.get(p.productId)} one`;
      } else if (p.productId != null) problems[`${at}.productId`] = `a ${p.kind} prize has no product`;
      if (p.isFallback && wants) problems[`${at}.kind`] = "the fallback must be points or nothing (it can never run out)";
      if (p.stock != null && p.dailyRelease > p.stock) problems[`${at}.dailyRelease`] = "cannot exceed the stock";
      if (!usesPool(t) && p.oddsPpm !== 0) problems[`${at}.oddsPpm`] = "a quiz reward has no odds";
    });
  } else if (input.prizes.length) problems.prizes = "this template has no prizes";

  if (t === "quiz") {
    input.questions.forEach((q, i) => {
      const at = `questions.${i}`;
      const ids = q.options.map((o) => o.id);
      ids.forEach((id, j) => {
        if (ids.indexOf(id) !== j) problems[`${at}.options.${j}.id`] = `option ${id} appears twice`;
      });
      const unknown = q.correct.filter((c) => !ids.includes(c));
      if (unknown.length) problems[`${at}.correct`] = `not among the options: ${unknown.join(", ")}`;
      else if (new Set(q.correct).size !== q.correct.length) problems[`${at}.correct`] = "each right answer once";
      else if (q.kind === "single" && q.correct.length !== 1) problems[`${at}.correct`] = "a single-choice question has exactly one right answer";
      else if (q.kind === "multiple" && q.correct.length === ids.length) problems[`${at}.correct`] = "not every option can be right";
    });
    if (parsed.success) {
      const cfg = config as { questionsPerEntry: number; passMark: number; rewardPoints: number };
      if (cfg.passMark > cfg.questionsPerEntry) problems["config.passMark"] = "cannot exceed the questions per entry";
      if (cfg.rewardPoints > 0 && input.prizes.some((p) => !p.isFallback)) problems["config.rewardPoints"] = "reward points or a reward prize, not both";
    }
  } else if (input.questions.length) problems.questions = "only a quiz has questions";

  if (t === "flash_sale" || t === "auction") {
    const productId = (config as { productId?: number }).productId;
    if (parsed.success && productId != null && !tx.select({ id: products.id }).from(products).where(inArray(products.id, [productId])).get())
      problems["config.productId"] = `product ${productId} does not exist`;
  }
  if (t === "flash_sale") {
    if (parsed.success) {
      const cfg = config as { salePoints: number; saleCash: number };
      if (cfg.salePoints + cfg.saleCash <= 0) problems["config.salePoints"] = "set a sale price (points, cash or both)";
    }
    if (input.reservedStock < 1) problems.reservedStock = "set aside at least 1 for the sale";
  } else if (t !== "auction" && input.reservedStock !== 0) problems.reservedStock = "only flash sales set stock aside";
  if (t === "auction" && input.entryCost > 0) problems.entryCost = "bids hold points; an auction has no entry cost";
  return { problems, config };
}
