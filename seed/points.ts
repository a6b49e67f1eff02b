import { eq } from "drizzle-orm";
import { members, pointReviews } from "../db/schema";
import { registerApp } from "../api/domain/apps/apps-admin";
import { expiryFor } from "../api/domain/points/expiry";
import { credit, debit, expireDueForMember, hashRequest } from "../api/domain/points/ledger";
import { recomputeTier } from "../api/domain/points/members";
import { defaultPointsPolicy, writePointsPolicy } from "../api/domain/points/policy";
import { RuleConfigSchema, type RuleConfig } from "../api/domain/points/rule-engine";
import { addVersion, createRule } from "../api/domain/points/rules-admin";
import type { SeedContext } from "./context";

export const DEMO_APP = { key: "demo-app", secret: "demo-secret", name: "星河生活 App (demo host)" };

export function seedPointsPolicy(s: SeedContext) {
  writePointsPolicy(s.db, defaultPointsPolicy, s.clock.now());
  s.log("points policy: tiers normal/silver/gold/diamond, expiry end of next year, risk threshold 5000");
}

export function seedApps(s: SeedContext) {
  const { app } = registerApp(s.db, s.box, { key: DEMO_APP.key, name: DEMO_APP.name, secret: DEMO_APP.secret }, s.clock.now());
  s.ids["app.demo"] = app.id;
  registerApp(s.db, s.box, { key: "bank-app", name: "招财银行 (second host)" }, s.clock.now());
  s.log(`apps: ${DEMO_APP.key} (secret "${DEMO_APP.secret}"), bank-app`);
}

const rule = (config: unknown) => RuleConfigSchema.parse(config);

/** A rule for every built-in event type, plus one custom type, as an operator would set them up. */
export const demoRules: Array<{ eventType: string; name: string; config: RuleConfig }> = [
  { eventType: "purchase", name: "消费返积分 Purchase: 1 point per ¥10", config: rule({ award: { kind: "purchaseRatio", points: 1, perCents: 1000 }, dailyCap: 5000 }) },
  { eventType: "review", name: "评价 Review", config: rule({ award: { kind: "fixed", points: 5 }, dailyCap: 25 }) },
  { eventType: "share", name: "分享 Share", config: rule({ award: { kind: "fixed", points: 20 }, dailyCap: 60 }) },
  { eventType: "invite", name: "邀请好友 Invite a friend", config: rule({ award: { kind: "fixed", points: 100 }, totalCap: 2000 }) },
  { eventType: "login", name: "每日登录 Daily login", config: rule({ award: { kind: "daily", points: 10 }, useTierMultiplier: false }) },
  {
    eventType: "sign_in",
    name: "签到 Sign-in streak",
    config: rule({ award: { kind: "streak", steps: [5, 8, 12, 15, 18, 20, 25], bonusEvery: 7, bonusPoints: 50 }, useTierMultiplier: false }),
  },
  { eventType: "survey", name: "问卷 Survey (custom type)", config: rule({ award: { kind: "fixed", points: 30 }, totalCap: 300 }) },
];

