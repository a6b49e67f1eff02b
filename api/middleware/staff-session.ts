import type { MiddlewareHandler } from "hono";
import type { AppContext, AppEnv } from "../context";
import { readStaffCookie, resolveStaffSession } from "../lib/staff-auth";

/** Who is calling the console API. Built from the session on every request. */
export interface StaffPrincipal {
  id: number;
  username: string;
  displayName: string;
  role: string;
  supplierId: number | null;
  sessionId: string;
}

export function staffSession(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readStaffCookie(c);
    c.set("staff", token ? resolveStaffSession(ctx.db, token, ctx.clock.now(), ctx.config) : undefined);
    await next();
  };
}
