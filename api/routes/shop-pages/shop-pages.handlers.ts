import type { Context } from "hono";
import type { AppContext, AppEnv } from "../../context";
import { PAGE_PATH } from "../../domain/pages/blocks";
import { etagMatches, preferredCoding, type PageCache } from "../../domain/pages/page-cache";
import { toAppError, validationError } from "../../lib/errors";
import { newRouter } from "../../lib/router";
import { logRequest, requestIdFrom } from "../../middleware/request-context";
import { PagePathQuery, shopPageRoute } from "./shop-pages.routes";

/**
 * GET /api/shop/pages: the storefront's page data, what every member's phone asks for on opening the
 * mall. It never touches the database on a cache hit (the body is sent as it was serialised and
 * gzipped at build), and it does not pass through the app's middleware (see app.ts): it needs no
 * session (the page is everyone's) nor CSRF check (a GET), and does the rest itself: the request id
 * (X-Request-Id) and the request log line.
 *
 * Two ways in, one answer (pageAnswer):
 * - shopPageFastPath: the request as the storefront makes it (`?path=<a page path>`), straight from
 *   the Request, before Hono routes anything. Anything else it leaves to
 * - shopPagesRouter: the documented route (shopPageRoute), mounted ahead of the middleware: the query
 *   checked by its schema (the same 400 as every route), HEAD, and errors by app.onError (the one error
 *   shape; unexpected ones logged with the request id).
 */

const SHOP_PAGES_PATH = "/api/shop/pages";
const JSON_TYPE = "application/json";

/**
 * The answer for a page path, with its headers in a plain object: @hono/node-server writes such a
 * Response straight to the socket, where c.body() builds a Headers object to merge into and read back.
 */
function pageAnswer(cache: PageCache, path: string, header: (name: string) => string | null | undefined, requestId: string): Response {
  const page = cache.get(path);
  if (page.status === 404) return new Response(page.body, { status: 404, headers: { "Content-Type": JSON_TYPE, "Cache-Control": "no-cache", "X-Request-Id": requestId } });
  const headers: Record<string, string> = { ETag: page.etag, "Cache-Control": "no-cache", Vary: "Accept-Encoding", "X-Request-Id": requestId, "Content-Type": JSON_TYPE };
  if (etagMatches(header("if-none-match") ?? undefined, page.etag)) {
    delete headers["Content-Type"];
    return new Response(null, { status: 304, headers });
  }
  const coding = preferredCoding(header("accept-encoding") ?? undefined);
  if (!coding) return new Response(page.body, { status: 200, headers });
  headers["Content-Encoding"] = coding;
  return new Response(page[coding], { status: 200, headers });
}

/** The query's page path, checked by the route's schema (a 400 in the one error shape otherwise). */
function requestedPath(c: Context<AppEnv>): string {
  const query = Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
  const parsed = PagePathQuery.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error, "query");
  return parsed.data.path;
}

export function shopPagesRouter(ctx: AppContext) {
  const router = newRouter();
  // Documented from its contract; served by a plain handler, which answers errors with the request id.
  router.openAPIRegistry.registerPath(shopPageRoute);
  router.get(shopPageRoute.path, (c) => {
    const started = performance.now();
    const requestId = requestIdFrom(c.req.header("x-request-id"));
    const line = { method: c.req.method, path: c.req.path, started, reqId: requestId };
    let res: Response;
    try {
      res = pageAnswer(ctx.pageCache, requestedPath(c), (name) => c.req.header(name), requestId);
    } catch (err) {
      c.set("requestId", requestId);
      c.set("log", ctx.logger.child({ reqId: requestId }));
      c.header("X-Request-Id", requestId);
      logRequest(ctx.logger, { ...line, status: toAppError(err)?.status ?? 500 });
      throw err;
    }
    logRequest(ctx.logger, { ...line, status: res.status });
    return res;
  });
  return router;
}

/** "%2F" and the like; null when the escapes are broken. */
function decoded(raw: string): string | null {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * The request as the storefront makes it, `GET /api/shop/pages?path=<a page path>` and nothing else in
 * the query, answered without the framework: no URL object, no routing, no context, and a Response
 * written in the same tick (routed through the app, the handler sits in a promise chain with the "*"
 * middleware, and that wait cost as much as the rest of the answer). Undefined for any other request,
 * or when something goes wrong: the app then answers it the usual way.
 */
export function shopPageFastPath(ctx: AppContext): (request: Request) => Response | undefined {
  const prefix = `${SHOP_PAGES_PATH}?path=`;
  return (request) => {
    if (request.method !== "GET") return undefined;
    const url = request.url;
    const at = url.indexOf("/", url.indexOf("://") + 3);
    if (at < 0 || !url.startsWith(prefix, at)) return undefined;
    const raw = url.slice(at + prefix.length);
    if (raw.length > 240 || raw.includes("&") || raw.includes("+") || raw.includes("#")) return undefined;
    const path = decoded(raw);
    if (path === null || path.length > 80 || !PAGE_PATH.test(path)) return undefined;
    const started = performance.now();
    const requestId = requestIdFrom(request.headers.get("x-request-id"));
    try {
      const res = pageAnswer(ctx.pageCache, path, (name) => request.headers.get(name), requestId);
      logRequest(ctx.logger, { method: "GET", path: SHOP_PAGES_PATH, status: res.status, started, reqId: requestId });
      return res;
    } catch {
      // A failed build: the app's route tries again and answers (and logs) the error in the usual way.
      return undefined;
    }
  };
}