export function seedRules(s: SeedContext) {
  const now = s.clock.now();
  for (const r of demoRules) {
    const row = createRule(s.db, r, "seed", new Date(now.getTime() - 400 * 86_400_000));
    s.ids[`rule.${r.eventType}`] = row.id;
  }
  // Purchases run a 10% canary of a tiered version, so the rules page shows one in flight.
  addVersion(
    s.db,
    s.ids["rule.purchase"],
    {
      config: rule({ award: { kind: "purchaseTiers", bands: [{ minCents: 5000, points: 5 }, { minCents: 10000, points: 12 }, { minCents: 30000, points: 40 }] }, dailyCap: 5000 }),
      canaryPercent: 10,
      note: "试行阶梯返积分 Tiered bands trial",
    },
    "operator",
    new Date(now.getTime() - 3 * 86_400_000),
  );
  s.log(`earning rules: ${demoRules.length} (purchase with a 10% canary)`);
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".split("");
const GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英"];
export const DEMO_MEMBER_COUNT = 60;

/**
 * Members with 14 months of history: purchases, reviews, shares, daily logins, a few adjustments and
 * spends, written through the real ledger at the times they happened, so lots, expiries, tiers and
 * balances are what the running mall would hold.
 */
export function seedMembers(s: SeedContext) {
  const now = s.clock.now();
  const appId = s.ids["app.demo"];
  const policy = defaultPointsPolicy;
  const DAY = 86_400_000;
  let entries = 0;
  for (let i = 0; i < DEMO_MEMBER_COUNT; i++) {
    const joined = new Date(now.getTime() - Math.floor(30 + s.random() * 400) * DAY);
    const nickname = SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(s.random() * GIVEN.length)];
    const phone = `13${Math.floor(100000000 + s.random() * 899999999)}`;
    const m = s.db
      .insert(members)
      .values({ appId, externalId: `u-${1001 + i}`, nickname, phone, createdAt: joined, updatedAt: joined, lastSeenAt: now })
      .returning()
      .get();
    s.ids[`member.${i}`] = m.id;
    // Big spenders first, so the demo has gold and diamond members.
    const activity = i < 4 ? 3.5 : i < 12 ? 1.6 : 0.4 + s.random();
    let t = joined.getTime();
    let n = 0;
    while (true) {
      t += Math.floor((2 + s.random() * 9) * DAY / activity);
      if (t > now.getTime() - DAY) break;
      const at = new Date(t);
      const pick = s.random();
      const ev =
        pick < 0.45
          ? { type: "purchase", points: Math.floor((3000 + s.random() * 60000) / 1000) }
          : pick < 0.6
            ? { type: "review", points: 5 }
            : pick < 0.75
              ? { type: "share", points: 20 }
              : pick < 0.97
                ? { type: "login", points: 10 }
                : { type: "invite", points: 100 };
      // Loyal members earn a lot more (bigger baskets): the demo needs gold and diamond members who can afford headphones.
      const points = Math.floor(ev.points * (i < 4 ? 30 : i < 12 ? 12 : 3));
      credit(s.db, at, {
        type: "earn",
        amount: Math.max(1, points),
        memberId: m.id,
        businessId: `seed-${m.externalId}-${n++}`,
        requestHash: hashRequest({ seed: n }),
        reason: `${ev.type} event`,
        actor: { type: "app", id: String(appId) },
        ruleId: s.ids[`rule.${ev.type}`] ?? null,
        ruleVersion: 1,
        expiresAt: expiryFor(policy.expiry, at),
      });
      entries++;
      if (s.random() < 0.12) {
        const bal = s.db.select({ b: members.balance }).from(members).where(eq(members.id, m.id)).get()!.b;
        const spend = Math.floor(bal * (0.1 + s.random() * 0.25));
        if (spend > 0) {
          debit(s.db, new Date(t + 3600_000), {
            type: "spend",
            amount: spend,
            memberId: m.id,
            businessId: `seed-spend-${m.externalId}-${n++}`,
            requestHash: hashRequest({ seed: n }),
            reason: "兑换商品 redemption",
            actor: { type: "member", id: String(m.id) },
          });
          entries++;
        }
      }
    }
    if (i % 9 === 3) {
      credit(s.db, new Date(now.getTime() - 20 * DAY), {
        type: "adjust",
        amount: 200,
        memberId: m.id,
        businessId: `seed-goodwill-${m.externalId}`,
        requestHash: hashRequest({ goodwill: m.id }),
        reason: "客诉补偿 goodwill for a late delivery",
        actor: { type: "staff", id: String(s.ids["staff.service"] ?? 0) },
        expiresAt: expiryFor(policy.expiry, now),
      });
      entries++;
    }
    if (i % 4 === 1) {
      // A limited-time bonus that runs out within the month: "expiring soon" on the member's screen.
      credit(s.db, new Date(now.getTime() - 5 * DAY), {
        type: "adjust",
        amount: 50 + Math.floor(s.random() * 5) * 50,
        memberId: m.id,
        businessId: `seed-bonus-${m.externalId}`,
        requestHash: hashRequest({ bonus: m.id }),
        reason: "双11限时积分 limited-time bonus",
        actor: { type: "system", id: "campaign" },
        expiresAt: new Date(now.getTime() + (8 + Math.floor(s.random() * 18)) * DAY),
      });
      entries++;
    }
    // Lots from before last year have expired by now: the sweep's work, done at seed time.
    expireDueForMember(s.db, now, m.id);
    recomputeTier(s.db, m.id, now, policy.tiers, "seed");
  }
  // Two changes wait for an operator in the review queue.
  for (const [k, amount, reason] of [
    [5, 8000, "purchase event above the risk threshold (5000)"],
    [17, 6500, "批量补发活动积分 campaign make-good"],
  ] as const) {
    s.db
      .insert(pointReviews)
      .values({
        appId,
        memberId: s.ids[`member.${k}`],
        source: k === 5 ? "event" : "adjustment",
        entryType: k === 5 ? "earn" : "adjust",
        amount,
        businessId: `seed-review-${k}`,
        reason,
        eventType: k === 5 ? "purchase" : null,
        ruleId: k === 5 ? s.ids["rule.purchase"] : null,
        ruleVersion: k === 5 ? 1 : null,
        requestedBy: k === 5 ? `app:${appId}` : "staff:operator2",
        createdAt: new Date(now.getTime() - (k === 5 ? 2 : 1) * 3600_000),
      })
      .run();
  }
  s.log(`members: ${DEMO_MEMBER_COUNT} with ${entries} ledger entries; 2 changes waiting for review`);
}
