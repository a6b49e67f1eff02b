import { describe, expect, it } from "vitest";
import { pointLots, pointReviews } from "../../../db/schema";
import { defaultPointsPolicy, readPointsPolicy } from "../../domain/points/policy";
import { defaultTiers } from "../../domain/points/tiers";
import { DAY } from "../../lib/clock";
import { buildTestApp, createTestRule, registerTestApp, signedRequest } from "../../test/harness";

const BASE = "/api/admin/points-policy";

async function setup() {
  const t = await buildTestApp();
  const host = registerTestApp(t);
  createTestRule(t, "share", { award: { kind: "fixed", points: 20 } });
  const operator = await t.signIn("operator");
  const event = (businessId: string, memberId = "u-1") => signedRequest(t, "POST", "/api/open/v1/events", { type: "share", memberId, businessId }, host);
  return { t, op: operator.client, operatorId: operator.id, event };
}

describe("GET /api/admin/points-policy", () => {
  it("returns the default policy: four tiers, fixed expiry at the end of next year, risk threshold 5000", async () => {
    const { op } = await setup();
    const res = await op.get(BASE);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(defaultPointsPolicy);
  });

  it("is for the operator and the auditor, not customer service (403)", async () => {
    const { t } = await setup();
    expect((await (await t.signIn("auditor")).client.get(BASE)).status).toBe(200);
    expect((await (await t.signIn("service")).client.get(BASE)).status).toBe(403);
  });
});

describe("PUT /api/admin/points-policy", () => {
  const valid = () => structuredClone(defaultPointsPolicy);

  it("saves the policy, writes the audit log with before and after, and the next event follows it", async () => {
    const { t, op, operatorId, event } = await setup();
    const policy = { ...valid(), expiry: { mode: "rolling" as const, days: 7 }, tiers: defaultTiers.map((x) => (x.code === "normal" ? { ...x, multiplierPermille: 2000 } : x)) };
    const res = await op.put(BASE, policy);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(policy);
    expect(readPointsPolicy(t.db)).toEqual(policy);
    expect(t.auditEntries().at(-1)).toMatchObject({ actorId: operatorId, action: "update", resource: "points-policy", before: defaultPointsPolicy, after: policy });

    // No restart: a normal member now earns ×2, and the lot lives 7 days.
    const earned = await event("share-1");
    expect(earned.body).toMatchObject({ outcome: "granted", points: 40 });
    expect(t.db.select().from(pointLots).get()!.expiresAt).toEqual(new Date(t.clock.now().getTime() + 7 * DAY));
  });

  it("applies a lowered risk threshold to the next event", async () => {
    const { t, op, event } = await setup();
    expect((await op.put(BASE, { ...valid(), riskThreshold: 10 })).status).toBe(200);
    expect((await event("share-1")).body).toMatchObject({ outcome: "held", points: 0 });
    expect(t.count(pointReviews)).toBe(1);
  });

  it.each([
    ["tiers without one at 0", { tiers: defaultTiers.filter((x) => x.code !== "normal") }, "tiers"],
    ["two tiers with the same code", { tiers: [...defaultTiers, { ...defaultTiers[3], threshold: 20000 }] }, "tiers.4.code"],
    ["two tiers at the same threshold", { tiers: defaultTiers.map((x) => (x.code === "gold" ? { ...x, threshold: 1000 } : x)) }, "tiers"],
    ["a tier code with capitals", { tiers: defaultTiers.map((x) => (x.code === "gold" ? { ...x, code: "Gold" } : x)) }, "tiers.2.code"],
    ["a multiplier above ×10", { tiers: defaultTiers.map((x) => (x.code === "gold" ? { ...x, multiplierPermille: 10_001 } : x)) }, "tiers.2.multiplierPermille"],
    ["no tiers", { tiers: [] }, "tiers"],
    ["an unknown expiry unit", { expiry: { mode: "fixed", unit: "week", periods: 1 } }, "expiry.unit"],
    ["rolling expiry of 0 days", { expiry: { mode: "rolling", days: 0 } }, "expiry.days"],
    ["a risk threshold of 0", { riskThreshold: 0 }, "riskThreshold"],
    ["a negative service limit", { serviceAdjustLimit: -1 }, "serviceAdjustLimit"],
  ])("returns 422 for %s, naming the field, and keeps the old policy", async (_, patch, field) => {
    const { t, op } = await setup();
    const audits = t.auditEntries().length;
    const res = await op.put(BASE, { ...valid(), ...patch });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty([field]);
    expect(readPointsPolicy(t.db)).toEqual(defaultPointsPolicy);
    expect(t.auditEntries()).toHaveLength(audits);
  });

  it("lets neither customer service nor the auditor change it (403)", async () => {
    const { t } = await setup();
    for (const role of ["service", "auditor"]) expect((await (await t.signIn(role)).client.put(BASE, { ...valid(), riskThreshold: 1 })).status).toBe(403);
    expect(readPointsPolicy(t.db)).toEqual(defaultPointsPolicy);
  });
});
