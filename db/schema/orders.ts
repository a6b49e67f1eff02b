import { sql } from "drizzle-orm";
import { sqliteTable, integer, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp, updatedAt } from "./columns";
import { members } from "./members";
import { products, type LocalText, type ProductType } from "./catalog";
import { suppliers } from "./suppliers";

export const orderStatuses = [
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
export type OrderStatus = (typeof orderStatuses)[number];

export interface ProductSnapshot {
  name: LocalText;
  image: string;
  type: ProductType;
  pointsPrice: number;
  cashPrice: number;
  costCents: number;
}

export interface AddressSnapshot {
  name: string;
  phone: string;
  region: string;
  detail: string;
}

export const orders = sqliteTable(
  "orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderNo: text("order_no").notNull(),
    appId: integer("app_id").notNull(),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    product: text("product", { mode: "json" }).$type<ProductSnapshot>().notNull(),
    quantity: integer("quantity").notNull(),
    pointsTotal: integer("points_total").notNull(),
    cashTotal: integer("cash_total").notNull().default(0),
    status: text("status", { enum: orderStatuses }).notNull(),
    /** The member's Idempotency-Key: the same key is the same order. */
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Where it came from: the catalog, a campaign prize, a flash sale, an auction. */
    source: text("source", { enum: ["catalog", "prize", "flash_sale", "auction"] }).notNull().default("catalog"),
    campaignId: integer("campaign_id"),
    address: text("address", { mode: "json" }).$type<AddressSnapshot | null>(),
    /** Virtual goods: who receives them (e.g. the phone number to top up). */
    recipient: text("recipient"),
    carrier: text("carrier"),
    trackingNo: text("tracking_no"),
    couponCodeId: integer("coupon_code_id"),
    spendEntryId: integer("spend_entry_id"),
    refundEntryId: integer("refund_entry_id"),
    /** Cash orders: unpaid after this, the order is cancelled and everything returned. */
    payBy: timestamp("pay_by"),
    paidAt: timestamp("paid_at"),
    shippedAt: timestamp("shipped_at"),
    completedAt: timestamp("completed_at"),
    /** Shipped orders complete by themselves at this time unless the member confirms first. */
    autoCompleteAt: timestamp("auto_complete_at"),
    closedAt: timestamp("closed_at"),
    closeReason: text("close_reason"),
    /** For returns: "defect" or another reason, for the supplier's defect rate. */
    returnReason: text("return_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("orders_no_uq").on(t.orderNo),
    uniqueIndex("orders_member_key_uq").on(t.memberId, t.idempotencyKey),
    index("orders_member_idx").on(t.memberId, t.id),
    index("orders_member_product_idx").on(t.memberId, t.productId, t.status),
    index("orders_supplier_status_idx").on(t.supplierId, t.status, t.createdAt),
    index("orders_status_idx").on(t.status, t.createdAt),
    // The jobs' queues, holding only the orders they look at (most orders never wait for payment).
    index("orders_pay_by_idx").on(t.payBy).where(sql`${t.status} = 'pending_payment'`),
    index("orders_auto_complete_idx").on(t.autoCompleteAt).where(sql`${t.status} = 'shipped'`),
    index("orders_product_idx").on(t.productId),
  ],
);

/** The order's timeline: every transition with who made it and why. */
export const orderEvents = sqliteTable(
  "order_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    actor: text("actor").notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.id)],
);

export const memberAddresses = sqliteTable(
  "member_addresses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id),
    name: text("name").notNull(),
    phone: text("phone").notNull(),
    region: text("region").notNull(),
    detail: text("detail").notNull(),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("member_addresses_member_idx").on(t.memberId)],
);

export const paymentStatuses = ["pending", "succeeded", "failed", "refunded"] as const;

/** The cash part of an order, through a payment provider (the sandbox gateway in the demo). */
export const payments = sqliteTable(
  "payments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    provider: text("provider").notNull(),
    /** Our reference sent to the provider (unique); the provider's own id arrives with the callback. */
    reference: text("reference").notNull(),
    providerTxnId: text("provider_txn_id"),
    amountCents: integer("amount_cents").notNull(),
    status: text("status", { enum: paymentStatuses }).notNull().default("pending"),
    callbacks: integer("callbacks").notNull().default(0),
    paidAt: timestamp("paid_at"),
    refundedAt: timestamp("refunded_at"),
    note: text("note"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("payments_reference_uq").on(t.reference), index("payments_order_idx").on(t.orderId)],
);
