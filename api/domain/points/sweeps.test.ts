import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ledgerEntries, members, notifications, outbox, pointLots, tierChanges } from "../../../db/schema";
import { DAY } from "../../lib/clock";
import { writeTx } from "../../lib/tx";
import { buildTestApp, createMember, registerTestApp, type TestApp } from "../../test/harness";
import { credit, hashRequest, ledgerViolations } from "./ledger";
import { recomputeAllTiers, remindExpiring, sweepExpired, type Progress } from "./sweeps";

async function setup(webhookUrl?: string) {
  const t = await buildTestApp(); // 2026-01-15T02:00:00Z
  const host = registerTestApp(t, { webhookUrl });
  let n = 0;
  const member = (externalId: string) => createMember(t, host.id, externalId).id;
  const earn = (memberId: number, amount: number, expiresAt: string | null, type: "earn" | "adjust" = "earn") =>
    writeTx(t.db, (tx) =>
      credit(tx, t.clock.now(), { type, amount, memberId, businessId: `b-${++n}`, requestHash: hashRequest({ n }), actor: { type: "app", id: "1" }, expiresAt: expiresAt ? new Date(expiresAt) : null }),
    );
  return { t, host, member, earn };
}

const entries = (t: TestApp) => t.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.id)).all();
const balanceOf = (t: TestApp, id: number) => t.db.select({ b: members.balance }).from(members).where(eq(members.id, id)).get()!.b;

