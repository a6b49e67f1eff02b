import { Helper, type Adapter, type Model } from "casbin";
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { casbinRules } from "../../db/schema";

type RuleRow = typeof casbinRules.$inferInsert;
const FIELDS = ["v0", "v1", "v2", "v3", "v4", "v5"] as const;

function toRow(ptype: string, rule: string[]): RuleRow {
  const row: RuleRow = { ptype };
  rule.forEach((v, i) => {
    if (i < FIELDS.length) row[FIELDS[i]] = v;
  });
  return row;
}

function toLine(row: typeof casbinRules.$inferSelect): string {
  const values = FIELDS.map((f) => row[f]);
  while (values.length && values[values.length - 1] === "") values.pop();
  return [row.ptype, ...values].join(", ");
}

/** Casbin has no drizzle adapter; this is the small one it needs: load, save, add, remove. */
export class DrizzleAdapter implements Adapter {
  constructor(private readonly db: Db) {}

  async loadPolicy(model: Model): Promise<void> {
    for (const row of this.db.select().from(casbinRules).all()) Helper.loadPolicyLine(toLine(row), model);
  }

  async savePolicy(model: Model): Promise<boolean> {
    const rows: RuleRow[] = [];
    for (const sec of ["p", "g"]) {
      const assertions = model.model.get(sec);
      if (!assertions) continue;
      for (const [ptype, ast] of assertions) for (const rule of ast.policy) rows.push(toRow(ptype, rule));
    }
    this.db.transaction((tx) => {
      tx.delete(casbinRules).run();
      if (rows.length) tx.insert(casbinRules).values(rows).run();
    });
    return true;
  }

  async addPolicy(_sec: string, ptype: string, rule: string[]): Promise<void> {
    insertRule(this.db, ptype, rule);
  }

  async removePolicy(_sec: string, ptype: string, rule: string[]): Promise<void> {
    removeRule(this.db, ptype, rule);
  }

  async removeFilteredPolicy(_sec: string, ptype: string, fieldIndex: number, ...fieldValues: string[]): Promise<void> {
    const conds = [eq(casbinRules.ptype, ptype)];
    fieldValues.forEach((v, i) => {
      if (v) conds.push(eq(casbinRules[FIELDS[fieldIndex + i]], v));
    });
    this.db.delete(casbinRules).where(and(...conds)).run();
  }
}

/** Synchronous helpers so policy edits can share a transaction with their audit entry. */
export function insertRule(db: DbOrTx, ptype: string, rule: string[]) {
  db.insert(casbinRules).values(toRow(ptype, rule)).onConflictDoNothing().run();
}

export function removeRule(db: DbOrTx, ptype: string, rule: string[]) {
  const row = toRow(ptype, rule);
  db.delete(casbinRules)
    .where(and(eq(casbinRules.ptype, ptype), ...FIELDS.map((f) => eq(casbinRules[f], row[f] ?? ""))))
    .run();
}
