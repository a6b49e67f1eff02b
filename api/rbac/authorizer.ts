import { newEnforcer, newModelFromString, type Enforcer } from "casbin";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { settings } from "../../db/schema";
import { defaultPolicies } from "./default-policies";
import { DrizzleAdapter, insertRule } from "./drizzle-adapter";

export const modelText = readFileSync(new URL("./model.conf", import.meta.url), "utf8");
const APPLIED_KEY = "rbac.appliedDefaults";

/**
 * Adds default policy lines that this database has never seen. A line an admin removed on purpose
 * stays removed; a line a newer release adds arrives on the next start.
 */
export function applyDefaultPolicies(db: Db, now: Date): number {
  return db.transaction((tx) => {
    const row = tx.select().from(settings).where(eq(settings.key, APPLIED_KEY)).get();
    const applied = new Set<string>((row?.value as string[] | undefined) ?? []);
    let added = 0;
    for (const line of defaultPolicies) {
      const key = line.join("|");
      if (applied.has(key)) continue;
      insertRule(tx, "p", line);
      applied.add(key);
      added++;
    }
    if (added) {
      const value = [...applied];
      tx.insert(settings).values({ key: APPLIED_KEY, value, updatedAt: now }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } }).run();
    }
    return added;
  });
}

/**
 * One enforcer per app, loaded once. Decisions are memoised until the policy changes,
 * so the hot path is a Map lookup, never a policy reload.
 */
export class Authorizer {
  private decisions = new Map<string, boolean>();
  private permissions = new Map<string, [string, string][]>();

  private constructor(readonly enforcer: Enforcer) {}

  static async create(db: Db): Promise<Authorizer> {
    const enforcer = await newEnforcer(newModelFromString(modelText), new DrizzleAdapter(db));
    return new Authorizer(enforcer);
  }

  can(role: string, resource: string, action: string): boolean {
    const key = `${role}\u0000${resource}\u0000${action}`;
    let ok = this.decisions.get(key);
    if (ok === undefined) {
      ok = this.enforcer.enforceSync(role, resource, action);
      this.decisions.set(key, ok);
    }
    return ok;
  }

  /** The (resource, action) pairs a role holds, directly or through inherited roles. */
  async permissionsOf(role: string): Promise<[string, string][]> {
    let list = this.permissions.get(role);
    if (!list) {
      const lines = await this.enforcer.getImplicitPermissionsForUser(role);
      list = lines.map((l) => [l[1], l[2]] as [string, string]);
      this.permissions.set(role, list);
    }
    return list;
  }

  /** Call after the policy table changed (roles page): reload once, forget memoised decisions. */
  async reload(): Promise<void> {
    await this.enforcer.loadPolicy();
    this.decisions.clear();
    this.permissions.clear();
  }
}
