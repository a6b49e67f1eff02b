import { OpenAPIHono } from "@hono/zod-openapi";
import { swaggerUI } from "@hono/swagger-ui";
import { join } from "node:path";
import type { Db } from "../db/client";
import { defaultConfig, type AppConfig, type AppContext, type AppEnv } from "./context";
import { systemClock, type Clock } from "./lib/clock";
import { AppError, respondError, toAppError } from "./lib/errors";
import { silentLogger, type Logger } from "./lib/logger";
import { cryptoRng, type Rng } from "./lib/rng";
import { newRouter } from "./lib/router";
import { authorizeStaff } from "./middleware/authorize";
import { originCheck } from "./middleware/origin-check";
import { requestContext } from "./middleware/request-context";
import { staffSession } from "./middleware/staff-session";
import { applyDefaultPolicies, Authorizer } from "./rbac/authorizer";
import { auditLogRouter } from "./routes/audit-log/audit-log.handlers";
import { authRouter } from "./routes/auth/auth.handlers";
import { healthRouter } from "./routes/health/health.handlers";
import { rolesRouter } from "./routes/roles/roles.handlers";
import { shopConfigRouter } from "./routes/shop-config/shop-config.handlers";
import { staffUsersRouter } from "./routes/staff-users/staff-users.handlers";
import { suppliersRouter } from "./routes/suppliers/suppliers.handlers";
import { StaticSite } from "./static-site";

export interface AppDeps {
  db: Db;
  clock?: Clock;
  rng?: Rng;
  logger?: Logger;
  config?: Partial<AppConfig>;
  /** Pass one to share an enforcer between apps on the same database; built from the database otherwise. */
  authz?: Authorizer;
}

/** Console routers, mounted under /api/admin behind the session, CSRF and Casbin middleware. */
const adminRouters = [authRouter, staffUsersRouter, rolesRouter, auditLogRouter, suppliersRouter];
/** Storefront routers, mounted under /api/shop. */
const shopRouters = [shopConfigRouter];

export async function createApp(deps: AppDeps) {
  const clock = deps.clock ?? systemClock;
  const config: AppConfig = { ...defaultConfig, ...deps.config };
  applyDefaultPolicies(deps.db, clock.now());
  const ctx: AppContext = {
    db: deps.db,
    clock,
    rng: deps.rng ?? cryptoRng,
    logger: deps.logger ?? silentLogger,
    config,
    authz: deps.authz ?? (await Authorizer.create(deps.db)),
  };

  const app = new OpenAPIHono<AppEnv>();
  app.use("*", requestContext(ctx.logger));

  app.onError((err, c) => {
    const known = toAppError(err);
    if (known) return respondError(c, known);
    c.get("log")?.error({ err, method: c.req.method, path: c.req.path }, "unexpected error");
    return respondError(c, new AppError(500, "INTERNAL", `Something went wrong on our side (request ${c.get("requestId")})`));
  });
  app.notFound((c) => respondError(c, new AppError(404, "ROUTE_NOT_FOUND", `No route for ${c.req.method} ${c.req.path}`)));

  const admin = newRouter();
  admin.use("*", originCheck(config.allowedOrigins), staffSession(ctx), authorizeStaff(ctx));
  for (const build of adminRouters) admin.route("/", build(ctx));
  app.route("/api/admin", admin);

  const shop = newRouter();
  shop.use("*", originCheck(config.allowedOrigins));
  for (const build of shopRouters) shop.route("/", build(ctx));
  app.route("/api/shop", shop);

  app.route("/api", healthRouter(ctx));

  app.openAPIRegistry.registerComponent("securitySchemes", "staffSession", { type: "apiKey", in: "cookie", name: "pm_staff" });
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Pointmall API",
      version: "0.1.0",
      description:
        "/api/admin: the console (staff session cookie, Refine REST conventions). /api/shop: the storefront (member session). /api/open/v1: host apps (HMAC-signed).",
    },
    security: [{ staffSession: [] }],
  });
  app.get("/api/docs", swaggerUI({ url: "/api/openapi.json", title: "Pointmall API" }));
  app.all("/api/*", (c) => respondError(c, new AppError(404, "ROUTE_NOT_FOUND", `No route for ${c.req.method} ${c.req.path}`)));

  if (config.staticRoot) {
    const adminSite = new StaticSite(join(config.staticRoot, "admin"), "/admin/");
    const storefront = new StaticSite(join(config.staticRoot, "storefront"), "/");
    app.get("/admin", (c) => c.redirect("/admin/"));
    app.get("/admin/*", (c) => adminSite.serve(c));
    app.get("*", (c) => storefront.serve(c));
  }

  return Object.assign(app, { ctx });
}

export type PointmallApp = Awaited<ReturnType<typeof createApp>>;
export type AppType = PointmallApp;
