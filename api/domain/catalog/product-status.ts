import type { ProductStatus } from "../../../db/schema";

/**
 * A listing's life: draft → pending_review (a supplier submits) → on_sale (an operator approves) or
 * rejected (with a reason the supplier sees); on_sale ↔ off_sale by operators. Every verb in one table
 * so that the routes, the console and the tests read the same rules.
 */
export const PRODUCT_VERBS = ["submit", "approve", "reject", "publish", "unpublish"] as const;
export type ProductVerb = (typeof PRODUCT_VERBS)[number];

const MOVES: Record<ProductVerb, { from: readonly ProductStatus[]; to: ProductStatus }> = {
  submit: { from: ["draft", "rejected"], to: "pending_review" },
  approve: { from: ["pending_review"], to: "on_sale" },
  reject: { from: ["pending_review"], to: "rejected" },
  // An operator's own listing (or a supplier's withdrawn one) goes on sale without a review of itself.
  publish: { from: ["draft", "off_sale"], to: "on_sale" },
  unpublish: { from: ["on_sale"], to: "off_sale" },
};

export function statusAfter(verb: ProductVerb, from: ProductStatus): ProductStatus | null {
  const move = MOVES[verb];
  return move.from.includes(from) ? move.to : null;
}

export function allowedFrom(verb: ProductVerb): readonly ProductStatus[] {
  return MOVES[verb].from;
}

/**
 * Fields whose change by a supplier is a changed listing that needs approval again. Stock and the
 * low-stock threshold are inventory, not the listing: a supplier restocking a best seller must not
 * take it off sale.
 */
export const LISTING_FIELDS = [
  "categoryId",
  "name",
  "description",
  "images",
  "tags",
  "pointsPrice",
  "cashPrice",
  "costCents",
  "perMemberLimit",
  "minTier",
  "saleStart",
  "saleEnd",
  "fulfilment",
] as const;
export type ListingField = (typeof LISTING_FIELDS)[number];

/** Statuses that a supplier's change to the listing sends back to review. */
const BACK_TO_REVIEW: readonly ProductStatus[] = ["on_sale", "off_sale", "rejected"];

export function statusAfterSupplierEdit(status: ProductStatus, listingChanged: boolean): ProductStatus {
  return listingChanged && BACK_TO_REVIEW.includes(status) ? "pending_review" : status;
}

const comparable = (v: unknown) => JSON.stringify(v instanceof Date ? v.toISOString() : (v ?? null));

/** The listing fields whose value differs between two versions of a product (dates compared as ISO strings). */
export function changedListingFields(before: Record<string, unknown>, after: Record<string, unknown>): ListingField[] {
  return LISTING_FIELDS.filter((f) => f in after && comparable(before[f]) !== comparable(after[f]));
}

/** Can members redeem it now: on sale and inside its sale window. */
export function isOnSaleAt(p: { status: ProductStatus; saleStart: Date | null; saleEnd: Date | null }, now: Date): boolean {
  if (p.status !== "on_sale") return false;
  if (p.saleStart && p.saleStart.getTime() > now.getTime()) return false;
  if (p.saleEnd && p.saleEnd.getTime() <= now.getTime()) return false;
  return true;
}
