import type { OrderStatus } from "../../../db/schema";
import type { ProductType } from "../../../db/schema";

/**
 * The order state machine, in one place.
 *
 *   pending_payment ──paid──▶ paid ──▶ awaiting_shipment ──ship──▶ shipped ──confirm/auto──▶ completed
 *         │                    │              │                      │                          │
 *         └──cancel/timeout──▶ cancelled ◀────┘                      └────────return────────────┴─▶ returned
 *                              paid ──▶ fulfilling ──▶ completed | fulfillment_failed ──▶ refunded
 *                              paid ──▶ completed (coupons: the code is the goods)
 *
 * Cancelling (before shipment), a failed fulfilment and a return give the points back as lots with
 * their original expiry; cancelling also returns the stock.
 */
export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ["paid", "cancelled"],
  paid: ["awaiting_shipment", "fulfilling", "completed", "cancelled"],
  awaiting_shipment: ["shipped", "cancelled"],
  shipped: ["completed", "returned"],
  completed: ["returned"],
  fulfilling: ["completed", "fulfillment_failed"],
  fulfillment_failed: ["refunded"],
  refunded: [],
  cancelled: [],
  returned: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus) => TRANSITIONS[from].includes(to);

/** Where a paid order goes next, by what was bought. */
export function afterPayment(type: ProductType): OrderStatus {
  return type === "physical" ? "awaiting_shipment" : type === "virtual" ? "fulfilling" : "completed";
}

/** Only physical goods come back; a delivered code or top-up cannot be returned. */
export function canReturn(type: ProductType, status: OrderStatus) {
  return type === "physical" && canTransition(status, "returned");
}

/** States in which an order still counts against a member's per-product limit. */
export const COUNTS_AGAINST_LIMIT: readonly OrderStatus[] = ["pending_payment", "paid", "awaiting_shipment", "shipped", "completed", "fulfilling"];

export const FINAL: readonly OrderStatus[] = ["completed", "refunded", "cancelled", "returned"];
