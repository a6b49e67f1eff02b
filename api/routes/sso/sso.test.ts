import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apps, memberSessions, members } from "../../../db/schema";
import { DAY, HOUR } from "../../lib/clock";
import { buildTestApp, createMember, ORIGIN, registerTestApp, ssoLink, type TestApp, type TestHostApp } from "../../test/harness";
import { safeRedirect } from "./sso.handlers";

async function setup() {
  const t = await buildTestApp();
  const host = registerTestApp(t);
  return { t, host };
}

const memberCookie = (res: { headers: Headers }) => res.headers.get("set-cookie")?.match(/pm_member=[^;]+/)?.[0];

/** A 401 (or 403) HTML page naming the code, and no session. */
function refusedPage(res: { status: number; body: any; headers: Headers }, code: string, status = 401) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("text/html");
  expect(res.body).toContain(code);
  expect(res.headers.get("set-cookie")).toBeNull();
  expect(res.headers.get("location")).toBeNull();
}

async function enter(t: TestApp, host: TestHostApp) {
  const res = await t.request("GET", ssoLink(t, host));
  expect(res.status).toBe(302);
  return memberCookie(res)!;
}

describe("GET /sso", () => {
  it("starts a member session (HttpOnly cookie) and redirects, creating the member on first sight", async () => {
    const { t, host } = await setup();
    const res = await t.request("GET", ssoLink(t, host, { memberId: "u-77", nickname: "小王", redirect: "/products?id=3" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/products?id=3");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^pm_member=[^;]{20,};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    const member = t.db.select().from(members).where(eq(members.externalId, "u-77")).get()!;
    expect(member).toMatchObject({ appId: host.id, nickname: "小王", balance: 0, lastSeenAt: t.clock.now() });
    const sessions = t.db.select().from(memberSessions).all();
    expect(sessions).toEqual([expect.objectContaining({ memberId: member.id, expiresAt: new Date(t.clock.now().getTime() + 7 * DAY) })]);
    // The cookie holds a token; the database holds only its hash.
    expect(sessions[0].id).not.toBe(memberCookie(res)!.split("=")[1]);
  });

  it("finds the member again on a later link, with a new session", async () => {
    const { t, host } = await setup();
    await enter(t, host);
    t.clock.advance(HOUR);
    await enter(t, host);
    expect(t.count(members)).toBe(1);
    expect(t.count(memberSessions)).toBe(2);
    expect(t.db.select().from(members).get()!.lastSeenAt).toEqual(t.clock.now());
  });

  it("redirects to / without a redirect parameter", async () => {
    const { t, host } = await setup();
    const res = await t.request("GET", ssoLink(t, host, { redirect: undefined }));
    expect([res.status, res.headers.get("location")]).toEqual([302, "/"]);
  });

  it("accepts a link once: the same link again is refused (NONCE_REUSED)", async () => {
    const { t, host } = await setup();
    const link = ssoLink(t, host);
    expect((await t.request("GET", link)).status).toBe(302);
    refusedPage(await t.request("GET", link), "NONCE_REUSED");
    expect(t.count(memberSessions)).toBe(1);
  });

  it.each([
    ["more than 5 minutes old", -301],
    ["more than 5 minutes ahead", 301],
  ])("refuses a link %s (TIMESTAMP_OUT_OF_RANGE)", async (_, offset) => {
    const { t, host } = await setup();
    const link = ssoLink(t, host, { timestamp: String(Math.floor(t.clock.now().getTime() / 1000) + offset) });
    refusedPage(await t.request("GET", link), "TIMESTAMP_OUT_OF_RANGE");
    expect(t.count(members)).toBe(0);
  });

  it("refuses a link that has aged past 5 minutes before it is opened", async () => {
    const { t, host } = await setup();
    const link = ssoLink(t, host);
    t.clock.advance(5 * 60_000 + 1000);
    refusedPage(await t.request("GET", link), "TIMESTAMP_OUT_OF_RANGE");
  });

  it("refuses a link signed with another secret, or changed after signing (SIGNATURE_INVALID)", async () => {
    const { t, host } = await setup();
    refusedPage(await t.request("GET", ssoLink(t, host, {}, "not-the-secret")), "SIGNATURE_INVALID");
    const link = ssoLink(t, host, { memberId: "u-1" });
    refusedPage(await t.request("GET", link.replace("memberId=u-1", "memberId=u-2")), "SIGNATURE_INVALID");
    refusedPage(await t.request("GET", `${link}&nickname=admin`), "SIGNATURE_INVALID");
    refusedPage(await t.request("GET", link.replace(/signature=[0-9a-f]+/, "signature=zz")), "SIGNATURE_INVALID");
    expect(t.count(members)).toBe(0);
  });

  it("does not burn the nonce of a refused link", async () => {
    const { t, host } = await setup();
    refusedPage(await t.request("GET", ssoLink(t, host, { nonce: "sso-keep-me" }, "wrong")), "SIGNATURE_INVALID");
    expect((await t.request("GET", ssoLink(t, host, { nonce: "sso-keep-me" }))).status).toBe(302);
  });

  it("refuses an unknown app (APP_KEY_UNKNOWN) and a disabled one (APP_DISABLED)", async () => {
    const { t, host } = await setup();
    refusedPage(await t.request("GET", ssoLink(t, { key: "nobody", secret: "x" })), "APP_KEY_UNKNOWN");
    t.db.update(apps).set({ status: "disabled" }).where(eq(apps.id, host.id)).run();
    t.app.ctx.keyring.invalidate();
    refusedPage(await t.request("GET", ssoLink(t, host)), "APP_DISABLED");
  });

  it.each(["appKey", "memberId", "timestamp", "nonce"])("refuses a link without %s (SSO_PARAMS_MISSING)", async (param) => {
    const { t, host } = await setup();
    refusedPage(await t.request("GET", ssoLink(t, host, { [param]: undefined })), "SSO_PARAMS_MISSING");
  });

  it.each(["//evil.com", "https://evil.com", "/\\evil.com", "\\\\evil.com", "evil.com", "javascript:alert(1)", "/\t/evil.com", "/\n/evil.com"])(
    "refuses the open redirect %j even in a correctly signed link (REDIRECT_INVALID)",
    async (redirect) => {
      const { t, host } = await setup();
      refusedPage(await t.request("GET", ssoLink(t, host, { redirect })), "REDIRECT_INVALID");
      expect(t.count(memberSessions)).toBe(0);
    },
  );

  it("refuses a frozen member (MEMBER_FROZEN, 403) without a session", async () => {
    const { t, host } = await setup();
    createMember(t, host.id, "u-1", { status: "frozen" });
    refusedPage(await t.request("GET", ssoLink(t, host)), "MEMBER_FROZEN", 403);
    expect(t.count(memberSessions)).toBe(0);
  });
});

describe("safeRedirect", () => {
  it("keeps paths on this site and falls back to / when there is none", () => {
    expect(safeRedirect("/points?tab=history#top")).toBe("/points?tab=history#top");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect("")).toBe("/");
    expect(safeRedirect("/\u0000")).toBeNull();
  });
});

describe("the demo host (/api/shop/demo)", () => {
  async function demo(production = false) {
    const t = await buildTestApp({ config: { production } });
    const host = registerTestApp(t, { key: "demo-app", secret: "demo-secret" });
    const other = registerTestApp(t, { key: "bank-app" });
    createMember(t, host.id, "u-1001", { nickname: "王伟", balance: 0 });
    createMember(t, other.id, "b-1");
    return { t, host };
  }

  it("lists the demo app's members only", async () => {
    const { t } = await demo();
    const res = await t.request("GET", "/api/shop/demo/members");
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ memberId: "u-1001", nickname: "王伟", balance: 0, tier: "normal" }]);
  });

  it("signs a fresh SSO link that enters the mall as that member", async () => {
    const { t } = await demo();
    const res = await t.request("GET", "/api/shop/demo/sso-url?memberId=u-1001&redirect=/points");
    expect(res.status).toBe(200);
    const url = new URL(res.body.url, ORIGIN);
    expect(url.pathname).toBe("/sso");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ appKey: "demo-app", memberId: "u-1001", redirect: "/points" });
    const entered = await t.request("GET", res.body.url);
    expect([entered.status, entered.headers.get("location")]).toEqual([302, "/points"]);
    expect((await t.request("GET", "/api/shop/me", { cookie: memberCookie(entered) })).body.memberId).toBe("u-1001");
  });

  it("replaces an unsafe redirect with /", async () => {
    const { t } = await demo();
    const res = await t.request("GET", `/api/shop/demo/sso-url?memberId=u-1001&redirect=${encodeURIComponent("//evil.com")}`);
    expect(new URL(res.body.url, ORIGIN).searchParams.get("redirect")).toBe("/");
  });

  it("is not there in production (404)", async () => {
    const { t } = await demo(true);
    for (const path of ["/api/shop/demo/members", "/api/shop/demo/sso-url?memberId=u-1001"]) {
      const res = await t.request("GET", path);
      expect([res.status, res.body.code]).toEqual([404, "DEMO_DISABLED"]);
    }
  });

  it("is not there without the demo app (404)", async () => {
    const t = await buildTestApp();
    expect((await t.request("GET", "/api/shop/demo/members")).status).toBe(404);
  });
});
