import { Hono } from "hono";
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { members } from "../../../db/schema";
import type { AppContext, AppEnv } from "../../context";
import { claimNonce } from "../../domain/apps/keyring";
import { findOrCreateMember } from "../../domain/points/members";
import { sameSignature, signSso } from "../../lib/signing";
import { writeTx } from "../../lib/tx";
import { SIGNATURE_WINDOW_MS } from "../../middleware/app-signature";
import { createMemberSession, setMemberCookie } from "../../middleware/member-session";
import { AppError } from "../../lib/errors";
import { newRouter } from "../../lib/router";
import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, json } from "../../lib/schemas";

const MESSAGES: Record<string, [string, string]> = {
  SSO_PARAMS_MISSING: ["登录链接不完整", "The sign-in link is incomplete"],
  APP_KEY_UNKNOWN: ["无法识别的应用", "Unknown app"],
  APP_DISABLED: ["该应用已停用", "This app is disabled"],
  TIMESTAMP_OUT_OF_RANGE: ["登录链接已过期，请返回 App 重新进入", "The sign-in link has expired; go back to the app and open the mall again"],
  SIGNATURE_INVALID: ["登录链接无效", "The sign-in link is not valid"],
  NONCE_REUSED: ["登录链接已被使用，请返回 App 重新进入", "The sign-in link was already used; go back to the app and open the mall again"],
  REDIRECT_INVALID: ["跳转地址无效", "The redirect address is not allowed"],
  MEMBER_FROZEN: ["该账户已被冻结，请联系客服", "This account is frozen; please contact customer service"],
};

function failure(code: string, status: 401 | 403 = 401) {
  const [zh, en] = MESSAGES[code] ?? ["登录失败", "Sign-in failed"];
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${zh}</title>
<style>body{font-family:system-ui,-apple-system,"PingFang SC",sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f5f5f7;color:#1f1f1f}main{background:#fff;border-radius:12px;padding:24px;max-width:360px;text-align:center}p{color:#595959}</style>
</head><body><main role="alert"><h1 style="font-size:20px">${zh}</h1><p>${en}</p><p><small>${code}</small></p></main></body></html>`;
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/**
 * Only paths on this site: no scheme, no host, no protocol-relative "//", no backslashes, and no control
 * characters (browsers drop tabs and newlines from a Location, so "/\t/evil.com" would become "//evil.com").
 */
export const safeRedirect = (r: string | undefined) =>
  r && r.startsWith("/") && !r.startsWith("//") && !r.includes("\\") && !/[\u0000-\u001f\u007f]/.test(r) ? r : r === undefined || r === "" ? "/" : null;

/**
 * GET /sso: the host's backend builds a signed link; the storefront accepts it once within five
 * minutes, finds or creates the member, starts a member session and redirects into the mall.
 */
export function ssoRouter(ctx: AppContext) {
  const router = new Hono<AppEnv>();
  router.get("/sso", (c) => {
    const q = c.req.query();
    const { appKey, memberId, timestamp, nonce, signature } = q;
    if (!appKey || !memberId || !timestamp || !nonce || !signature) return failure("SSO_PARAMS_MISSING");
    const redirect = safeRedirect(q.redirect);
    if (redirect === null) return failure("REDIRECT_INVALID");
    const app = ctx.keyring.byAppKey(appKey);
    if (!app) return failure("APP_KEY_UNKNOWN");
    if (app.status !== "active") return failure("APP_DISABLED");
    const now = ctx.clock.now();
    const ts = Number(timestamp) * 1000;
    if (!/^\d{9,11}$/.test(timestamp) || Math.abs(now.getTime() - ts) > SIGNATURE_WINDOW_MS) return failure("TIMESTAMP_OUT_OF_RANGE");
    const params = Object.fromEntries(Object.entries(q).filter(([k]) => k !== "signature"));
    if (!sameSignature(signature, signSso(app.secret, params))) return failure("SIGNATURE_INVALID");
    if (memberId.length > 64) return failure("SSO_PARAMS_MISSING");

    const outcome = writeTx(ctx.db, (tx) => {
      if (!claimNonce(tx, app.id, nonce, new Date(ts + SIGNATURE_WINDOW_MS * 2))) return { refused: "NONCE_REUSED" } as const;
      const member = findOrCreateMember(tx, app.id, memberId, now, { nickname: q.nickname?.slice(0, 64) });
      if (member.status !== "active") return { refused: "MEMBER_FROZEN" } as const;
      tx.update(members).set({ lastSeenAt: now }).where(eq(members.id, member.id)).run();
      return { token: createMemberSession(tx, member.id, now, ctx.config) };
    });
    if (!outcome.token) return outcome.refused === "MEMBER_FROZEN" ? failure("MEMBER_FROZEN", 403) : failure("NONCE_REUSED");
    setMemberCookie(c, outcome.token, ctx.config);
    c.header("Cache-Control", "no-store");
    return c.redirect(redirect, 302);
  });
  return router;
}

const DemoMember = z.object({ memberId: z.string(), nickname: z.string(), balance: z.number(), tier: z.string() });

export const demoMembersRoute = createRoute({
  method: "get",
  path: "/demo/members",
  tags: ["Shop"],
  summary: "Demo only (not in production): members of the demo app, for the page that plays the host",
  responses: { 200: json(z.array(DemoMember)), 404: errorResponses[404] },
});

export const demoSsoRoute = createRoute({
  method: "get",
  path: "/demo/sso-url",
  tags: ["Shop"],
  summary: "Demo only: a freshly signed SSO link for a demo member, as the host's backend would build it",
  request: { query: z.object({ memberId: z.string().min(1).max(64), redirect: z.string().max(200).optional() }) },
  responses: { 200: json(z.object({ url: z.string() })), 404: errorResponses[404] },
});

export const DEMO_APP_KEY = "demo-app";

/** The demo host: lists demo members and signs SSO links with the demo app's secret. */
export function demoHostRouter(ctx: AppContext) {
  const router = newRouter();
  const demoApp = () => {
    const app = ctx.config.production ? null : ctx.keyring.byAppKey(DEMO_APP_KEY);
    if (!app) throw new AppError(404, "DEMO_DISABLED", "The demo host is only available with demo data");
    return app;
  };
  router.openapi(demoMembersRoute, (c) => {
    const app = demoApp();
    const rows = ctx.db
      .select({ memberId: members.externalId, nickname: members.nickname, balance: members.balance, tier: members.tier })
      .from(members)
      .where(and(eq(members.appId, app.id)))
      .orderBy(asc(members.id))
      .limit(12)
      .all();
    return c.json(rows, 200);
  });
  router.openapi(demoSsoRoute, (c) => {
    const app = demoApp();
    const { memberId, redirect } = c.req.valid("query");
    const params: Record<string, string> = {
      appKey: app.key,
      memberId,
      timestamp: String(Math.floor(ctx.clock.now().getTime() / 1000)),
      nonce: randomUUID(),
      redirect: safeRedirect(redirect) ?? "/",
    };
    const url = `/sso?${new URLSearchParams({ ...params, signature: signSso(app.secret, params) })}`;
    return c.json({ url }, 200);
  });
  return router;
}
