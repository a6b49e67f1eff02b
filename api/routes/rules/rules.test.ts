import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { earningRules, members, ruleVersions } from "../../../db/schema";
import { registerApp } from "../../domain/apps/apps-admin";
import { canaryBucket } from "../../domain/points/canary";
import { signedHeaders } from "../../lib/signing";
import { buildTestApp, type Client, type TestApp } from "../../test/harness";

const BASE = "/api/admin/rules";
const HOST = { key: "host-app", secret: "host-secret-for-tests" };

const fixed = (points: number, extra: Record<string, unknown> = {}) => ({ award: { kind: "fixed", points }, ...extra });
const tiers = { award: { kind: "purchaseTiers", bands: [{ minCents: 10000, points: 10 }, { minCents: 30000, points: 40 }] }, dailyCap: 5000 };

/** An operator signed in, a registered host app, and a "share" rule (20 points) to work on. */
async function setup() {
  const t = await buildTestApp();
  const operator = await t.signIn("operator");
  registerApp(t.db, t.app.ctx.box, { key: HOST.key, name: "Host", secret: HOST.secret }, t.clock.now());
  const created = await operator.client.post(BASE, { eventType: "share", name: "Share", config: fixed(20), note: "launch" });
  expect(created.status).toBe(201);
  return { t, op: operator.client, ruleId: created.body.id as number };
}

let nonce = 0;
/** Posts a host event signed with the app's secret, as the host's backend would. */
async function postEvent(t: TestApp, event: Record<string, unknown>) {
  const path = "/api/open/v1/events";
  const body = JSON.stringify(event);
  const headers = signedHeaders(HOST.key, HOST.secret, "POST", path, body, t.clock.now(), `nonce-${++nonce}-${Date.now()}`);
  return t.request("POST", path, { rawBody: body, headers: { ...headers, "content-type": "application/json" } });
}

const ruleRow = (t: TestApp, id: number) => t.db.select().from(earningRules).where(eq(earningRules.id, id)).get()!;
const versionsOf = (t: TestApp, id: number) => t.db.select().from(ruleVersions).where(eq(ruleVersions.ruleId, id)).all();

/** A member id whose canary bucket for this rule is below (inside) or at/above (outside) `percent`. */
function memberInBucket(t: TestApp, ruleId: number, percent: number, inside: boolean) {
  const now = t.clock.now();
  for (let i = 1; i < 500; i++) {
    const externalId = `m-${inside ? "in" : "out"}-${i}`;
    const id = t.db.insert(members).values({ appId: 1, externalId, createdAt: now, updatedAt: now }).returning().get().id;
    if (canaryBucket(ruleId, id) < percent === inside) return { id, externalId };
  }
  throw new Error("no member found in that bucket");
}

