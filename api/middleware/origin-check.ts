import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { AppError } from "../lib/errors";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated APIs: a state-changing request that names an Origin
 * (or, failing that, a Referer) must come from this server or an allowed origin. Browsers always
 * send Origin on cross-site POSTs; non-browser clients (curl, the host app) send neither and
 * carry no ambient cookie to abuse.
 */
export function originCheck(allowedOrigins: string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    if (!SAFE.has(c.req.method)) {
      const origin = c.req.header("origin") ?? refererOrigin(c.req.header("referer"));
      if (origin !== undefined) {
        const host = c.req.header("host");
        const self = new URL(c.req.url);
        const same = origin === self.origin || (host !== undefined && (origin === `http://${host}` || origin === `https://${host}`));
        if (!same && !allowed.has(origin)) throw new AppError(403, "CSRF_ORIGIN_MISMATCH", "Cross-site request refused (Origin does not match)");
      }
    }
    await next();
  };
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "null";
  }
}
