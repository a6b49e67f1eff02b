import { and, desc, eq, max } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { earningRules, ruleVersions } from "../../../db/schema";
import { conflict, notFound, unprocessable } from "../../lib/errors";
import type { RuleConfig } from "./rule-engine";

export type RuleRow = typeof earningRules.$inferSelect;

export function loadRule(tx: DbOrTx, id: number): RuleRow {
  const rule = tx.select().from(earningRules).where(eq(earningRules.id, id)).get();
  if (!rule) throw notFound("Rule", id);
  return rule;
}

export function createRule(tx: DbOrTx, input: { eventType: string; name: string; config: RuleConfig; note?: string }, by: string, now: Date): RuleRow {
  if (tx.select({ id: earningRules.id }).from(earningRules).where(eq(earningRules.eventType, input.eventType)).get())
    throw conflict("RULE_EXISTS", `There is already a rule for ${input.eventType} events; edit it to make a new version`, { fields: { eventType: "already has a rule" } });
  const rule = tx.insert(earningRules).values({ eventType: input.eventType, name: input.name, currentVersion: 1, createdAt: now, updatedAt: now }).returning().get();
  tx.insert(ruleVersions).values({ ruleId: rule.id, version: 1, config: input.config, note: input.note ?? "", createdBy: by, createdAt: now }).run();
  return rule;
}

/**
 * A new version of a rule. With a canary percentage between 1 and 99 it runs for that share of
 * members first (replacing any earlier canary); otherwise it becomes current for everyone.
 */
export function addVersion(tx: DbOrTx, id: number, input: { config: RuleConfig; canaryPercent?: number; note?: string }, by: string, now: Date): RuleRow {
  loadRule(tx, id);
  const [{ last }] = tx.select({ last: max(ruleVersions.version) }).from(ruleVersions).where(eq(ruleVersions.ruleId, id)).all();
  const version = (last ?? 0) + 1;
  tx.insert(ruleVersions).values({ ruleId: id, version, config: input.config, note: input.note ?? "", createdBy: by, createdAt: now }).run();
  const canary = input.canaryPercent !== undefined && input.canaryPercent > 0 && input.canaryPercent < 100;
  return tx
    .update(earningRules)
    .set(canary ? { canaryVersion: version, canaryPercent: input.canaryPercent, updatedAt: now } : { currentVersion: version, canaryVersion: null, canaryPercent: 0, updatedAt: now })
    .where(eq(earningRules.id, id))
    .returning()
    .get();
}

export function setCanaryPercent(tx: DbOrTx, id: number, percent: number, now: Date): RuleRow {
  const rule = loadRule(tx, id);
  if (rule.canaryVersion == null) throw conflict("NO_CANARY", "This rule has no canary version");
  if (percent < 1 || percent > 99) throw unprocessable("The canary share is between 1% and 99%", { canaryPercent: "1–99" });
  return tx.update(earningRules).set({ canaryPercent: percent, updatedAt: now }).where(eq(earningRules.id, id)).returning().get();
}

/** The canary becomes the version everyone gets. */
export function promoteCanary(tx: DbOrTx, id: number, now: Date): RuleRow {
  const rule = loadRule(tx, id);
  if (rule.canaryVersion == null) throw conflict("NO_CANARY", "This rule has no canary version to promote");
  return tx.update(earningRules).set({ currentVersion: rule.canaryVersion, canaryVersion: null, canaryPercent: 0, updatedAt: now }).where(eq(earningRules.id, id)).returning().get();
}

/**
 * Rolls back: a running canary is dropped (everyone gets the current version again); without a
 * canary, the current version goes back to the one before it.
 */
export function rollBack(tx: DbOrTx, id: number, now: Date): RuleRow {
  const rule = loadRule(tx, id);
  if (rule.canaryVersion != null)
    return tx.update(earningRules).set({ canaryVersion: null, canaryPercent: 0, updatedAt: now }).where(eq(earningRules.id, id)).returning().get();
  const previous = tx
    .select({ version: ruleVersions.version })
    .from(ruleVersions)
    .where(and(eq(ruleVersions.ruleId, id)))
    .orderBy(desc(ruleVersions.version))
    .all()
    .find((v) => v.version < rule.currentVersion);
  if (!previous) throw conflict("NO_PREVIOUS_VERSION", "There is no earlier version to roll back to");
  return tx.update(earningRules).set({ currentVersion: previous.version, updatedAt: now }).where(eq(earningRules.id, id)).returning().get();
}
