import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ledgerEntries, members } from "../../../db/schema";
import { credit, debit, hashRequest, ledgerViolations } from "../../domain/points/ledger";
import { writeTx } from "../../lib/tx";
import { buildTestApp, createMember, registerTestApp, signedRequest, type TestApp } from "../../test/harness";

async function setup() {
  const t = await buildTestApp(); // the clock stands at 2026-01-15T02:00:00Z (10:00 in Shanghai)
  const host = registerTestApp(t);
  const member = createMember(t, host.id, "u-1", { nickname: "小王" });
  const earn = (businessId: string, amount: number, expiresAt: string | null, memberId = member.id) =>
    writeTx(t.db, (tx) =>
      credit(tx, t.clock.now(), { type: "earn", amount, memberId, businessId, requestHash: hashRequest({ businessId }), actor: { type: "app", id: String(host.id) }, expiresAt: expiresAt ? new Date(expiresAt) : null }),
    );
  const get = (path: string, app = host) => signedRequest(t, "GET", path, undefined, app);
  return { t, host, member, earn, get };
}

const balanceOf = (t: TestApp, id: number) => t.db.select({ b: members.balance }).from(members).where(eq(members.id, id)).get()!.b;

describe("GET /api/open/v1/members/{memberId}", () => {
  it("gives the balance, the tier with progress, and the points expiring in the next 30 days by Shanghai date", async () => {
    const { get, earn } = await setup();
    earn("a", 100, "2026-01-31T16:00:00Z"); // usable through 31 Jan in Shanghai
    earn("b", 50, "2026-01-31T16:00:00Z");
    earn("c", 30, "2026-02-10T04:00:00Z");
    earn("d", 70, "2026-03-31T16:00:00Z"); // beyond 30 days
    earn("e", 20, null);
    const res = await get("/api/open/v1/members/u-1");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      memberId: "u-1",
      nickname: "小王",
      balance: 270,
      tier: "normal",
      tierName: { "zh-CN": "普通会员", "en-US": "Member" },
      multiplierPermille: 1000,
      progress: { current: "normal", earned12m: 270, next: "silver", nextThreshold: 1000, pointsToNext: 730 },
      expiring: {
        days: 30,
        total: 180,
        dates: [
          { date: "2026-01-31", points: 150 },
          { date: "2026-02-10", points: 30 },
        ],
      },
    });
  });

  it("expires due points before answering, so the balance is never stale", async () => {
    const { t, get, earn, member } = await setup();
    earn("a", 100, "2026-01-31T16:00:00Z");
    earn("b", 20, null);
    t.clock.set("2026-01-31T16:00:00Z");
    const res = await get("/api/open/v1/members/u-1");
    expect(res.body).toMatchObject({ balance: 20, expiring: { total: 0, dates: [] } });
    expect(t.db.select().from(ledgerEntries).where(eq(ledgerEntries.type, "expire")).all()).toHaveLength(1);
    expect(balanceOf(t, member.id)).toBe(20);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("returns 404 for a member the app has never reported", async () => {
    const { get } = await setup();
    const res = await get("/api/open/v1/members/u-404");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
  });

  it("does not show one app's members to another app (404), and keeps same-named members apart", async () => {
    const { t, get, earn } = await setup();
    earn("a", 100, null);
    const other = registerTestApp(t, { key: "other-app" });
    expect((await get("/api/open/v1/members/u-1", other)).status).toBe(404);
    expect((await get("/api/open/v1/members/u-1/ledger", other)).status).toBe(404);
    const theirs = createMember(t, other.id, "u-1");
    earn("a", 7, null, theirs.id);
    expect((await get("/api/open/v1/members/u-1", other)).body.balance).toBe(7);
    expect((await get("/api/open/v1/members/u-1")).body.balance).toBe(100);
  });
});

describe("GET /api/open/v1/members/{memberId}/ledger", () => {
  async function withHistory() {
    const s = await setup();
    for (let i = 1; i <= 24; i++) s.earn(`earn-${i}`, i, null);
    writeTx(s.t.db, (tx) =>
      debit(tx, s.t.clock.now(), { type: "spend", amount: 50, memberId: s.member.id, businessId: "order-1", requestHash: "h", reason: "兑换商品", actor: { type: "member", id: "1" } }),
    );
    return s;
  }

  it("pages the history newest first, with the total", async () => {
    const { get } = await withHistory();
    const first = await get("/api/open/v1/members/u-1/ledger?page=1&limit=10");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, limit: 10, total: 25 });
    expect(first.body.items).toHaveLength(10);
    expect(first.body.items[0]).toEqual({
      id: expect.any(Number),
      type: "spend",
      amount: -50,
      balanceAfter: 250,
      businessId: "order-1",
      reason: "兑换商品",
      orderId: null,
      campaignId: null,
      createdAt: "2026-01-15T02:00:00.000Z",
      order: null,
      campaign: null,
    });
    expect(first.body.items.slice(1).map((e: any) => e.businessId)).toEqual(["earn-24", "earn-23", "earn-22", "earn-21", "earn-20", "earn-19", "earn-18", "earn-17", "earn-16"]);
    const third = await get("/api/open/v1/members/u-1/ledger?page=3&limit=10");
    expect(third.body.items.map((e: any) => e.businessId)).toEqual(["earn-5", "earn-4", "earn-3", "earn-2", "earn-1"]);
    expect((await get("/api/open/v1/members/u-1/ledger?page=4&limit=10")).body.items).toEqual([]);
  });

  it("defaults to page 1 of 20", async () => {
    const { get } = await withHistory();
    const res = await get("/api/open/v1/members/u-1/ledger");
    expect(res.body).toMatchObject({ page: 1, limit: 20, total: 25 });
    expect(res.body.items).toHaveLength(20);
  });

  it.each(["page=0", "limit=0", "limit=101", "page=abc"])("returns 400 for ?%s", async (query) => {
    const { get } = await withHistory();
    const res = await get(`/api/open/v1/members/u-1/ledger?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("INVALID_QUERY");
  });

  it("returns 404 for an unknown member", async () => {
    const { get } = await setup();
    expect((await get("/api/open/v1/members/nobody/ledger")).status).toBe(404);
  });
});
