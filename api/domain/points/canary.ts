import { createHash } from "node:crypto";

/**
 * A member's stable bucket (0–99) for one rule: the same member always lands in the same bucket for
 * the same rule, and different rules pick different members. Raising the canary percentage only
 * adds members; nobody flips back and forth.
 */
export function canaryBucket(ruleId: number, memberId: number): number {
  const digest = createHash("sha256").update(`rule:${ruleId}:member:${memberId}`).digest();
  return digest.readUInt32BE(0) % 100;
}

export interface VersionedRule {
  id: number;
  currentVersion: number;
  canaryVersion: number | null;
  canaryPercent: number;
}

/** The version of a rule that applies to a member. */
export function versionFor(rule: VersionedRule, memberId: number): { version: number; canary: boolean } {
  if (rule.canaryVersion != null && rule.canaryPercent > 0 && canaryBucket(rule.id, memberId) < rule.canaryPercent)
    return { version: rule.canaryVersion, canary: true };
  return { version: rule.currentVersion, canary: false };
}
