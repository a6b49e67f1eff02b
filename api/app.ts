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
import { shopOrdersRouter } from "./routes/shop-orders/shop-orders.handlers";
import { ordersRouter } from "./routes/orders/orders.handlers";
import { paymentsRouter } from "./routes/payments/payments.handlers";
import { sandboxSupplierRouter } from "./domain/fulfilment/sandbox-supplier";
import { membersRouter } from "./routes/members/members.handlers";
import { ledgerRouter } from "./routes/ledger-entries/ledger-entries.handlers";
import { rulesRouter } from "./routes/rules/rules.handlers";
import { pointsPolicyRouter } from "./routes/points-policy/points-policy.handlers";
import { reviewsRouter } from "./routes/reviews/reviews.handlers";
import { appsRouter } from "./routes/apps/apps.handlers";
import { deliveriesRouter } from "./routes/deliveries/deliveries.handlers";
import { memberSession } from "./middleware/member-session";
import { appSignature } from "./middleware/app-signature";
import { openEventsRouter } from "./routes/open-events/open-events.handlers";
import { openMembersRouter } from "./routes/open-members/open-members.handlers";
import { demoHostRouter, ssoRouter } from "./routes/sso/sso.handlers";
import { shopPointsRouter } from "./routes/shop-points/shop-points.handlers";
import { categoriesRouter } from "./routes/categories/categories.handlers";
import { productsRouter } from "./routes/products/products.handlers";
import { approvalsRouter } from "./routes/approvals/approvals.handlers";
import { importJobsRouter } from "./routes/import-jobs/import-jobs.handlers";
import { uploadFilesRouter, uploadsRouter } from "./routes/uploads/uploads.handlers";
import { shopCatalogRouter } from "./routes/shop-catalog/shop-catalog.handlers";
import { shopCampaignsRouter } from "./routes/shop-campaigns/shop-campaigns.handlers";
import { supplierDashboardRouter } from "./routes/dashboard/supplier-dashboard.handlers";
import { campaignsRouter } from "./routes/campaigns/campaigns.handlers";
import { SecretBox } from "./lib/secret-box";
import { Keyring } from "./domain/apps/keyring";
import { RuleBook } from "./domain/points/rulebook";
import { PolicyCache } from "./domain/points/policy";
import { SandboxGateway } from "./domain/payments/sandbox-gateway";
import { GroupCommitter } from "./lib/group-commit";
import { PageCache } from "./domain/pages/page-cache";
import { pagesRouter } from "./routes/pages/pages.handlers";
import { slotsRouter } from "./routes/slots/slots.handlers";
import { themesRouter } from "./routes/themes/themes.handlers";
import { shopPageFastPath, shopPagesRouter } from "./routes/shop-pages/shop-pages.handlers";

export interface AppDeps {
  db: Db;
  clock?: Clock;
  rng?: Rng;
  logger?: Logger;
  config?: Partial<AppConfig>;
  /** Pass one to share an enforcer between apps on the same database; built from the database otherwise. */
  authz?: Authorizer;
  fetch?: typeof fetch;
}

/** Console routers, mounted under /api/admin behind the session, CSRF and Casbin middleware. */
const adminRouters = [
  authRouter,
  staffUsersRouter,
  rolesRouter,
  auditLogRouter,
  suppliersRouter,
  membersRouter,
  ledgerRouter,
  rulesRouter,
  pointsPolicyRouter,
  reviewsRouter,
  appsRouter,
  deliveriesRouter,
  ordersRouter,
  categoriesRouter,
  productsRouter,
  approvalsRouter,
  importJobsRouter,
  uploadsRouter,
  supplierDashboardRouter,
  campaignsRouter,
  pagesRouter,
  slotsRouter,
  themesRouter,
];
/** Storefront routers, mounted under /api/shop. */
const shopRouters = [shopConfigRouter, shopPointsRouter, demoHostRouter, shopOrdersRouter, shopCatalogRouter, shopCampaignsRouter];
/** Host-app routers, mounted under /api/open/v1 behind the HMAC signature check. */
const openRouters = [openEventsRouter, openMembersRouter];

