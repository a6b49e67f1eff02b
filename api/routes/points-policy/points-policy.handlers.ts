import { createRoute } from "@hono/zod-openapi";
import type { AppContext } from "../../context";
import { PointsPolicySchema, readPointsPolicy, writePointsPolicy } from "../../domain/points/policy";
import { tierProblems } from "../../domain/points/tiers";
import { audit } from "../../lib/audit";
import { unprocessable } from "../../lib/errors";
import { errorResponses, json, jsonBody } from "../../lib/schemas";
import { newRouter } from "../../lib/router";
import { writeTx } from "../../lib/tx";

const Policy = PointsPolicySchema.openapi("PointsPolicy");
const tags = ["Points"];

export const getPolicy = createRoute({ method: "get", path: "/points-policy", tags, summary: "Tiers, expiry policy, risk threshold, customer-service limit", responses: { 200: json(Policy), ...errorResponses } });
export const putPolicy = createRoute({
  method: "put",
  path: "/points-policy",
  tags,
  summary: "Replace the points policy; takes effect at once (tiers are recomputed on the next earn and nightly)",
  request: { body: jsonBody(Policy) },
  responses: { 200: json(Policy), ...errorResponses },
});

export function pointsPolicyRouter(ctx: AppContext) {
  const router = newRouter();
  router.openapi(getPolicy, (c) => c.json(readPointsPolicy(ctx.db), 200));
  router.openapi(putPolicy, (c) => {
    const body = c.req.valid("json");
    const problems = tierProblems(body.tiers);
    if (Object.keys(problems).length) throw unprocessable("The tiers are not consistent", problems);
    const now = ctx.clock.now();
    writeTx(ctx.db, (tx) => {
      const before = readPointsPolicy(tx);
      writePointsPolicy(tx, body, now);
      audit(tx, c, now, { action: "update", resource: "points-policy", before, after: body });
    });
    ctx.policy.invalidate();
    return c.json(body, 200);
  });
  return router;
}
