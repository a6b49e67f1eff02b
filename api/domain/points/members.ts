import { and, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { ledgerEntries, members, tierChanges } from "../../../db/schema";
import { tierFor, type TierDef } from "./tiers";
import { prepared } from "../../../db/prepared";

export type MemberRow = typeof members.$inferSelect;

/** A host's member, created on first sight (an event, an SSO sign-in, a staff lookup by the host's id). */
const q = (tx: DbOrTx) =>
  prepared(tx, "members", (db) => ({
    byExternal: db.select().from(members).where(and(eq(members.appId, sql.placeholder("appId")), eq(members.externalId, sql.placeholder("externalId")))).prepare(),
    tier: db.select({ tier: members.tier }).from(members).where(eq(members.id, sql.placeholder("id"))).prepare(),
    earned: db
      .select({ total: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)` })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.memberId, sql.placeholder("id")), eq(ledgerEntries.type, "earn"), gte(ledgerEntries.createdAt, sql.placeholder("since"))))
      .prepare(),
  }));

export function findOrCreateMember(tx: DbOrTx, appId: number, externalId: string, now: Date, profile: { nickname?: string; phone?: string } = {}): MemberRow {
  const found = q(tx).byExternal.get({ appId, externalId });
  if (found) return found;
  return tx
    .insert(members)
    .values({ appId, externalId, nickname: profile.nickname ?? "", phone: profile.phone ?? "", createdAt: now, updatedAt: now })
    .returning()
    .get();
}

const YEAR_MS = 365 * 86_400_000;

/** Points earned (earn entries) in the 12 months up to `now`: what the tier is computed from. */
export function earnedLast12Months(tx: DbOrTx, memberId: number, now: Date): number {
  const row = q(tx).earned.get({ id: memberId, since: now.getTime() - YEAR_MS });
  return row?.total ?? 0;
}

/** Recomputes a member's tier; records the change in tier history when it moves. */
export function recomputeTier(tx: DbOrTx, memberId: number, now: Date, tiers: TierDef[], reason: string): { tier: string; changed: boolean; earned12m: number } {
  const member = q(tx).tier.get({ id: memberId });
  if (!member) return { tier: "", changed: false, earned12m: 0 };
  const earned12m = earnedLast12Months(tx, memberId, now);
  const tier = tierFor(earned12m, tiers).code;
  if (tier === member.tier) return { tier, changed: false, earned12m };
  tx.update(members).set({ tier, updatedAt: now }).where(eq(members.id, memberId)).run();
  tx.insert(tierChanges).values({ memberId, fromTier: member.tier, toTier: tier, earned12m, reason, createdAt: now }).run();
  return { tier, changed: true, earned12m };
}
