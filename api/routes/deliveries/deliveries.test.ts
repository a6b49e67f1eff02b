import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "../../../db/schema";
import { outboxHandlers } from "../../domain/outbox/handlers";
import { deliverDue, MAX_ATTEMPTS } from "../../domain/outbox/outbox";
import { DAY } from "../../lib/clock";
import { buildTestApp, createTestRule, registerTestApp, setPointsPolicy, signedRequest, type TestApp } from "../../test/harness";

const BASE = "/api/admin/deliveries";

async function setup(webhookUrl = "https://host.example/hooks") {
  let status = 500;
  const fetch = (async () => new Response("", { status })) as unknown as typeof globalThis.fetch;
  const t = await buildTestApp({ deps: { fetch } });
  const app = registerTestApp(t, { webhookUrl });
  createTestRule(t, "share", { award: { kind: "fixed", points: 20 } });
  const operator = await t.signIn("operator");
  const event = (businessId: string) => signedRequest(t, "POST", "/api/open/v1/events", { type: "share", memberId: "u-1", businessId }, app);
  return { t, app, op: operator.client, operatorId: operator.id, event, hostAnswers: (s: number) => (status = s) };
}

const items = (t: TestApp) => t.db.select().from(outbox).all();

describe("points.changed webhooks", () => {
  it("are enqueued in the transaction that changes the points, once per ledger entry", async () => {
    const { t, app, op, event } = await setup();
    const granted = await event("share-1");
    await event("share-1"); // a replay: no second webhook
    expect(items(t)).toEqual([
      expect.objectContaining({ kind: "webhook", topic: "points.changed", appId: app.id, status: "pending", attempts: 0, dedupeKey: `points.changed:${granted.body.entryId}`, nextAttemptAt: t.clock.now() }),
    ]);
    expect(items(t)[0].payload).toMatchObject({ memberId: "u-1", entryId: granted.body.entryId, type: "earn", amount: 20, balance: 20, businessId: "share-1" });
    // A staff adjustment tells the host too.
    const adjusted = await op.post(`/api/admin/members/1/adjust`, { amount: -5, reason: "correction" });
    expect(adjusted.status).toBe(200);
    expect(items(t).map((i) => i.payload)).toEqual([expect.objectContaining({ type: "earn", amount: 20 }), expect.objectContaining({ type: "adjust", amount: -5, balance: 15, reason: "correction" })]);
  });

  it("are not enqueued for an app without a webhook URL, nor for a held change", async () => {
    const plain = await setup("");
    await plain.event("share-1");
    expect(items(plain.t)).toEqual([]);

    const { t, event } = await setup();
    setPointsPolicy(t, { riskThreshold: 10 });
    expect((await event("share-1")).body.outcome).toBe("held");
    expect(items(t)).toEqual([]);
  });
});

describe("GET /api/admin/deliveries", () => {
  it("lists deliveries with filters and shows one with every attempt", async () => {
    const { t, op, event } = await setup();
    await event("share-1");
    await deliverDue(t.app.ctx, outboxHandlers);
    const list = await op.get(`${BASE}?topic=points.changed&status=pending`);
    expect(list.status).toBe(200);
    expect(list.headers.get("x-total-count")).toBe("1");
    expect(list.body[0]).toMatchObject({ topic: "points.changed", attempts: 1, lastError: "HTTP 500" });
    const one = await op.get(`${BASE}/${list.body[0].id}`);
    expect(one.body.attemptLog).toEqual([expect.objectContaining({ attempt: 1, statusCode: 500, ok: false, url: "https://host.example/hooks" })]);
    expect((await op.get(`${BASE}/9999`)).status).toBe(404);
  });
});

describe("POST /api/admin/deliveries/:id/retry", () => {
  it("puts a dead delivery back to be sent now, with an audit entry, and it gets delivered", async () => {
    const { t, operatorId, event, hostAnswers } = await setup();
    await event("share-1");
    const id = items(t)[0].id;
    for (let n = 0; n < MAX_ATTEMPTS; n++) {
      await deliverDue(t.app.ctx, outboxHandlers);
      t.clock.advance(DAY);
    }
    expect(items(t)[0]).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS });

    // Days later, the operator signs in again and retries.
    const op = t.as(await t.login("operator"));
    const res = await op.post(`${BASE}/${id}/retry`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: "pending", nextAttemptAt: t.clock.now().toISOString() });
    expect(t.auditEntries().at(-1)).toMatchObject({ actorId: operatorId, action: "retry", resource: "deliveries", resourceId: String(id), before: { status: "dead", attempts: MAX_ATTEMPTS } });

    hostAnswers(200);
    expect(await deliverDue(t.app.ctx, outboxHandlers)).toEqual({ attempted: 1, delivered: 1 });
    expect(t.db.select().from(outbox).where(eq(outbox.id, id)).get()).toMatchObject({ status: "delivered", attempts: 1 });
    expect((await op.get(`${BASE}/${id}`)).body.attemptLog).toHaveLength(MAX_ATTEMPTS + 1);
  });

  it("returns 404 for an unknown delivery and 403 for a role that may not retry", async () => {
    const { t, op, event } = await setup();
    await event("share-1");
    expect((await op.post(`${BASE}/9999/retry`)).status).toBe(404);
    const { client } = await t.signIn("auditor");
    expect((await client.get(BASE)).status).toBe(200);
    expect((await client.post(`${BASE}/${items(t)[0].id}/retry`)).status).toBe(403);
  });
});