describe("sweepExpired", () => {
  async function withDueLots() {
    const s = await setup();
    const [a, b, c, d] = ["a", "b", "c", "d"].map(s.member);
    s.earn(a, 100, "2026-01-31T16:00:00Z");
    s.earn(a, 50, "2026-02-28T16:00:00Z");
    s.earn(b, 70, "2026-01-31T16:00:00Z");
    s.earn(c, 30, "2026-01-20T00:00:00Z");
    s.earn(c, 5, null);
    s.earn(d, 40, "2026-12-31T16:00:00Z"); // not due
    s.t.clock.set("2026-03-01T00:00:00Z");
    return { ...s, a, b, c, d };
  }

  it("expires every due lot as one expire entry each, and leaves the rest", async () => {
    const { t, a, b, c, d } = await withDueLots();
    expect(sweepExpired(t.app.ctx)).toEqual({ members: 3, lots: 4 });
    expect([a, b, c, d].map((id) => balanceOf(t, id))).toEqual([0, 0, 5, 40]);
    expect(entries(t).filter((e) => e.type === "expire").map((e) => [e.memberId, e.amount])).toEqual([
      [a, -100],
      [a, -50],
      [b, -70],
      [c, -30],
    ]);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("is idempotent: a second run finds nothing and changes nothing", async () => {
    const { t } = await withDueLots();
    sweepExpired(t.app.ctx);
    const before = { entries: entries(t), lots: t.db.select().from(pointLots).all() };
    expect(sweepExpired(t.app.ctx)).toEqual({ members: 0, lots: 0 });
    expect({ entries: entries(t), lots: t.db.select().from(pointLots).all() }).toEqual(before);
  });

  it("is resumable: stopped half-way, the next run expires only what is left", async () => {
    const { t, a, b, c } = await withDueLots();
    const seen: Progress[] = [];
    expect(() =>
      sweepExpired(
        t.app.ctx,
        (p) => {
          seen.push(p);
          if (p.done === 2) throw new Error("the process was stopped");
        },
        1,
      ),
    ).toThrow("stopped");
    expect(seen).toEqual([
      { done: 0, total: 3 },
      { done: 1, total: 3 },
      { done: 2, total: 3 },
    ]);
    // What was done is committed, member by member.
    const expiredMembers = new Set(entries(t).filter((e) => e.type === "expire").map((e) => e.memberId));
    expect(expiredMembers.size).toBe(2);
    expect(ledgerViolations(t.db)).toEqual([]);

    const expiredSoFar = entries(t).filter((e) => e.type === "expire").length;
    const progress: Progress[] = [];
    expect(sweepExpired(t.app.ctx, (p) => progress.push(p))).toEqual({ members: 1, lots: 4 - expiredSoFar });
    expect([a, b, c].map((id) => balanceOf(t, id))).toEqual([0, 0, 5]);
    expect(progress.at(-1)).toEqual({ done: 1, total: 1 });
    expect(entries(t).filter((e) => e.type === "expire")).toHaveLength(4);
    expect(new Set(entries(t).filter((e) => e.type === "expire").map((e) => e.businessId)).size).toBe(4);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("reports progress up to done = total", async () => {
    const { t } = await withDueLots();
    const progress: Progress[] = [];
    sweepExpired(t.app.ctx, (p) => progress.push(p), 2);
    expect(progress).toEqual([
      { done: 0, total: 3 },
      { done: 2, total: 3 },
      { done: 3, total: 3 },
    ]);
  });
});

describe("remindExpiring", () => {
  it("sends one reminder per member and expiry date within 30 days, summing the lots of that date", async () => {
    const { t, member, earn } = await setup();
    const a = member("a");
    const b = member("b");
    earn(a, 100, "2026-01-31T16:00:00Z"); // last day 2026-01-31
    earn(a, 20, "2026-01-31T16:00:00Z", "adjust");
    earn(a, 30, "2026-02-10T04:00:00Z"); // last day 2026-02-10
    earn(a, 40, "2026-03-31T16:00:00Z"); // beyond 30 days
    earn(b, 10, null);
    expect(remindExpiring(t.app.ctx)).toEqual({ reminders: 2 });
    const sent = t.db.select().from(notifications).orderBy(asc(notifications.id)).all();
    expect(sent.map((n) => [n.memberId, n.kind, n.dedupeKey, n.payload])).toEqual([
      [a, "points-expiring", `${a}:2026-01-31`, { memberId: "a", points: 120, lastDay: "2026-01-31", expiresAt: "2026-01-31T16:00:00.000Z" }],
      [a, "points-expiring", `${a}:2026-02-10`, { memberId: "a", points: 30, lastDay: "2026-02-10", expiresAt: "2026-02-10T04:00:00.000Z" }],
    ]);
    // No webhook URL: no webhook.
    expect(t.count(outbox)).toBe(0);
  });

  it("sends none the second time, and reminds of a date once it comes within the window", async () => {
    const { t, member, earn } = await setup();
    const a = member("a");
    earn(a, 100, "2026-01-31T16:00:00Z");
    earn(a, 40, "2026-02-16T04:00:00Z"); // 32 days and 2 hours away
    expect(remindExpiring(t.app.ctx)).toEqual({ reminders: 1 });
    expect(remindExpiring(t.app.ctx)).toEqual({ reminders: 0 });
    t.clock.advance(2 * DAY);
    expect(remindExpiring(t.app.ctx)).toEqual({ reminders: 0 });
    t.clock.advance(DAY);
    expect(remindExpiring(t.app.ctx)).toEqual({ reminders: 1 });
    expect(remindExpiring(t.app.ctx)).toEqual({ reminders: 0 });
    expect(t.count(notifications)).toBe(2);
  });

  it("does not remind of points already spent or expired", async () => {
    const { t, member, earn } = await setup();
    const a = member("a");
    earn(a, 100, "2026-01-16T00:00:00Z");
    t.clock.set("2026-01-16T00:00:00Z");
    expect(remindExpiring(t.app.ctx)).toEqual({ reminders: 0 });
  });

  it("tells the host app by webhook when it has a webhook URL", async () => {
    const { t, host, member, earn } = await setup("https://host.example/hooks");
    const a = member("a");
    earn(a, 100, "2026-01-31T16:00:00Z");
    t.db.delete(outbox).run(); // the points.changed webhook of the earn
    remindExpiring(t.app.ctx);
    remindExpiring(t.app.ctx);
    expect(t.db.select().from(outbox).all()).toEqual([
      expect.objectContaining({ kind: "webhook", topic: "member.points_expiring", appId: host.id, dedupeKey: `points-expiring:${a}:2026-01-31`, payload: expect.objectContaining({ memberId: "a", points: 100 }) }),
    ]);
  });
});

describe("recomputeAllTiers", () => {
  it("demotes a member whose earnings have left the 12-month window, with a tier_changes row", async () => {
    const { t, member, earn } = await setup();
    const a = member("a");
    const b = member("b");
    earn(a, 6000, null);
    earn(b, 1200, null);
    earn(b, 5000, null, "adjust"); // adjustments are not earnings
    expect(recomputeAllTiers(t.app.ctx)).toEqual({ members: 2, changed: 2 });
    expect(t.db.select({ tier: members.tier }).from(members).orderBy(asc(members.id)).all()).toEqual([{ tier: "gold" }, { tier: "silver" }]);

    // Exactly 365 days later the earnings still count; a moment later they do not.
    t.clock.advance(365 * DAY);
    expect(recomputeAllTiers(t.app.ctx)).toEqual({ members: 2, changed: 0 });
    t.clock.advance(1);
    expect(recomputeAllTiers(t.app.ctx)).toEqual({ members: 2, changed: 2 });
    const changes = t.db.select().from(tierChanges).where(eq(tierChanges.memberId, a)).orderBy(asc(tierChanges.id)).all();
    expect(changes.map((c) => [c.fromTier, c.toTier, c.earned12m, c.reason])).toEqual([
      ["normal", "gold", 6000, "nightly recompute"],
      ["gold", "normal", 0, "nightly recompute"],
    ]);
    // The balance is not the tier: the points are still there.
    expect(balanceOf(t, a)).toBe(6000);
    expect(recomputeAllTiers(t.app.ctx)).toEqual({ members: 2, changed: 0 });
  });

  it("works through the members in batches, reporting progress", async () => {
    const { t, member } = await setup();
    for (let i = 0; i < 5; i++) member(`m-${i}`);
    const progress: Progress[] = [];
    expect(recomputeAllTiers(t.app.ctx, (p) => progress.push(p), 2)).toEqual({ members: 5, changed: 0 });
    expect(progress).toEqual([
      { done: 2, total: 5 },
      { done: 4, total: 5 },
      { done: 5, total: 5 },
    ]);
  });
});
