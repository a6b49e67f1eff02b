import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberSessions, members } from "../../../db/schema";
import { credit, hashRequest } from "../../domain/points/ledger";
import { DAY } from "../../lib/clock";
import { writeTx } from "../../lib/tx";
import { buildTestApp, memberLogin, ORIGIN, registerTestApp } from "../../test/harness";

async function setup() {
  const t = await buildTestApp();
  const host = registerTestApp(t);
  return { t, host };
}

describe("GET /api/shop/me", () => {
  it("shows the signed-in member's balance, tier and points expiring soon", async () => {
    const { t, host } = await setup();
    const cookie = await memberLogin(t, host, "u-1");
    const member = t.db.select().from(members).get()!;
    writeTx(t.db, (tx) =>
      credit(tx, t.clock.now(), { type: "earn", amount: 1200, memberId: member.id, businessId: "b-1", requestHash: hashRequest({ b: 1 }), actor: { type: "app", id: "1" }, expiresAt: new Date("2026-01-31T16:00:00Z") }),
    );
    t.db.update(members).set({ tier: "silver" }).where(eq(members.id, member.id)).run();
    const res = await t.request("GET", "/api/shop/me", { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toMatchObject({
      memberId: "u-1",
      balance: 1200,
      tier: "silver",
      tierName: { "en-US": "Silver" },
      progress: { current: "silver", earned12m: 1200, next: "gold", pointsToNext: 3800 },
      expiring: { days: 30, total: 1200, dates: [{ date: "2026-01-31", points: 1200 }] },
    });
    const ledger = await t.request("GET", "/api/shop/me/ledger?limit=5", { cookie });
    expect(ledger.body).toMatchObject({ page: 1, limit: 5, total: 1, items: [{ type: "earn", amount: 1200, balanceAfter: 1200 }] });
  });

  it("returns 401 MEMBER_UNAUTHENTICATED without a cookie, with an unknown one, and after the session expires", async () => {
    const { t, host } = await setup();
    for (const cookie of [undefined, "pm_member=forged-token"]) {
      const res = await t.request("GET", "/api/shop/me", { cookie });
      expect([res.status, res.body.code]).toEqual([401, "MEMBER_UNAUTHENTICATED"]);
    }
    expect((await t.request("GET", "/api/shop/me/ledger")).status).toBe(401);
    const cookie = await memberLogin(t, host);
    t.clock.advance(7 * DAY);
    expect((await t.request("GET", "/api/shop/me", { cookie })).status).toBe(401);
  });

  it("ends the session of a member who is frozen meanwhile", async () => {
    const { t, host } = await setup();
    const cookie = await memberLogin(t, host);
    t.db.update(members).set({ status: "frozen" }).run();
    expect((await t.request("GET", "/api/shop/me", { cookie })).status).toBe(401);
  });
});

describe("POST /api/shop/auth/logout", () => {
  it("ends the session: the row is gone, the cookie cleared, and the cookie no longer works", async () => {
    const { t, host } = await setup();
    const cookie = await memberLogin(t, host);
    expect((await t.request("GET", "/api/shop/me", { cookie })).status).toBe(200);
    const res = await t.request("POST", "/api/shop/auth/logout", { cookie, headers: { origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers.get("set-cookie")).toMatch(/pm_member=;.*Max-Age=0/);
    expect(t.count(memberSessions)).toBe(0);
    expect((await t.request("GET", "/api/shop/me", { cookie })).status).toBe(401);
  });

  it("refuses a cross-site logout (CSRF)", async () => {
    const { t, host } = await setup();
    const cookie = await memberLogin(t, host);
    const res = await t.request("POST", "/api/shop/auth/logout", { cookie, headers: { origin: "https://evil.example" } });
    expect([res.status, res.body.code]).toEqual([403, "CSRF_ORIGIN_MISMATCH"]);
    expect(t.count(memberSessions)).toBe(1);
  });
});