describe("POST /api/admin/rules", () => {
  it("creates a rule with version 1 as current, and writes the audit log", async () => {
    const { t, op, ruleId } = await setup();
    const res = await op.get(`${BASE}/${ruleId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ eventType: "share", name: "Share", status: "active", currentVersion: 1, canaryVersion: null, canaryPercent: 0 });
    expect(res.body.config).toEqual({ award: { kind: "fixed", points: 20 }, dailyCap: null, totalCap: null, useTierMultiplier: true });
    expect(res.body.versions).toEqual([expect.objectContaining({ version: 1, note: "launch", createdBy: "operator" })]);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "create", resource: "rules", resourceId: String(ruleId) });
  });

  it("returns 409 for a second rule on the same event type and creates nothing", async () => {
    const { t, op } = await setup();
    const res = await op.post(BASE, { eventType: "share", name: "Share again", config: fixed(5) });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "RULE_EXISTS", details: { fields: { eventType: expect.any(String) } } });
    expect(t.count(earningRules)).toBe(1);
  });

  it("returns 422 with field paths for a bad config", async () => {
    const { t, op } = await setup();
    const res = await op.post(BASE, {
      eventType: "purchase",
      name: "Purchase",
      config: { award: { kind: "purchaseTiers", bands: [{ minCents: 10000, points: 10 }, { minCents: -1, points: 40 }] }, dailyCap: 0 },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(res.body.details.fields)).toEqual(expect.arrayContaining(["config.award.bands.1.minCents", "config.dailyCap"]));
    expect(t.count(earningRules)).toBe(1);
  });

  it("returns 422 for bands that do not increase, on the bands field", async () => {
    const { op } = await setup();
    const res = await op.post(BASE, { eventType: "purchase", name: "Purchase", config: { award: { kind: "purchaseTiers", bands: [{ minCents: 30000, points: 40 }, { minCents: 10000, points: 10 }] } } });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty(["config.award.bands"]);
  });

  it("is refused to customer service (403): they may read rules only", async () => {
    const { t } = await setup();
    const { client } = await t.signIn("service");
    expect((await client.get(BASE)).status).toBe(200);
    expect((await client.post(BASE, { eventType: "review", name: "Review", config: fixed(5) })).status).toBe(403);
  });
});

describe("GET /api/admin/rules", () => {
  it("lists rules with their current config and X-Total-Count", async () => {
    const { op } = await setup();
    await op.post(BASE, { eventType: "purchase", name: "Purchase", config: tiers });
    const res = await op.get(`${BASE}?_sort=eventType&_order=asc`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-total-count")).toBe("2");
    expect(res.body.map((r: { eventType: string }) => r.eventType)).toEqual(["purchase", "share"]);
    expect(res.body[0].config.award.kind).toBe("purchaseTiers");
  });
});

describe("PATCH /api/admin/rules/:id", () => {
  it("saves a config with canaryPercent 1–99 as a canary version, leaving the current one", async () => {
    const { t, op, ruleId } = await setup();
    const res = await op.patch(`${BASE}/${ruleId}`, { config: fixed(30), canaryPercent: 10, note: "try 30" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ currentVersion: 1, canaryVersion: 2, canaryPercent: 10 });
    expect(res.body.config.award.points).toBe(20);
    expect(res.body.versions.map((v: { version: number; note: string }) => [v.version, v.note])).toEqual([
      [1, "launch"],
      [2, "try 30"],
    ]);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "new-version", resource: "rules" });
  });

  it.each([0, 100, undefined])("saves a config with canaryPercent %s as the current version for everyone", async (canaryPercent) => {
    const { op, ruleId } = await setup();
    await op.patch(`${BASE}/${ruleId}`, { config: fixed(25), canaryPercent: 10 });
    const res = await op.patch(`${BASE}/${ruleId}`, { config: fixed(30), canaryPercent });
    expect(res.status).toBe(200);
    // The earlier canary (v2) is replaced: v3 goes to everyone.
    expect(res.body).toMatchObject({ currentVersion: 3, canaryVersion: null, canaryPercent: 0 });
    expect(res.body.config.award.points).toBe(30);
  });

  it("changes the canary share alone without making a version", async () => {
    const { t, op, ruleId } = await setup();
    await op.patch(`${BASE}/${ruleId}`, { config: fixed(30), canaryPercent: 10 });
    const res = await op.patch(`${BASE}/${ruleId}`, { canaryPercent: 50 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ currentVersion: 1, canaryVersion: 2, canaryPercent: 50 });
    expect(versionsOf(t, ruleId)).toHaveLength(2);
  });

  it("returns 409 for a canary share when there is no canary, and 422 outside 1–99", async () => {
    const { t, op, ruleId } = await setup();
    const none = await op.patch(`${BASE}/${ruleId}`, { canaryPercent: 50 });
    expect(none.status).toBe(409);
    expect(none.body.code).toBe("NO_CANARY");
    await op.patch(`${BASE}/${ruleId}`, { config: fixed(30), canaryPercent: 10 });
    const zero = await op.patch(`${BASE}/${ruleId}`, { canaryPercent: 0 });
    expect(zero.status).toBe(422);
    expect(zero.body.details.fields).toHaveProperty("canaryPercent");
    expect(ruleRow(t, ruleId).canaryPercent).toBe(10);
  });

  it("renames and deactivates without making a version", async () => {
    const { t, op, ruleId } = await setup();
    const res = await op.patch(`${BASE}/${ruleId}`, { name: "Share (paused)", status: "inactive" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "Share (paused)", status: "inactive", currentVersion: 1 });
    expect(versionsOf(t, ruleId)).toHaveLength(1);
  });

  it("returns 422 with the field path for a bad config in a new version", async () => {
    const { t, op, ruleId } = await setup();
    const res = await op.patch(`${BASE}/${ruleId}`, { config: { award: { kind: "streak", steps: [5, -1] } }, canaryPercent: 10 });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty(["config.award.steps.1"]);
    expect(versionsOf(t, ruleId)).toHaveLength(1);
  });
});

describe("POST /api/admin/rules/:id/promote", () => {
  it("makes the canary the current version for everyone", async () => {
    const { t, op, ruleId } = await setup();
    await op.patch(`${BASE}/${ruleId}`, { config: fixed(30), canaryPercent: 10 });
    const res = await op.post(`${BASE}/${ruleId}/promote`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ currentVersion: 2, canaryVersion: null, canaryPercent: 0 });
    expect(res.body.config.award.points).toBe(30);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "promote", resource: "rules" });
  });

  it("returns 409 when there is no canary", async () => {
    const { op, ruleId } = await setup();
    const res = await op.post(`${BASE}/${ruleId}/promote`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("NO_CANARY");
  });

  it("is refused to customer service (403)", async () => {
    const { t, op, ruleId } = await setup();
    await op.patch(`${BASE}/${ruleId}`, { config: fixed(30), canaryPercent: 10 });
    const { client } = await t.signIn("service");
    expect((await client.post(`${BASE}/${ruleId}/promote`)).status).toBe(403);
    expect(ruleRow(t, ruleId).canaryVersion).toBe(2);
  });
});

describe("POST /api/admin/rules/:id/rollback", () => {
  it("drops a running canary first, then goes back to the previous version, then 409 when there is none", async () => {
    const { t, op, ruleId } = await setup();
    await op.patch(`${BASE}/${ruleId}`, { config: fixed(30) });
    await op.patch(`${BASE}/${ruleId}`, { config: fixed(40), canaryPercent: 20 });
    expect(ruleRow(t, ruleId)).toMatchObject({ currentVersion: 2, canaryVersion: 3, canaryPercent: 20 });

    const dropCanary = await op.post(`${BASE}/${ruleId}/rollback`);
    expect(dropCanary.status).toBe(200);
    expect(dropCanary.body).toMatchObject({ currentVersion: 2, canaryVersion: null, canaryPercent: 0 });

    const back = await op.post(`${BASE}/${ruleId}/rollback`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ currentVersion: 1, canaryVersion: null });
    expect(back.body.config.award.points).toBe(20);
    // Versions are history: rolling back removes none.
    expect(back.body.versions).toHaveLength(3);

    const none = await op.post(`${BASE}/${ruleId}/rollback`);
    expect(none.status).toBe(409);
    expect(none.body.code).toBe("NO_PREVIOUS_VERSION");
    expect(ruleRow(t, ruleId).currentVersion).toBe(1);
    expect(t.auditEntries().filter((e) => e.action === "rollback")).toHaveLength(2);
  });
});

describe("GET /api/admin/rules/:id/applies", () => {
  it("tells which version applies to a member, by host id or Pointmall id, with their bucket", async () => {
    const { t, op, ruleId } = await setup();
    await op.patch(`${BASE}/${ruleId}`, { config: fixed(30), canaryPercent: 30 });
    const inside = memberInBucket(t, ruleId, 30, true);
    const outside = memberInBucket(t, ruleId, 30, false);

    const a = await op.get(`${BASE}/${ruleId}/applies?memberId=${inside.externalId}`);
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ memberId: inside.id, externalId: inside.externalId, version: 2, canary: true, bucket: canaryBucket(ruleId, inside.id) });

    const b = await op.get(`${BASE}/${ruleId}/applies?memberId=${outside.id}`);
    expect(b.body).toMatchObject({ memberId: outside.id, version: 1, canary: false });
    expect(b.body.bucket).toBeGreaterThanOrEqual(30);
  });

  it("returns 404 for an unknown member and 400 without one", async () => {
    const { op, ruleId } = await setup();
    expect((await op.get(`${BASE}/${ruleId}/applies?memberId=nobody`)).status).toBe(404);
    expect((await op.get(`${BASE}/${ruleId}/applies`)).status).toBe(400);
  });
});

describe("a rule change takes effect on the next event, without a restart", () => {
  it("awards the old points, then the new version's after an edit, then the canary's to a member in the canary", async () => {
    const { t, op, ruleId } = await setup();
    const before = await postEvent(t, { type: "share", memberId: "u-7", businessId: "share-1" });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ outcome: "granted", points: 20, ruleVersion: 1 });

    await op.patch(`${BASE}/${ruleId}`, { config: fixed(35, { useTierMultiplier: false }) });
    const after = await postEvent(t, { type: "share", memberId: "u-7", businessId: "share-2" });
    expect(after.body).toMatchObject({ outcome: "granted", points: 35, ruleVersion: 2, balance: 55 });

    // A canary on 50%: a member inside gets v3, one outside keeps v2.
    await op.patch(`${BASE}/${ruleId}`, { config: fixed(50, { useTierMultiplier: false }), canaryPercent: 50 });
    const inside = memberInBucket(t, ruleId, 50, true);
    const outside = memberInBucket(t, ruleId, 50, false);
    const canary = await postEvent(t, { type: "share", memberId: inside.externalId, businessId: "share-3" });
    expect(canary.body).toMatchObject({ points: 50, ruleVersion: 3 });
    const stable = await postEvent(t, { type: "share", memberId: outside.externalId, businessId: "share-4" });
    expect(stable.body).toMatchObject({ points: 35, ruleVersion: 2 });

    // Deactivating the rule stops awards at once.
    await op.patch(`${BASE}/${ruleId}`, { status: "inactive" });
    const off = await postEvent(t, { type: "share", memberId: "u-7", businessId: "share-5" });
    expect(off.body).toMatchObject({ outcome: "ignored", points: 0, reason: "no-rule" });
  });
});
