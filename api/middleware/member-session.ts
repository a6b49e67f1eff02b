import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { members, memberSessions } from "../../db/schema";
import type { AppConfig, AppContext, AppEnv } from "../context";
import { AppError } from "../lib/errors";
import { newToken, sha256Hex } from "../lib/tokens";

export const MEMBER_COOKIE = "pm_member";

/** The member behind a storefront request. */
export interface MemberPrincipal {
  id: number;
  appId: number;
  externalId: string;
  nickname: string;
  sessionId: string;
}

const prepared = new WeakMap<object, ReturnType<typeof prepare>>();
function prepare(db: DbOrTx) {
  return db
    .select({ sessionId: memberSessions.id, expiresAt: memberSessions.expiresAt, id: members.id, appId: members.appId, externalId: members.externalId, nickname: members.nickname, status: members.status })
    .from(memberSessions)
    .innerJoin(members, eq(members.id, memberSessions.memberId))
    .where(eq(memberSessions.id, sql.placeholder("id")))
    .prepare();
}

export function createMemberSession(db: DbOrTx, memberId: number, now: Date, config: AppConfig): string {
  const token = newToken();
  db.insert(memberSessions).values({ id: sha256Hex(token), memberId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + config.memberSessionMs) }).run();
  return token;
}

export function setMemberCookie(c: Context, token: string, config: AppConfig) {
  setCookie(c, MEMBER_COOKIE, token, { httpOnly: true, sameSite: "Lax", secure: config.cookieSecure, path: "/", maxAge: Math.floor(config.memberSessionMs / 1000) });
}

export function clearMemberCookie(c: Context) {
  deleteCookie(c, MEMBER_COOKIE, { path: "/" });
}

export function resolveMemberSession(db: DbOrTx, token: string, now: Date): MemberPrincipal | undefined {
  let q = prepared.get(db);
  if (!q) prepared.set(db, (q = prepare(db)));
  const row = q.get({ id: sha256Hex(token) });
  if (!row || row.status !== "active" || row.expiresAt.getTime() <= now.getTime()) return undefined;
  return { id: row.id, appId: row.appId, externalId: row.externalId, nickname: row.nickname, sessionId: row.sessionId };
}

export function memberSession(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, MEMBER_COOKIE);
    c.set("member", token ? resolveMemberSession(ctx.db, token, ctx.clock.now()) : undefined);
    await next();
  };
}

/** For member-only storefront routes. */
export function requireMember(c: Context<AppEnv>): MemberPrincipal {
  const member = c.get("member");
  if (!member) throw new AppError(401, "MEMBER_UNAUTHENTICATED", "Please enter the mall from the app to continue");
  return member;
}
