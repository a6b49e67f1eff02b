/** The orders API's records as the console receives them (times are ISO strings in UTC). */
export const ORDER_STATUSES = [
  "pending_payment",
  "paid",
  "awaiting_shipment",
  "shipped",
  "completed",
  "fulfilling",
  "fulfillment_failed",
  "refunded",
  "cancelled",
  "returned",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type ProductType = "physical" | "virtual" | "coupon";
export const ORDER_SOURCES = ["catalog", "prize", "flash_sale", "auction"] as const;
export type LocalText = { "zh-CN": string; "en-US": string };

export interface ProductSnapshot {
  name: LocalText;
  image: string;
  type: ProductType;
  pointsPrice: number;
  cashPrice: number;
  costCents: number;
}

export interface Address {
  name: string;
  phone: string;
  region: string;
  detail: string;
}

export interface Order {
  id: number;
  orderNo: string;
  appId: number;
  memberId: number;
  supplierId: number;
  productId: number;
  product: ProductSnapshot;
  quantity: number;
  pointsTotal: number;
  cashTotal: number;
  status: OrderStatus;
  source: (typeof ORDER_SOURCES)[number];
  campaignId: number | null;
  address: Address | null;
  recipient: string | null;
  carrier: string | null;
  trackingNo: string | null;
  couponCodeId: number | null;
  spendEntryId: number | null;
  refundEntryId: number | null;
  payBy: string | null;
  paidAt: string | null;
  shippedAt: string | null;
  completedAt: string | null;
  autoCompleteAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  returnReason: "defect" | "other" | null;
  createdAt: string;
  updatedAt: string;
  member: { id: number; nickname: string; externalId: string } | null;
}

export interface TimelineEvent {
  id: number;
  orderId: number;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  actor: string;
  note: string;
  createdAt: string;
}

export interface Payment {
  id: number;
  provider: string;
  reference: string;
  amountCents: number;
  status: "pending" | "succeeded" | "failed" | "refunded";
  callbacks: number;
  paidAt: string | null;
  refundedAt: string | null;
  note: string | null;
  createdAt: string;
}

export interface OrderDetail extends Order {
  timeline: TimelineEvent[];
  payments: Payment[];
  coupon: { revealed: boolean; revealedAt: string | null } | null;
}

export interface ImportJob {
  id: number;
  kind: string;
  status: "running" | "done" | "failed";
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  errors: { row: number; message: string }[];
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

/** What the state machine allows from each status (api/domain/orders/order-state.ts), for offering actions. */
export const canShip = (o: Pick<Order, "status">) => o.status === "awaiting_shipment";
export const canCancel = (o: Pick<Order, "status">) => o.status === "pending_payment" || o.status === "paid" || o.status === "awaiting_shipment";
export const canReturn = (o: Pick<Order, "status" | "product">) => o.product.type === "physical" && (o.status === "shipped" || o.status === "completed");
