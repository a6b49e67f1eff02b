import { eq, and, ne } from "drizzle-orm";
import { staffSessions, staffUsers, suppliers } from "../../../db/schema";
import type { AppContext } from "../../context";
import { audit } from "../../lib/audit";
import { AppError, tooMany, unauthorized, unprocessable } from "../../lib/errors";
import { LoginLimiter } from "../../lib/login-limiter";
import { dummyHash, hashPassword, verifyPassword } from "../../lib/passwords";
import { newRouter } from "../../lib/router";
import {
  clearStaffCookie,
  clientIp,
  createStaffSession,
  revokeSession,
  setStaffCookie,
} from "../../lib/staff-auth";
import type { StaffPrincipal } from "../../middleware/staff-session";
import { changePasswordRoute, loginRoute, logoutRoute, meRoute, permissionsRoute } from "./auth.routes";

function requireStaff(staff: StaffPrincipal | undefined): StaffPrincipal {
  if (!staff) throw new AppError(401, "UNAUTHENTICATED", "Please sign in");
  return staff;
}

function meOf(ctx: AppContext, userId: number) {
  const row = ctx.db
    .select({
      id: staffUsers.id,
      username: staffUsers.username,
      displayName: staffUsers.displayName,
      role: staffUsers.role,
      supplierId: staffUsers.supplierId,
      supplierName: suppliers.name,
    })
    .from(staffUsers)
    .leftJoin(suppliers, eq(suppliers.id, staffUsers.supplierId))
    .where(eq(staffUsers.id, userId))
    .get();
  if (!row) throw new AppError(401, "UNAUTHENTICATED", "Please sign in");
  return { ...row, supplierName: row.supplierName ?? null };
}

export function authRouter(ctx: AppContext) {
  const limiter = new LoginLimiter(ctx.config.ipLimit.maxFailures, ctx.config.ipLimit.windowMs);
  const router = newRouter();

  router.openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid("json");
    const ip = clientIp(c);
    const start = ctx.clock.now();
    const ipWait = limiter.retryAfter(ip, start.getTime());
    if (ipWait) throw tooMany("LOGIN_RATE_LIMITED", `Too many failed sign-ins from this address; try again in ${ipWait} s`, ipWait);

    const user = ctx.db.select().from(staffUsers).where(eq(staffUsers.username, username)).get();
    if (user?.lockedUntil && user.lockedUntil.getTime() > start.getTime()) {
      const wait = Math.ceil((user.lockedUntil.getTime() - start.getTime()) / 1000);
      throw tooMany("ACCOUNT_LOCKED", `This account is locked after repeated failed sign-ins; try again in ${Math.ceil(wait / 60)} min`, wait);
    }
    // Hash work happens outside any transaction; the account state is re-read inside one.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash(ctx.config.passwordCost)));
    const now = ctx.clock.now();

    if (!user || !ok) {
      limiter.fail(ip, now.getTime());
      if (user) {
        ctx.db.transaction((tx) => {
          const fresh = tx.select({ failedLogins: staffUsers.failedLogins }).from(staffUsers).where(eq(staffUsers.id, user.id)).get();
          const failures = (fresh?.failedLogins ?? 0) + 1;
          const lock = failures >= ctx.config.lockout.maxFailures;
          tx.update(staffUsers)
            .set(lock ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + ctx.config.lockout.lockMs) } : { failedLogins: failures })
            .where(eq(staffUsers.id, user.id))
            .run();
          if (lock) audit(tx, c, now, { action: "lock", resource: "staff-users", resourceId: user.id, after: { reason: "failed sign-ins", failures } });
        });
      }
      throw unauthorized("INVALID_CREDENTIALS", "Wrong username or password");
    }
    if (user.status !== "active") throw new AppError(403, "ACCOUNT_DISABLED", "This account is disabled; ask an administrator");

    limiter.succeed(ip);
    const token = ctx.db.transaction((tx) => {
      tx.update(staffUsers).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(staffUsers.id, user.id)).run();
      const t = createStaffSession(tx, user.id, now, ctx.config, { ip, userAgent: c.req.header("user-agent") ?? "" });
      c.set("staff", { id: user.id, username: user.username, displayName: user.displayName, role: user.role, supplierId: user.supplierId, sessionId: "" });
      audit(tx, c, now, { action: "login", resource: "staff-users", resourceId: user.id });
      return t;
    });
    setStaffCookie(c, token, ctx.config);
    return c.json(meOf(ctx, user.id), 200);
  });

  router.openapi(logoutRoute, (c) => {
    const staff = c.get("staff");
    if (staff) {
      const now = ctx.clock.now();
      ctx.db.transaction((tx) => {
        revokeSession(tx, staff.sessionId);
        audit(tx, c, now, { action: "logout", resource: "staff-users", resourceId: staff.id });
      });
    }
    clearStaffCookie(c);
    return c.json({ ok: true as const }, 200);
  });

  router.openapi(meRoute, (c) => c.json(meOf(ctx, requireStaff(c.get("staff")).id), 200));

  router.openapi(permissionsRoute, async (c) => {
    const staff = requireStaff(c.get("staff"));
    const pairs = await ctx.authz.permissionsOf(staff.role);
    return c.json({ role: staff.role, permissions: pairs.map(([resource, action]) => ({ resource, action })) }, 200);
  });

  router.openapi(changePasswordRoute, async (c) => {
    const staff = requireStaff(c.get("staff"));
    const body = c.req.valid("json");
    const user = ctx.db.select().from(staffUsers).where(eq(staffUsers.id, staff.id)).get();
    if (!user || !(await verifyPassword(body.currentPassword, user.passwordHash)))
      throw unprocessable("The current password is wrong", { currentPassword: "wrong password" }, "WRONG_PASSWORD");
    const passwordHash = await hashPassword(body.newPassword, ctx.config.passwordCost);
    const now = ctx.clock.now();
    ctx.db.transaction((tx) => {
      tx.update(staffUsers).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(staffUsers.id, staff.id)).run();
      // Every other session of this account ends; this one stays.
      tx.delete(staffSessions).where(and(eq(staffSessions.userId, staff.id), ne(staffSessions.id, staff.sessionId))).run();
      audit(tx, c, now, { action: "change-password", resource: "staff-users", resourceId: staff.id });
    });
    return c.json({ ok: true as const }, 200);
  });

  return router;
}
