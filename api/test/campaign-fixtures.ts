import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { campaignPrizes, campaigns, members, products, quizQuestions, suppliers, type CampaignTemplate, type PrizeKind, type QuizOption } from "../../db/schema";
import { scheduleCampaign } from "../domain/campaigns/lifecycle";
import { writeTx } from "../lib/tx";
import type { Db } from "../../db/client";
import { memberLogin, type TestApp, type TestHostApp } from "./harness";
import { givePoints } from "./order-fixtures";

/**
 * Campaigns for member-side tests, the benchmarks and the browser suite, written straight into the
 * database and scheduled through the domain (so readiness is checked and sale stock set aside), without
 * depending on the console's API.
 */

const HOUR = 3_600_000;
let seq = 0;

export interface PrizeFixture {
  name?: string;
  kind?: PrizeKind;
  points?: number;
  productId?: number | null;
  oddsPpm: number;
  stock?: number | null;
  dailyRelease?: number;
  valueCents?: number;
  isFallback?: boolean;
  color?: string;
}

export interface QuestionFixture {
  text?: string;
  kind?: "single" | "multiple";
  options: string[];
  /** Option ids are "a", "b", "c" … in the order given. */
  correct: string[];
}

export interface CampaignFixture {
  template: CampaignTemplate;
  title?: string;
  titleEn?: string;
  startAt?: Date;
  endAt?: Date;
  entryCost?: number;
  perDayLimit?: number;
  totalLimit?: number;
  tiers?: string[];
  newMemberDays?: number;
  config?: Record<string, unknown>;
  reservedStock?: number;
  prizes?: PrizeFixture[];
  questions?: QuestionFixture[];
  /** Leave it a draft (default: scheduled, which is live from startAt). */
  draft?: boolean;
}

const text = (zh: string, en = zh) => ({ "zh-CN": zh, "en-US": en });

/** A campaign with its prizes and questions; scheduled unless told otherwise. Live from an hour ago for a week by default. */
export function createCampaign(db: Db, now: Date, f: CampaignFixture) {
  const n = ++seq;
  return writeTx(db, (tx) => {
    const c = tx
      .insert(campaigns)
      .values({
        template: f.template,
        title: text(f.title ?? `活动 ${n}`, f.titleEn ?? `Campaign ${n}`),
        rules: text("每人每天 3 次机会。", "3 chances a day."),
        startAt: f.startAt ?? new Date(now.getTime() - HOUR),
        endAt: f.endAt ?? new Date(now.getTime() + 7 * 24 * HOUR),
        entryCost: f.entryCost ?? 0,
        perDayLimit: f.perDayLimit ?? 0,
        totalLimit: f.totalLimit ?? 0,
        tiers: f.tiers ?? [],
        newMemberDays: f.newMemberDays ?? 0,
        config: f.config ?? {},
        reservedStock: f.reservedStock ?? 0,
        createdBy: "fixture",
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    (f.prizes ?? []).forEach((p, i) =>
      tx
        .insert(campaignPrizes)
        .values({
          campaignId: c.id,
          name: text(p.name ?? `奖品 ${i + 1}`, p.name ?? `Prize ${i + 1}`),
          kind: p.kind ?? (p.isFallback ? "nothing" : "points"),
          points: p.points ?? 0,
          productId: p.productId ?? null,
          oddsPpm: p.oddsPpm,
          stock: p.stock ?? null,
          initialStock: p.stock ?? null,
          dailyRelease: p.dailyRelease ?? 0,
          valueCents: p.valueCents ?? 0,
          isFallback: p.isFallback ?? false,
          color: p.color ?? "",
          sortOrder: i,
        })
        .run(),
    );
    (f.questions ?? []).forEach((q, i) =>
      tx
        .insert(quizQuestions)
        .values({
          campaignId: c.id,
          text: text(q.text ?? `问题 ${i + 1}`),
          kind: q.kind ?? (q.correct.length > 1 ? "multiple" : "single"),
          options: q.options.map((o, j): QuizOption => ({ id: String.fromCharCode(97 + j), text: text(o) })),
          correct: q.correct,
          sortOrder: i,
        })
        .run(),
    );
    if (!f.draft) scheduleCampaign(tx, c.id, now);
    return tx.select().from(campaigns).where(eq(campaigns.id, c.id)).get()!;
  });
}

/** A product on sale from a fixture supplier; returns its id. */
export function createProduct(db: DbOrTx, now: Date, o: { type?: "physical" | "virtual" | "coupon"; stock?: number; pointsPrice?: number; name?: string; image?: string } = {}): number {
  let supplier = db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.code, "campaign-fixtures")).get();
  supplier ??= db.insert(suppliers).values({ name: "Campaign fixtures", code: "campaign-fixtures", createdAt: now, updatedAt: now }).returning({ id: suppliers.id }).get();
  const n = ++seq;
  return db
    .insert(products)
    .values({
      supplierId: supplier.id,
      type: o.type ?? "physical",
      name: text(o.name ?? `活动商品 ${n}`, o.name ?? `Campaign product ${n}`),
      description: text("<p>活动商品</p>", "<p>A campaign product</p>"),
      images: o.image ? [o.image] : [],
      pointsPrice: o.pointsPrice ?? 1000,
      stock: o.stock ?? 100,
      status: "on_sale",
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: products.id })
    .get().id;
}

/** A six-prize wheel whose odds sum to 1,000,000, the last prize the fallback. */
export const sixPrizeWheel = (o: { productId?: number } = {}): PrizeFixture[] => [
  { name: "88 积分", kind: "points", points: 88, oddsPpm: 200_000, color: "#ff7a45" },
  { name: "188 积分", kind: "points", points: 188, oddsPpm: 100_000, color: "#ffa940" },
  { name: "888 积分", kind: "points", points: 888, oddsPpm: 10_000, stock: 50, color: "#ffc53d" },
  o.productId
    ? { name: "蓝牙耳机", kind: "product", productId: o.productId, oddsPpm: 100, stock: 2, valueCents: 19_900, color: "#73d13d" }
    : { name: "8888 积分", kind: "points", points: 8888, oddsPpm: 100, stock: 2, color: "#73d13d" },
  { name: "18 积分", kind: "points", points: 18, oddsPpm: 289_900, color: "#40a9ff" },
  { name: "谢谢参与", kind: "nothing", oddsPpm: 400_000, isFallback: true, color: "#d9d9d9" },
];

/** A member who entered the storefront through SSO, with points to spend; the client carries their session. */
export async function shopMember(t: TestApp, app: TestHostApp, externalId: string, o: { points?: number; tier?: string; nickname?: string } = {}) {
  const cookie = await memberLogin(t, app, externalId);
  let member = t.db.select().from(members).where(and(eq(members.appId, app.id), eq(members.externalId, externalId))).get()!;
  if (o.tier || o.nickname) member = t.db.update(members).set({ ...(o.tier ? { tier: o.tier } : {}), ...(o.nickname ? { nickname: o.nickname } : {}) }).where(eq(members.id, member.id)).returning().get();
  if (o.points) givePoints(t.db, member.id, o.points, t.clock.now());
  return { member, cookie, client: t.as(cookie) };
}

/** Headers with a fresh Idempotency-Key. */
export const idem = (key: string = randomUUID()) => ({ "Idempotency-Key": key });

export function balanceOf(db: DbOrTx, memberId: number): number {
  return db.select({ b: members.balance }).from(members).where(eq(members.id, memberId)).get()!.b;
}
