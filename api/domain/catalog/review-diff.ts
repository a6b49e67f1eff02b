import { LISTING_FIELDS, type ListingField } from "./product-status";

export interface ListingChange {
  field: ListingField;
  before: unknown;
  after: unknown;
}

/** One audit entry of a product, as stored (dates already ISO strings). */
export interface ProductAuditEntry {
  action: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

const statusOf = (v: unknown) => (v && typeof v === "object" ? (v as { status?: unknown }).status : undefined);
const LIVE_OR_REJECTED = new Set(["on_sale", "off_sale", "rejected"]);

/**
 * What the reviewer compares a listing under review with: the version that was live (or rejected)
 * just before this review round began. The round begins with the newest entry that moved the product
 * into pending_review; when it came from a draft there is nothing to compare with (a new listing).
 * `entries` are newest first.
 */
export function reviewBaseline(entries: readonly ProductAuditEntry[]): { snapshot: Record<string, unknown>; at: Date } | null {
  for (const e of entries) {
    if (statusOf(e.after) !== "pending_review" || statusOf(e.before) === "pending_review") continue;
    return LIVE_OR_REJECTED.has(String(statusOf(e.before))) ? { snapshot: e.before as Record<string, unknown>, at: e.createdAt } : null;
  }
  return null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The listing fields that differ between the baseline and the product as it is now (both as JSON). */
export function listingChanges(baseline: Record<string, unknown>, current: Record<string, unknown>): ListingChange[] {
  return LISTING_FIELDS.filter((f) => !same(baseline[f], current[f])).map((field) => ({ field, before: baseline[field] ?? null, after: current[field] ?? null }));
}
