import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { members, pointReviews } from "../../../db/schema";
import type { AppContext } from "../../context";
import { conflict, notFound } from "../../lib/errors";
import { expiryFor } from "./expiry";
import { credit, debit, hashRequest, type Entry } from "./ledger";
import { recomputeTier } from "./members";
import { notifyPointsChanged } from "./webhooks";

export interface AdjustRequest {
  memberId: number;
  /** Signed: positive adds points (a new lot under the expiry policy), negative takes them FIFO. */
  amount: number;
  reason: string;
  businessId: string;
  staff: { id: number; username: string };
}

export type AdjustOutcome = { status: "applied"; entry: Entry; replayed: boolean } | { status: "held"; reviewId: number; replayed: boolean };

/**
 * A manual adjustment by staff, in the caller's transaction. Above the risk threshold it is not
 * applied but waits in the review queue, like a large earning event.
 */
export function adjustPoints(tx: DbOrTx, ctx: AppContext, req: AdjustRequest, now: Date, opts: { skipReview?: boolean } = {}): AdjustOutcome {
  const member = tx.select().from(members).where(eq(members.id, req.memberId)).get();
  if (!member) throw notFound("Member", req.memberId);
  const policy = ctx.policy.get();
  const requestHash = hashRequest({ kind: "adjust", memberId: req.memberId, amount: req.amount, reason: req.reason });
  if (!opts.skipReview && Math.abs(req.amount) > policy.riskThreshold) {
    const existing = tx.select().from(pointReviews).where(eq(pointReviews.businessId, req.businessId)).get();
    if (existing && existing.appId === member.appId) {
      if (existing.amount !== req.amount || existing.memberId !== req.memberId) throw conflict("BUSINESS_ID_REUSED", "This adjustment id was already used for a different change");
      return { status: "held", reviewId: existing.id, replayed: true };
    }
    const review = tx
      .insert(pointReviews)
      .values({
        appId: member.appId,
        memberId: member.id,
        source: "adjustment",
        entryType: "adjust",
        amount: req.amount,
        businessId: req.businessId,
        reason: req.reason,
        requestedBy: `staff:${req.staff.username}`,
        createdAt: now,
      })
      .returning({ id: pointReviews.id })
      .get();
    return { status: "held", reviewId: review.id, replayed: false };
  }
  const change = {
    memberId: member.id,
    businessId: req.businessId,
    requestHash,
    reason: req.reason,
    actor: { type: "staff" as const, id: String(req.staff.id) },
  };
  const { entry, replayed } =
    req.amount > 0
      ? credit(tx, now, { ...change, type: "adjust", amount: req.amount, expiresAt: expiryFor(policy.expiry, now) })
      : debit(tx, now, { ...change, type: "adjust", amount: -req.amount });
  if (!replayed) notifyPointsChanged(tx, ctx, entry, member.externalId, now);
  return { status: "applied", entry, replayed };
}
