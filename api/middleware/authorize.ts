import type { MiddlewareHandler } from "hono";
import type { AppContext, AppEnv } from "../context";
import { AppError, forbidden } from "../lib/errors";

/** Console paths open without a session (signing in) or to any signed-in staff member (their own account). */
const OPEN = new Set(["auth"]);
const SELF = new Set(["me"]);
const ADMIN_PREFIX = "/api/admin/";

/**
 * Reads the Casbin request (resource, action) off a console route:
 * the resource is the first segment under /api/admin; GET is read, POST to the collection is create,
 * PATCH/PUT is update, DELETE is delete, and POST /<resource>/:id/<verb> or /<resource>/<verb> is that verb.
 */
export function accessOf(method: string, path: string): { resource: string; action: string } {
  const segments = path.slice(ADMIN_PREFIX.length).split("/").filter(Boolean);
  const resource = segments[0] ?? "";
  const last = segments[segments.length - 1];
  switch (method) {
    case "GET":
    case "HEAD":
      return { resource, action: "read" };
    case "PATCH":
    case "PUT":
      return { resource, action: "update" };
    case "DELETE":
      return { resource, action: "delete" };
    default:
      if (segments.length === 1) return { resource, action: "create" };
      return { resource, action: /^\d+$/.test(last) ? "update" : last };
  }
}

/** The one middleware that authorises every /api/admin request against the cached enforcer. */
export function authorizeStaff(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { resource, action } = accessOf(c.req.method, c.req.path);
    if (OPEN.has(resource)) return next();
    const staff = c.get("staff");
    if (!staff) throw new AppError(401, "UNAUTHENTICATED", "Please sign in");
    if (SELF.has(resource)) return next();
    if (!ctx.authz.can(staff.role, resource, action)) throw forbidden(`Your role (${staff.role}) may not ${action} ${resource}`, { resource, action });
    await next();
  };
}
