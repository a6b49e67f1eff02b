import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { basePoints, type Award as ApiAward } from "../../../../api/domain/points/rule-engine";
import enRules from "../../i18n/en-US/rules.json";
import zhRules from "../../i18n/zh-CN/rules.json";
import { pointsFor, summarizeRule, yuan, type Translate } from "./rule-summary";
import type { Award, RuleConfig } from "./types";

const en = i18next.createInstance();
const zh = i18next.createInstance();
beforeAll(async () => {
  await en.init({ lng: "en-US", resources: { "en-US": { translation: enRules } }, interpolation: { escapeValue: false }, showSupportNotice: false });
  await zh.init({ lng: "zh-CN", resources: { "zh-CN": { translation: zhRules } }, interpolation: { escapeValue: false }, showSupportNotice: false });
});
const tEn: Translate = (k, o) => en.t(k, o) as string;
const tZh: Translate = (k, o) => zh.t(k, o) as string;
const rule = (award: Award, extra: Partial<RuleConfig> = {}): RuleConfig => ({ award, dailyCap: null, totalCap: null, useTierMultiplier: true, ...extra });

describe("summarizeRule", () => {
  it("says a purchase ratio in yuan with its daily cap", () => {
    const config = rule({ kind: "purchaseRatio", points: 1, perCents: 1000, minCents: 0 }, { dailyCap: 5000 });
    expect(summarizeRule(config, tEn)).toBe("1 point per ¥10, at most 5,000 a day");
    expect(summarizeRule(config, tZh)).toBe("每消费 ¥10 得 1 积分，每天最多 5,000");
  });

  it("says a streak as its first steps and the bonus day, with an English ordinal", () => {
    const config = rule({ kind: "streak", steps: [5, 8, 12, 15, 18, 20, 25], bonusEvery: 7, bonusPoints: 50 });
    expect(summarizeRule(config, tEn)).toBe("5, 8, 12… +50 every 7th day");
    expect(summarizeRule(rule({ kind: "streak", steps: [1, 2], bonusEvery: 3, bonusPoints: 9 }), tEn)).toBe("1, 2 +9 every 3rd day");
    expect(summarizeRule(config, tZh)).toBe("5, 8, 12… 每连续 7 天额外 +50");
  });

  it("lists purchase bands, a minimum and both caps", () => {
    const tiers = rule({ kind: "purchaseTiers", bands: [{ minCents: 10000, points: 10 }, { minCents: 30050, points: 40 }] }, { totalCap: 2000 });
    expect(summarizeRule(tiers, tEn)).toBe("≥¥100 → 10, ≥¥300.5 → 40, at most 2,000 in total");
    const ratio = rule({ kind: "purchaseRatio", points: 2, perCents: 500, minCents: 5000 });
    expect(summarizeRule(ratio, tEn)).toBe("2 points per ¥5 from ¥50");
  });

  it("says fixed and daily awards with the right plural", () => {
    expect(summarizeRule(rule({ kind: "fixed", points: 1 }), tEn)).toBe("1 point each time");
    expect(summarizeRule(rule({ kind: "fixed", points: 20 }, { dailyCap: 60 }), tEn)).toBe("20 points each time, at most 60 a day");
    expect(summarizeRule(rule({ kind: "daily", points: 10 }), tZh)).toBe("每天首次 10 积分");
  });

  it("shows a dash for a missing config", () => {
    expect(summarizeRule(null, tEn)).toBe("—");
  });
});

describe("pointsFor (the preview chart) agrees with the API's rule engine", () => {
  const usage = { pointsToday: 0, pointsTotal: 0, grantedToday: 0, streakBefore: 0 };
  const awards: Award[] = [
    { kind: "purchaseRatio", points: 3, perCents: 1000, minCents: 2000 },
    { kind: "purchaseTiers", bands: [{ minCents: 5000, points: 5 }, { minCents: 10000, points: 12 }, { minCents: 30000, points: 40 }] },
  ];
  it.each(awards)("for purchases ($kind)", (award) => {
    for (let cents = 0; cents <= 40000; cents += 250) expect(pointsFor(award, { amountCents: cents })).toBe(basePoints(award as ApiAward, cents, usage).points);
  });
  it("for streak days", () => {
    const award: Award = { kind: "streak", steps: [5, 8, 12], bonusEvery: 7, bonusPoints: 50 };
    for (let day = 1; day <= 30; day++) expect(pointsFor(award, { day })).toBe(basePoints(award, undefined, { ...usage, streakBefore: day - 1 }).points);
  });
});

describe("yuan", () => {
  it("drops zero cents and groups thousands", () => {
    expect([yuan(1000), yuan(1050), yuan(1234500), yuan(1)]).toEqual(["10", "10.5", "12,345", "0.01"]);
  });
});
