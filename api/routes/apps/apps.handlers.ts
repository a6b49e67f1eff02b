import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { apps } from "../../../db/schema";
import type { AppContext } from "../../context";
import { registerApp, rotateAppSecret, type AppRow } from "../../domain/apps/apps-admin";
import { audit } from "../../lib/audit";
import { notFound } from "../../lib/errors";
import { listTable, specFor } from "../../lib/list-query";
import { errorResponses, IdParam, IsoDate, json, jsonBody, ListQuerySchema } from "../../lib/schemas";
import { newRouter } from "../../lib/router";
import { writeTx } from "../../lib/tx";

export const HostAppSchema = z
  .object({
    id: z.number(),
    key: z.string(),
    name: z.string(),
    secretHint: z.string().openapi({ description: "The secret's last four characters" }),
    status: z.enum(["active", "disabled"]),
    webhookUrl: z.string(),
    secretRotatedAt: IsoDate.nullable(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("HostApp");

const WithSecret = HostAppSchema.extend({ secret: z.string().openapi({ description: "Shown this once; only its encrypted form is stored" }) }).openapi("HostAppWithSecret");
const webhookUrl = z.union([z.url({ protocol: /^https?$/, message: "An http(s) URL" }), z.literal("")]);
const CreateAppBody = z
  .object({ key: z.string().regex(/^[a-z0-9][a-z0-9-]{2,39}$/, "3–40 lower-case letters, digits and dashes"), name: z.string().trim().min(1).max(100), webhookUrl: webhookUrl.optional() })
  .strict();
const UpdateAppBody = z.object({ name: z.string().trim().min(1).max(100), webhookUrl, status: z.enum(["active", "disabled"]) }).partial().strict();

const tags = ["Host apps"];
export const listApps = createRoute({ method: "get", path: "/apps", tags, request: { query: ListQuerySchema }, responses: { 200: json(z.array(HostAppSchema)), ...errorResponses } });
export const getApp = createRoute({ method: "get", path: "/apps/{id}", tags, request: { params: IdParam }, responses: { 200: json(HostAppSchema), ...errorResponses } });
export const createAppRoute = createRoute({
  method: "post",
  path: "/apps",
  tags,
  summary: "Register a host app; the reply carries its secret, once",
  request: { body: jsonBody(CreateAppBody) },
  responses: { 201: json(WithSecret, "Created"), ...errorResponses },
});
export const updateApp = createRoute({ method: "patch", path: "/apps/{id}", tags, request: { params: IdParam, body: jsonBody(UpdateAppBody) }, responses: { 200: json(HostAppSchema), ...errorResponses } });
export const rotateRoute = createRoute({
  method: "post",
  path: "/apps/{id}/rotate-secret",
  tags,
  summary: "A new secret, shown once; the old one stops working at once",
  request: { params: IdParam },
  responses: { 200: json(WithSecret), ...errorResponses },
});

const dto = (a: AppRow) => ({
  id: a.id,
  key: a.key,
  name: a.name,
  secretHint: a.secretHint,
  status: a.status,
  webhookUrl: a.webhookUrl,
  secretRotatedAt: a.secretRotatedAt?.toISOString() ?? null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});
const spec = specFor(apps, { search: [apps.name, apps.key], defaultSort: { field: "id", order: "asc" } });
delete spec.fields.secretEnc;

export function appsRouter(ctx: AppContext) {
  const router = newRouter();
  const load = (id: number) => {
    const row = ctx.db.select().from(apps).where(eq(apps.id, id)).get();
    if (!row) throw notFound("App", id);
    return row;
  };
  const changed = <T>(fn: () => T) => {
    try {
      return fn();
    } finally {
      ctx.keyring.invalidate();
    }
  };

  router.openapi(listApps, (c) => listTable(c, ctx.db, apps, spec, undefined, dto));
  router.openapi(getApp, (c) => c.json(dto(load(c.req.valid("param").id)), 200));
  router.openapi(createAppRoute, (c) => {
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const { app, secret } = changed(() =>
      writeTx(ctx.db, (tx) => {
        const made = registerApp(tx, ctx.box, body, now);
        audit(tx, c, now, { action: "create", resource: "apps", resourceId: made.app.id, after: dto(made.app) });
        return made;
      }),
    );
    return c.json({ ...dto(app), secret }, 201);
  });
  router.openapi(updateApp, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const row = changed(() =>
      writeTx(ctx.db, (tx) => {
        const before = load(id);
        const after = tx.update(apps).set({ ...body, updatedAt: now }).where(eq(apps.id, id)).returning().get();
        audit(tx, c, now, { action: "update", resource: "apps", resourceId: id, before: dto(before), after: dto(after) });
        return after;
      }),
    );
    return c.json(dto(row), 200);
  });
  router.openapi(rotateRoute, (c) => {
    const { id } = c.req.valid("param");
    const now = ctx.clock.now();
    const { app, secret } = changed(() =>
      writeTx(ctx.db, (tx) => {
        const made = rotateAppSecret(tx, ctx.box, id, now);
        audit(tx, c, now, { action: "rotate-secret", resource: "apps", resourceId: id, after: { secretHint: made.app.secretHint } });
        return made;
      }),
    );
    return c.json({ ...dto(app), secret }, 200);
  });
  return router;
}
