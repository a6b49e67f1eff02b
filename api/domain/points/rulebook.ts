import { asc } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { earningRules, ruleVersions } from "../../../db/schema";
import { RuleConfigSchema, type RuleConfig } from "./rule-engine";

export type RuleRow = typeof earningRules.$inferSelect;
export interface LoadedRule extends RuleRow {
  configs: Map<number, RuleConfig>;
}

/**
 * Rules and their versions, held in memory and dropped whenever a rule changes, so an edit takes
 * effect on the next event without a restart and the hot path does not query rules at all.
 */
export class RuleBook {
  private byType: Map<string, LoadedRule> | null = null;

  constructor(private readonly db: DbOrTx) {}

  private load(): Map<string, LoadedRule> {
    const rules = this.db.select().from(earningRules).all();
    const versions = this.db.select().from(ruleVersions).orderBy(asc(ruleVersions.version)).all();
    const map = new Map<string, LoadedRule>();
    for (const r of rules) map.set(r.eventType, { ...r, configs: new Map() });
    const byId = new Map([...map.values()].map((r) => [r.id, r]));
    for (const v of versions) byId.get(v.ruleId)?.configs.set(v.version, RuleConfigSchema.parse(v.config));
    return map;
  }

  /** The active rule for an event type, if there is one. */
  forEventType(type: string): LoadedRule | undefined {
    this.byType ??= this.load();
    const rule = this.byType.get(type);
    return rule?.status === "active" ? rule : undefined;
  }

  invalidate() {
    this.byType = null;
  }
}
