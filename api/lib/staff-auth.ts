import type { Context } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import { eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { staffSessions, staffUsers } from "../../db/schema";
import type { AppConfig } from "../context";
import { newToken, sha256Hex } from "./tokens";
import type { StaffPrincipal } from "../middleware/staff-session";

export const STAFF_COOKIE = "pm_staff";

export function createStaffSession(db: DbOrTx, userId: number, now: Date, config: AppConfig, meta: { ip: string; userAgent: string }) {
  const token = newToken();
  db.insert(staffSessions)
    .values({
      id: sha256Hex(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + config.sessionIdleMs),
      ip: meta.ip,
      userAgent: meta.userAgent.slice(0, 300),
    })
    .run();
  return token;
}

/** The session lookup runs on every console request, so its statements are prepared once per database. */
const prepared = new WeakMap<object, ReturnType<typeof prepareSessionQueries>>();

function prepareSessionQueries(db: DbOrTx) {
  return {
    find: db
      .select({
        sessionId: staffSessions.id,
        createdAt: staffSessions.createdAt,
        expiresAt: staffSessions.expiresAt,
        lastSeenAt: staffSessions.lastSeenAt,
        userId: staffUsers.id,
        username: staffUsers.username,
        displayName: staffUsers.displayName,
        role: staffUsers.role,
        supplierId: staffUsers.supplierId,
        status: staffUsers.status,
      })
      .from(staffSessions)
      .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
      .where(eq(staffSessions.id, sql.placeholder("id")))
      .prepare(),
    remove: db.delete(staffSessions).where(eq(staffSessions.id, sql.placeholder("id"))).prepare(),
  };
}

/**
 * Resolves a cookie token to an active staff member, sliding the idle expiry forward
 * (written at most once a minute) but never past the session's maximum age.
 */
export function resolveStaffSession(db: DbOrTx, token: string, now: Date, config: AppConfig): StaffPrincipal | undefined {
  let q = prepared.get(db);
  if (!q) prepared.set(db, (q = prepareSessionQueries(db)));
  const id = sha256Hex(token);
  const row = q.find.get({ id });
  if (!row) return undefined;
  if (row.status !== "active" || row.expiresAt.getTime() <= now.getTime()) {
    q.remove.run({ id });
    return undefined;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    const cap = row.createdAt.getTime() + config.sessionMaxAgeMs;
    const expiresAt = new Date(Math.min(now.getTime() + config.sessionIdleMs, cap));
    db.update(staffSessions).set({ lastSeenAt: now, expiresAt }).where(eq(staffSessions.id, id)).run();
  }
  return {
    id: row.userId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    supplierId: row.supplierId,
    sessionId: row.sessionId,
  };
}

export function revokeSession(db: DbOrTx, sessionId: string) {
  db.delete(staffSessions).where(eq(staffSessions.id, sessionId)).run();
}

export function revokeUserSessions(db: DbOrTx, userId: number) {
  db.delete(staffSessions).where(eq(staffSessions.userId, userId)).run();
}

export function purgeExpiredSessions(db: DbOrTx, now: Date) {
  return db.delete(staffSessions).where(lt(staffSessions.expiresAt, now)).run().changes;
}

export function setStaffCookie(c: Context, token: string, config: AppConfig) {
  setCookie(c, STAFF_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: config.cookieSecure,
    path: "/",
    maxAge: Math.floor(config.sessionMaxAgeMs / 1000),
  });
}

export function clearStaffCookie(c: Context) {
  deleteCookie(c, STAFF_COOKIE, { path: "/" });
}

export const readStaffCookie = (c: Context) => getCookie(c, STAFF_COOKIE);

export function clientIp(c: Context): string {
  // Behind a proxy, POINTMALL_TRUST_PROXY would read X-Forwarded-For; the node server gives the socket address.
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
}

