import { and, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { ledgerEntries, members, tierChanges } from "../../../db/schema";
import { tierFor, type TierDef } from "./tiers";

export type MemberRow = typeof members.$inferSelect;

/** A host's member, created on first sight (an event, an SSO sign-in, a staff lookup by the host's id). */
export function findOrCreateMember(tx: DbOrTx, appId: number, externalId: string, now: Date, profile: { nickname?: string; phone?: string } = {}): MemberRow {
  const found = tx.select().from(members).where(and(eq(members.appId, appId), eq(members.externalId, externalId))).get();
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
  const row = tx
    .select({ total: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.memberId, memberId), eq(ledgerEntries.type, "earn"), gte(ledgerEntries.createdAt, new Date(now.getTime() - YEAR_MS))))
    .get();
  return row?.total ?? 0;
}

/** Recomputes a member's tier; records the change in tier history when it moves. */
export function recomputeTier(tx: DbOrTx, memberId: number, now: Date, tiers: TierDef[], reason: string): { tier: string; changed: boolean; earned12m: number } {
  const member = tx.select({ tier: members.tier }).from(members).where(eq(members.id, memberId)).get();
  if (!member) return { tier: "", changed: false, earned12m: 0 };
  const earned12m = earnedLast12Months(tx, memberId, now);
  const tier = tierFor(earned12m, tiers).code;
  if (tier === member.tier) return { tier, changed: false, earned12m };
  tx.update(members).set({ tier, updatedAt: now }).where(eq(members.id, memberId)).run();
  tx.insert(tierChanges).values({ memberId, fromTier: member.tier, toTier: tier, earned12m, reason, createdAt: now }).run();
  return { tier, changed: true, earned12m };
}
