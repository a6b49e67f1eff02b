import { asc, eq, inArray, or } from "drizzle-orm";
import { earningRules, members, ruleVersions } from "../../../db/schema";
import type { AppContext } from "../../context";
import { canaryBucket, versionFor } from "../../domain/points/canary";
import { addVersion, createRule, loadRule, promoteCanary, rollBack, setCanaryPercent, type RuleRow } from "../../domain/points/rules-admin";
import { audit } from "../../lib/audit";
import { notFound } from "../../lib/errors";
import { listRows, sendList, specFor } from "../../lib/list-query";
import { newRouter } from "../../lib/router";
import { iso } from "../../lib/serialize";
import { writeTx } from "../../lib/tx";
import type { DbOrTx } from "../../../db/client";
import { createRuleRoute, getRule, listRules, promoteRule, rollbackRule, ruleApplies, updateRule } from "./rules.routes";

/** The current version's config of each rule on a page, in one query. */
function currentConfigs(db: DbOrTx, rules: RuleRow[]) {
  if (!rules.length) return new Map<number, unknown>();
  const versions = db.select().from(ruleVersions).where(inArray(ruleVersions.ruleId, rules.map((r) => r.id))).all();
  return new Map(rules.map((r) => [r.id, versions.find((v) => v.ruleId === r.id && v.version === r.currentVersion)?.config ?? null]));
}

function detail(db: DbOrTx, rule: RuleRow) {
  const versions = db.select().from(ruleVersions).where(eq(ruleVersions.ruleId, rule.id)).orderBy(asc(ruleVersions.version)).all();
  return {
    ...iso(rule),
    config: versions.find((v) => v.version === rule.currentVersion)?.config ?? null,
    versions: versions.map((v) => ({ version: v.version, config: v.config, note: v.note, createdBy: v.createdBy, createdAt: v.createdAt.toISOString() })),
  };
}

const spec = specFor(earningRules, { search: [earningRules.name, earningRules.eventType], defaultSort: { field: "id", order: "asc" } });

export function rulesRouter(ctx: AppContext) {
  const router = newRouter();
  /** A rule change takes effect on the next event: the in-memory rule book is dropped after commit. */
  const change = <T>(fn: () => T): T => {
    try {
      return fn();
    } finally {
      ctx.rulebook.invalidate();
    }
  };

  router.openapi(listRules, (c) => {
    const { rows, total } = listRows(c, ctx.db, earningRules, spec);
    const configs = currentConfigs(ctx.db, rows);
    return sendList(c, rows.map((r) => ({ ...iso(r), config: configs.get(r.id) })), total);
  });

  router.openapi(getRule, (c) => c.json(detail(ctx.db, loadRule(ctx.db, c.req.valid("param").id)), 200));

  router.openapi(createRuleRoute, (c) => {
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const rule = change(() =>
      writeTx(ctx.db, (tx) => {
        const created = createRule(tx, body, c.get("staff")!.username, now);
        audit(tx, c, now, { action: "create", resource: "rules", resourceId: created.id, after: { ...created, config: body.config } });
        return created;
      }),
    );
    return c.json(detail(ctx.db, rule), 201);
  });

  router.openapi(updateRule, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const rule = change(() =>
      writeTx(ctx.db, (tx) => {
        const before = loadRule(tx, id);
        let after = before;
        if (body.name !== undefined || body.status !== undefined)
          after = tx.update(earningRules).set({ name: body.name ?? before.name, status: body.status ?? before.status, updatedAt: now }).where(eq(earningRules.id, id)).returning().get();
        if (body.config) after = addVersion(tx, id, { config: body.config, canaryPercent: body.canaryPercent, note: body.note }, c.get("staff")!.username, now);
        else if (body.canaryPercent !== undefined) after = setCanaryPercent(tx, id, body.canaryPercent, now);
        audit(tx, c, now, { action: body.config ? "new-version" : "update", resource: "rules", resourceId: id, before, after: { ...after, config: body.config } });
        return after;
      }),
    );
    return c.json(detail(ctx.db, rule), 200);
  });

  for (const [route, action, fn] of [
    [promoteRule, "promote", promoteCanary],
    [rollbackRule, "rollback", rollBack],
  ] as const) {
    router.openapi(route, (c) => {
      const { id } = c.req.valid("param");
      const now = ctx.clock.now();
      const rule = change(() =>
        writeTx(ctx.db, (tx) => {
          const before = loadRule(tx, id);
          const after = fn(tx, id, now);
          audit(tx, c, now, { action, resource: "rules", resourceId: id, before, after });
          return after;
        }),
      );
      return c.json(detail(ctx.db, rule), 200);
    });
  }

  router.openapi(ruleApplies, (c) => {
    const { id } = c.req.valid("param");
    const { memberId } = c.req.valid("query");
    const rule = loadRule(ctx.db, id);
    const byId = /^\d+$/.test(memberId) ? Number(memberId) : -1;
    const member = ctx.db.select().from(members).where(or(eq(members.id, byId), eq(members.externalId, memberId))).get();
    if (!member) throw notFound("Member", memberId);
    const { version, canary } = versionFor(rule, member.id);
    return c.json({ memberId: member.id, externalId: member.externalId, version, canary, bucket: canaryBucket(rule.id, member.id) }, 200);
  });

  return router;
}