export async function createApp(deps: AppDeps) {
  const clock = deps.clock ?? systemClock;
  const config: AppConfig = { ...defaultConfig, ...deps.config };
  applyDefaultPolicies(deps.db, clock.now());
  if (!config.secretKey) throw new Error("createApp needs config.secretKey (32 bytes)");
  const box = new SecretBox(config.secretKey);
  const ctx: AppContext = {
    db: deps.db,
    clock,
    rng: deps.rng ?? cryptoRng,
    logger: deps.logger ?? silentLogger,
    config,
    authz: deps.authz ?? (await Authorizer.create(deps.db)),
    box,
    keyring: new Keyring(deps.db, box),
    rulebook: new RuleBook(deps.db),
    policy: new PolicyCache(deps.db),
    fetch: deps.fetch ?? globalThis.fetch,
    selfFetch: async (req) => app.fetch(req),
    sandboxGateway: new SandboxGateway(config.secretKey),
    pageCache: new PageCache(deps.db, clock),
    commits: new GroupCommitter(deps.db),
  };

  const app = new OpenAPIHono<AppEnv>();
  // GET /api/shop/pages comes before every middleware: a handler that answers ends the chain, so the
  // middleware registered below never runs for it. It needs no session (the page is everyone's) nor
  // CSRF check (a GET), and gives itself the request id and the request log line (shop-pages.handlers.ts).
  app.route("/api/shop", shopPagesRouter(ctx));
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
  shop.use("*", originCheck(config.allowedOrigins), memberSession(ctx));
  for (const build of shopRouters) shop.route("/", build(ctx));
  app.route("/api/shop", shop);

  const open = newRouter();
  open.use("*", appSignature(ctx));
  for (const build of openRouters) open.route("/", build(ctx));
  app.route("/api/open/v1", open);

  app.route("/", ssoRouter(ctx));
  app.route("/", paymentsRouter(ctx));
  if (!config.production) app.route("/", sandboxSupplierRouter(ctx));

  app.route("/api", healthRouter(ctx));

  app.openAPIRegistry.registerComponent("securitySchemes", "staffSession", { type: "apiKey", in: "cookie", name: "pm_staff" });
  app.openAPIRegistry.registerComponent("securitySchemes", "memberSession", { type: "apiKey", in: "cookie", name: "pm_member" });
  app.openAPIRegistry.registerComponent("securitySchemes", "appSignature", {
    type: "apiKey",
    in: "header",
    name: "X-Pointmall-Signature",
    description: "With X-Pointmall-Key, X-Pointmall-Timestamp and X-Pointmall-Nonce: hex HMAC-SHA256 (app secret) over METHOD\\npath?query\\ntimestamp\\nnonce\\nsha256hex(body). See the README.",
  });
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
  // Uploaded images (and the seed's generated tiles), before the storefront's catch-all.
  app.route("/", uploadFilesRouter(ctx));

  if (config.staticRoot) {
    const adminSite = new StaticSite(join(config.staticRoot, "admin"), "/admin/");
    const storefront = new StaticSite(join(config.staticRoot, "storefront"), "/");
    app.get("/admin", (c) => c.redirect("/admin/"));
    app.get("/admin/*", (c) => adminSite.serve(c));
    app.get("*", (c) => storefront.serve(c));
  }

  // The storefront's page JSON as the storefront asks for it is answered before Hono routes anything
  // (see shopPageFastPath); every other request, and any unusual one for that route, takes the app.
  const fastPage = shopPageFastPath(ctx);
  const appFetch = app.fetch;
  app.fetch = (request, env, executionCtx) => fastPage(request) ?? appFetch(request, env, executionCtx);

  return Object.assign(app, { ctx });
}

export type PointmallApp = Awaited<ReturnType<typeof createApp>>;
export type AppType = PointmallApp;
