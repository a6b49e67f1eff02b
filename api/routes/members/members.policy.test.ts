import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, members, pointReviews } from "../../../db/schema";
import { registerApp } from "../../domain/apps/apps-admin";
import { buildTestApp, type TestApp } from "../../test/harness";

const BASE = "/api/admin/members";

/** An app with one member and an operator signed in. */
async function setup() {
  const t = await buildTestApp();
  const { app } = registerApp(t.db, t.app.ctx.box, { key: "host", name: "Host", secret: "host-secret-for-tests" }, t.clock.now());
  const now = t.clock.now();
  const bob = t.db.insert(members).values({ appId: app.id, externalId: "u-2", nickname: "Bob", phone: "13900001111", createdAt: now, updatedAt: now }).returning().get().id;
  const operator = await t.signIn("operator");
  return { t, op: operator.client, bob };
}

const adjustAudits = (t: TestApp) => t.db.select().from(auditLog).where(eq(auditLog.action, "adjust")).all();

describe("GET /api/admin/members/policy", () => {
  it("gives every role that reads members the tiers, the review threshold and its own adjustment limit", async () => {
    const { t, op } = await setup();
    const service = await t.signIn("service");
    const auditor = await t.signIn("auditor");

    const asOperator = await op.get(`${BASE}/policy`);
    expect(asOperator.status).toBe(200);
    expect(asOperator.body.tiers.map((x: { code: string }) => x.code)).toEqual(["normal", "silver", "gold", "diamond"]);
    expect(asOperator.body.tiers[2]).toEqual({ code: "gold", name: { "zh-CN": "黄金会员", "en-US": "Gold" }, threshold: 5000, multiplierPermille: 1500 });
    expect(asOperator.body).toMatchObject({ riskThreshold: 5000, adjustLimit: null });

    // Customer service may not read the points policy itself, but its member screens need tier names and its limit.
    expect((await service.client.get("/api/admin/points-policy")).status).toBe(403);
    const asService = await service.client.get(`${BASE}/policy`);
    expect(asService.status).toBe(200);
    expect(asService.body.adjustLimit).toBe(500);

    expect((await auditor.client.get(`${BASE}/policy`)).status).toBe(200);
  });

  it("follows the policy as soon as an operator saves it", async () => {
    const { t, op } = await setup();
    const policy = (await op.get("/api/admin/points-policy")).body;
    expect((await op.put("/api/admin/points-policy", { ...policy, serviceAdjustLimit: 200 })).status).toBe(200);
    const service = await t.signIn("service");
    expect((await service.client.get(`${BASE}/policy`)).body.adjustLimit).toBe(200);
  });
});

describe("POST /api/admin/members/:id/adjust above the risk threshold", () => {
  it("holds a retried click (same Idempotency-Key) once, with one review and one audit entry", async () => {
    const { t, op, bob } = await setup();
    const headers = { "idempotency-key": "console-key-2" };
    const first = await op.post(`${BASE}/${bob}/adjust`, { amount: 6000, reason: "campaign make-good" }, headers);
    const again = await op.post(`${BASE}/${bob}/adjust`, { amount: 6000, reason: "campaign make-good" }, headers);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: "held", entryId: null, balance: 0, replayed: false });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(t.db.select().from(pointReviews).all()).toHaveLength(1);
    expect(adjustAudits(t)).toHaveLength(1);
  });
});
