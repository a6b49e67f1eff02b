import type { AppContext } from "../../context";
import { acceptsGzip, etagMatches } from "../../domain/pages/page-cache";
import { newRouter } from "../../lib/router";
import { shopPageRoute } from "./shop-pages.routes";

/**
 * The storefront's page data. The hot path of the mall (every member opening the app), so it never
 * touches the database on a cache hit: the body is sent as it was serialised (and gzipped) at build.
 */
export function shopPagesRouter(ctx: AppContext) {
  const router = newRouter();
  router.openapi(shopPageRoute, (c) => {
    const { path } = c.req.valid("query");
    const page = ctx.pageCache.get(path);
    if (page.status === 404) return c.body(page.body, 404, { "Content-Type": "application/json; charset=UTF-8", "Cache-Control": "no-cache" });
    const headers: Record<string, string> = { ETag: page.etag, "Cache-Control": "no-cache", Vary: "Accept-Encoding" };
    if (etagMatches(c.req.header("if-none-match"), page.etag)) return c.body(null, 304, headers);
    headers["Content-Type"] = "application/json; charset=UTF-8";
    if (acceptsGzip(c.req.header("accept-encoding"))) {
      headers["Content-Encoding"] = "gzip";
      return c.body(page.gzip, 200, headers);
    }
    return c.body(page.body, 200, headers);
  });
  return router;
}
