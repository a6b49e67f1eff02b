import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { members, pointReviews } from "../../../db/schema";
import type { AppContext } from "../../context";
import { conflict, notFound } from "../../lib/errors";
import { adjustPoints } from "./adjust";
import { expiryFor } from "./expiry";
import { credit, hashRequest } from "./ledger";
import { recomputeTier } from "./members";
import { notifyPointsChanged } from "./webhooks";

export type ReviewRow = typeof pointReviews.$inferSelect;

function pending(tx: DbOrTx, id: number): ReviewRow {
  const review = tx.select().from(pointReviews).where(eq(pointReviews.id, id)).get();
  if (!review) throw notFound("Review", id);
  if (review.status !== "pending") throw conflict("REVIEW_DECIDED", `This change was already ${review.status}`, { status: review.status });
  return review;
}

/** Applies a held change: the earn (with its rule) or the adjustment, as it was asked for. */
export function approveReview(tx: DbOrTx, ctx: AppContext, id: number, staff: { id: number; username: string }, reason: string, now: Date): ReviewRow {
  const review = pending(tx, id);
  const policy = ctx.policy.get();
  let entryId: number;
  if (review.entryType === "earn") {
    const member = tx.select({ externalId: members.externalId }).from(members).where(eq(members.id, review.memberId)).get()!;
    const { entry } = credit(tx, now, {
      type: "earn",
      amount: review.amount,
      memberId: review.memberId,
      businessId: review.businessId,
      requestHash: hashRequest({ kind: "review", id: review.id }),
      reason: `${review.eventType ?? "event"} (approved by ${staff.username})`,
      actor: { type: "staff", id: String(staff.id) },
      ruleId: review.ruleId,
      ruleVersion: review.ruleVersion,
      expiresAt: expiryFor(policy.expiry, now),
    });
    recomputeTier(tx, review.memberId, now, policy.tiers, "earned points");
    notifyPointsChanged(tx, ctx, entry, member.externalId, now);
    entryId = entry.id;
  } else {
    const outcome = adjustPoints(tx, ctx, { memberId: review.memberId, amount: review.amount, reason: review.reason, businessId: review.businessId, staff }, now, { skipReview: true });
    if (outcome.status !== "applied") throw new Error("unreachable: review skipped");
    entryId = outcome.entry.id;
  }
  return tx
    .update(pointReviews)
    .set({ status: "approved", decidedBy: staff.username, decidedAt: now, decisionReason: reason, entryId })
    .where(eq(pointReviews.id, id))
    .returning()
    .get();
}

export function rejectReview(tx: DbOrTx, id: number, staff: { username: string }, reason: string, now: Date): ReviewRow {
  pending(tx, id);
  return tx.update(pointReviews).set({ status: "rejected", decidedBy: staff.username, decidedAt: now, decisionReason: reason }).where(eq(pointReviews.id, id)).returning().get();
}
