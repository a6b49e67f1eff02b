import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { prepared } from "../../../db/prepared";
import {
  couponCodes,
  memberAddresses,
  members,
  notifications,
  orderEvents,
  orders,
  products,
  type AddressSnapshot,
  type OrderStatus,
  type ProductSnapshot,
} from "../../../db/schema";
import type { AppContext } from "../../context";
import { AppError, conflict, notFound, unprocessable } from "../../lib/errors";
import { mallDay } from "../points/calendar";
import { debit, hashRequest, restore } from "../points/ledger";
import { notifyPointsChanged } from "../points/webhooks";
import { enqueue } from "../outbox/outbox";
import { afterPayment, canTransition, COUNTS_AGAINST_LIMIT } from "./order-state";
import { refundCapturedPayment } from "./payment-refunds";

export type OrderRow = typeof orders.$inferSelect;
type ProductRow = typeof products.$inferSelect;

export const PAYMENT_WINDOW_MS = 15 * 60_000;
export const AUTO_COMPLETE_MS = 7 * 86_400_000;

export interface Actor {
  /** "member:12", "staff:operator", "system:payment-timeout", "supplier:3/wang" ... */
  label: string;
}

/** Moves an order along the state machine and writes the timeline; an illegal move is a 409. */
export function transition(tx: DbOrTx, order: OrderRow, to: OrderStatus, actor: Actor, note: string, now: Date, patch: Partial<OrderRow> = {}): OrderRow {
  if (!canTransition(order.status, to))
    throw conflict("ILLEGAL_TRANSITION", `An order that is ${order.status} cannot become ${to}`, { from: order.status, to });
  const next = tx
    .update(orders)
    .set({ ...patch, status: to, updatedAt: now })
    .where(and(eq(orders.id, order.id), eq(orders.status, order.status)))
    .returning()
    .get();
  if (!next) throw conflict("ORDER_CHANGED", "The order changed meanwhile; reload it");
  tx.insert(orderEvents).values({ orderId: order.id, fromStatus: order.status, toStatus: to, actor: actor.label, note, createdAt: now }).run();
  return next;
}

export function loadOrder(tx: DbOrTx, id: number): OrderRow {
  const order = tx.select().from(orders).where(eq(orders.id, id)).get();
  if (!order) throw notFound("Order", id);
  return order;
}

/** Points back to the member, as lots with their original expiry (refund entry, once per order). */
function givePointsBack(tx: DbOrTx, ctx: AppContext, order: OrderRow, now: Date, reason: string): number | null {
  if (!order.spendEntryId || order.refundEntryId) return order.refundEntryId;
  const { entry } = restore(tx, now, {
    type: "refund",
    of: order.spendEntryId,
    memberId: order.memberId,
    businessId: `pm:order:${order.orderNo}:refund`,
    requestHash: hashRequest({ order: order.id, refund: true }),
    reason,
    actor: { type: "system", id: "orders" },
    orderId: order.id,
  });
  const member = tx.select({ externalId: members.externalId }).from(members).where(eq(members.id, order.memberId)).get()!;
  notifyPointsChanged(tx, ctx, entry, member.externalId, now);
  return entry.id;
}

/**
 * Flash-sale and auction orders take their unit from the campaign's allocation (redeem's skipStock),
 * which was set aside from the product's stock without counting as sold.
 */
const FROM_CAMPAIGN_ALLOCATION: readonly OrderRow["source"][] = ["flash_sale", "auction"];

function returnStock(tx: DbOrTx, order: OrderRow) {
  // The unit goes back to the product either way; only what redeem counted as sold is uncounted.
  const counted = !FROM_CAMPAIGN_ALLOCATION.includes(order.source);
  tx.update(products)
    .set({ stock: sql`${products.stock} + ${order.quantity}`, ...(counted ? { sold: sql`${products.sold} - ${order.quantity}` } : {}) })
    .where(eq(products.id, order.productId))
    .run();
}

// ---------------------------------------------------------------------------------------------
// Redemption

export interface RedeemInput {
  productId: number;
  quantity: number;
  addressId?: number;
  /** Virtual goods: who receives them (a phone number for a top-up). */
  recipient?: string;
}

export interface RedeemOptions {
  idempotencyKey: string;
  /** Campaigns (flash sales, prizes) redeem at their own price, from their own stock. */
  source?: OrderRow["source"];
  campaignId?: number | null;
  pointsPrice?: number;
  cashPrice?: number;
  /** When a campaign already took the stock from its own allocation. */
  skipStock?: boolean;
  /** Prizes and flash sales check their own windows and limits. */
  skipChecks?: boolean;
  /** Auctions: the points were already taken (the winning bid's hold), which becomes the payment. */
  paidBy?: { entryId: number; points: number };
  /** Won goods (prizes, auctions): without an address the order waits for the member to give one. */
  addressLater?: boolean;
}

const q = (tx: DbOrTx) =>
  prepared(tx, "orders.redeem", (db) => ({
    byKey: db.select().from(orders).where(and(eq(orders.memberId, sql.placeholder("memberId")), eq(orders.idempotencyKey, sql.placeholder("key")))).prepare(),
    product: db.select().from(products).where(eq(products.id, sql.placeholder("id"))).prepare(),
    bought: db
      .select({ n: sql<number>`coalesce(sum(${orders.quantity}), 0)` })
      .from(orders)
      .where(and(eq(orders.memberId, sql.placeholder("memberId")), eq(orders.productId, sql.placeholder("productId")), inArray(orders.status, COUNTS_AGAINST_LIMIT)))
      .prepare(),
    takeStock: db
      .update(products)
      .set({ stock: sql`${products.stock} - ${sql.placeholder("qty")}`, sold: sql`${products.sold} + ${sql.placeholder("qty")}` })
      .where(and(eq(products.id, sql.placeholder("id")), sql`${products.stock} >= ${sql.placeholder("qty")}`))
      .returning({ stock: products.stock, lowStockThreshold: products.lowStockThreshold })
      .prepare(),
    nextId: db.select({ id: sql<number>`coalesce(max(${orders.id}), 0) + 1` }).from(orders).prepare(),
    freeCode: db
      .select({ id: couponCodes.id })
      .from(couponCodes)
      .where(and(eq(couponCodes.productId, sql.placeholder("productId")), eq(couponCodes.status, "available")))
      .orderBy(couponCodes.id)
      .limit(1)
      .prepare(),
    member: db.select().from(members).where(eq(members.id, sql.placeholder("id"))).prepare(),
    address: db
      .select()
      .from(memberAddresses)
      .where(and(eq(memberAddresses.id, sql.placeholder("id")), eq(memberAddresses.memberId, sql.placeholder("memberId"))))
      .prepare(),
    // Nullable times and the address go in raw (epoch ms, JSON text): placeholders skip column mapping for null.
    insertOrder: db
      .insert(orders)
      .values({
        id: sql.placeholder("id"),
        orderNo: sql.placeholder("orderNo"),
        appId: sql.placeholder("appId"),
        memberId: sql.placeholder("memberId"),
        supplierId: sql.placeholder("supplierId"),
        productId: sql.placeholder("productId"),
        product: sql.placeholder("product"),
        quantity: sql.placeholder("quantity"),
        pointsTotal: sql.placeholder("pointsTotal"),
        cashTotal: sql.placeholder("cashTotal"),
        status: sql.placeholder("status"),
        idempotencyKey: sql.placeholder("idempotencyKey"),
        requestHash: sql.placeholder("requestHash"),
        source: sql.placeholder("source"),
        campaignId: sql.placeholder("campaignId"),
        address: sql`${sql.placeholder("address")}`,
        recipient: sql.placeholder("recipient"),
        couponCodeId: sql.placeholder("couponCodeId"),
        spendEntryId: sql.placeholder("spendEntryId"),
        payBy: sql`${sql.placeholder("payBy")}`,
        paidAt: sql`${sql.placeholder("paidAt")}`,
        completedAt: sql`${sql.placeholder("completedAt")}`,
        createdAt: sql.placeholder("now"),
        updatedAt: sql.placeholder("now"),
      })
      // Read back by the member's key rather than with RETURNING, which SQLite buffers in a temporary table (slower).
      .prepare(),
    insertEvent: db
      .insert(orderEvents)
      .values({ orderId: sql.placeholder("orderId"), fromStatus: sql.placeholder("fromStatus"), toStatus: sql.placeholder("toStatus"), actor: sql.placeholder("actor"), note: sql.placeholder("note"), createdAt: sql.placeholder("now") })
      .prepare(),
  }));

function tierRank(ctx: AppContext, code: string): number {
  const tiers = [...ctx.policy.get().tiers].sort((a, b) => a.threshold - b.threshold);
  const i = tiers.findIndex((t) => t.code === code);
  return i < 0 ? 0 : i;
}

/** Why a product cannot be redeemed right now (not on sale, outside its window), or null. */
export function saleProblem(product: ProductRow, now: Date): AppError | null {
  if (product.status !== "on_sale") return conflict("NOT_ON_SALE", "This product is not on sale");
  if (product.saleStart && product.saleStart.getTime() > now.getTime()) return conflict("SALE_NOT_STARTED", "This product is not on sale yet", { saleStart: product.saleStart.toISOString() });
  if (product.saleEnd && product.saleEnd.getTime() <= now.getTime()) return conflict("SALE_ENDED", "This product is no longer on sale", { saleEnd: product.saleEnd.toISOString() });
  return null;
}

/**
 * Redeems a product, in the caller's transaction: eligibility, limit and window checked; stock taken,
 * points spent (FIFO), a coupon code assigned, the order created — or, on any refusal, nothing at all.
 * The member's Idempotency-Key makes a retry return the same order; the same key with another
 * request is a 409.
 */
export function redeem(tx: DbOrTx, ctx: AppContext, memberId: number, input: RedeemInput, opts: RedeemOptions, now: Date): { order: OrderRow; replayed: boolean } {
  const stmts = q(tx);
  const requestHash = hashRequest({ ...input, source: opts.source ?? "catalog", campaignId: opts.campaignId ?? null });
  const prior = stmts.byKey.get({ memberId, key: opts.idempotencyKey });
  if (prior) {
    if (prior.requestHash !== requestHash) throw conflict("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used for a different redemption", { orderId: prior.id });
    return { order: prior, replayed: true };
  }

  const member = stmts.member.get({ id: memberId });
  if (!member) throw notFound("Member", memberId);
  if (member.status !== "active") throw new AppError(403, "MEMBER_FROZEN", "This account cannot redeem right now");
  const product = stmts.product.get({ id: input.productId });
  if (!product) throw notFound("Product", input.productId);
  if (!opts.skipChecks) {
    const problem = saleProblem(product, now);
    if (problem) throw problem;
    if (product.minTier && tierRank(ctx, member.tier) < tierRank(ctx, product.minTier))
      throw new AppError(403, "NOT_ELIGIBLE", `This product is for ${product.minTier} members and above`, { minTier: product.minTier, tier: member.tier });
    if (product.perMemberLimit > 0) {
      const bought = stmts.bought.get({ memberId, productId: product.id })!.n;
      if (bought + input.quantity > product.perMemberLimit)
        throw conflict("LIMIT_REACHED", `At most ${product.perMemberLimit} per member`, { limit: product.perMemberLimit, bought });
    }
  }

  let address: AddressSnapshot | null = null;
  if (product.type === "physical" && !(opts.addressLater && !input.addressId)) {
    if (!input.addressId) throw unprocessable("Choose a delivery address", { addressId: "required for goods that are shipped" });
    const a = stmts.address.get({ id: input.addressId, memberId });
    if (!a) throw unprocessable("That address does not exist", { addressId: "not one of your addresses" });
    address = { name: a.name, phone: a.phone, region: a.region, detail: a.detail };
  }
  if (product.type === "virtual" && !input.recipient) throw unprocessable("Say who receives it", { recipient: "required for virtual goods (e.g. the phone number to top up)" });
  // An order holds one code (orders.couponCodeId): more units would be paid for and taken from the pool's stock, but never delivered.
  if (product.type === "coupon" && input.quantity !== 1) throw unprocessable("Coupon codes are redeemed one per order", { quantity: "must be 1 for a coupon" });

  if (!opts.skipStock) {
    const left = stmts.takeStock.get({ id: product.id, qty: input.quantity });
    if (!left) throw conflict("SOLD_OUT", "Sold out", { stock: product.stock });
    // Once per crossing: when this redemption took the stock from above the threshold to it or below.
    // A restock (or a cancellation) above the threshold arms it again.
    if (left.stock <= left.lowStockThreshold && left.stock + input.quantity > left.lowStockThreshold) lowStockNotice(tx, product, left.stock, now);
  }

  let couponCodeId: number | null = null;
  if (product.type === "coupon") {
    const code = stmts.freeCode.get({ productId: product.id });
    if (!code) throw conflict("SOLD_OUT", "No codes left", { productId: product.id });
    couponCodeId = code.id;
  }

  const pointsPrice = opts.pointsPrice ?? product.pointsPrice;
  const cashPrice = opts.cashPrice ?? product.cashPrice;
  const id = stmts.nextId.get()!.id;
  const orderNo = `PM${mallDay(now).replace(/-/g, "")}${String(id).padStart(7, "0")}`;
  const snapshot: ProductSnapshot = { name: product.name, image: product.images[0] ?? "", type: product.type, pointsPrice, cashPrice, costCents: product.costCents };
  const pointsTotal = opts.paidBy ? opts.paidBy.points : pointsPrice * input.quantity;
  const cashTotal = cashPrice * input.quantity;

  let spendEntryId: number | null = opts.paidBy?.entryId ?? null;
  if (pointsTotal > 0 && !opts.paidBy) {
    const { entry } = debit(tx, now, {
      type: "spend",
      amount: pointsTotal,
      memberId,
      businessId: `pm:order:${orderNo}:spend`,
      requestHash: hashRequest({ orderNo }),
      reason: `redeem ${orderNo}`,
      actor: { type: "member", id: String(memberId) },
      orderId: id,
      campaignId: opts.campaignId ?? null,
    });
    spendEntryId = entry.id;
    notifyPointsChanged(tx, ctx, entry, member.externalId, now);
  }

  const initial: OrderStatus = cashTotal > 0 ? "pending_payment" : "paid";
  // A points-only order is paid as it is made and moves straight on by what was bought.
  const status: OrderStatus = initial === "paid" ? afterPayment(product.type) : initial;
  stmts.insertOrder.run({
    id,
    orderNo,
    appId: member.appId,
    memberId,
    supplierId: product.supplierId,
    productId: product.id,
    product: snapshot,
    quantity: input.quantity,
    pointsTotal,
    cashTotal,
    status,
    idempotencyKey: opts.idempotencyKey,
    requestHash,
    source: opts.source ?? "catalog",
    campaignId: opts.campaignId ?? null,
    address: address ? JSON.stringify(address) : null,
    recipient: product.type === "virtual" ? (input.recipient ?? null) : null,
    couponCodeId,
    spendEntryId,
    payBy: initial === "pending_payment" ? now.getTime() + PAYMENT_WINDOW_MS : null,
    paidAt: initial === "paid" ? now.getTime() : null,
    completedAt: status === "completed" ? now.getTime() : null,
    now,
  });
  const order = stmts.byKey.get({ memberId, key: opts.idempotencyKey })!;
  const actor = `member:${memberId}`;
  stmts.insertEvent.run({ orderId: id, fromStatus: null, toStatus: initial, actor, note: "", now });
  if (status !== initial) stmts.insertEvent.run({ orderId: id, fromStatus: initial, toStatus: status, actor: "system", note: "", now });
  if (status === "fulfilling") enqueue(tx, now, { kind: "fulfilment", topic: "order.fulfil", payload: { orderId: id }, dedupeKey: `fulfil:${id}` });

  if (couponCodeId) {
    const taken = tx.update(couponCodes).set({ status: "assigned", orderId: id, assignedAt: now }).where(and(eq(couponCodes.id, couponCodeId), eq(couponCodes.status, "available"))).run();
    if (taken.changes !== 1) throw conflict("SOLD_OUT", "No codes left");
  }
  return { order, replayed: false };
}

/** A paid order moves on by what it is; a virtual one is queued for the supplier's endpoint. */
export function afterPaid(tx: DbOrTx, order: OrderRow, now: Date): OrderRow {
  const next = transition(tx, order, afterPayment(order.product.type), { label: "system" }, "", now, order.product.type === "coupon" ? { completedAt: now } : {});
  if (next.status === "fulfilling") enqueue(tx, now, { kind: "fulfilment", topic: "order.fulfil", payload: { orderId: order.id }, dedupeKey: `fulfil:${order.id}` });
  return next;
}

function lowStockNotice(tx: DbOrTx, product: ProductRow, stock: number, now: Date) {
  const payload = { productId: product.id, name: product.name, stock, threshold: product.lowStockThreshold };
  for (const scope of [`supplier:${product.supplierId}`, "operator"])
    tx.insert(notifications)
      .values({ audience: "staff", staffScope: scope, kind: "low-stock", dedupeKey: `${scope}:${product.id}:${now.getTime()}`, payload, createdAt: now })
      .onConflictDoNothing()
      .run();
}

// ---------------------------------------------------------------------------------------------
// What happens to an order afterwards

/** Before shipment: points and stock go back (and a captured cash payment is refunded). */
export function cancelOrder(tx: DbOrTx, ctx: AppContext, orderId: number, actor: Actor, reason: string, now: Date): OrderRow {
  const order = loadOrder(tx, orderId);
  if (order.product.type === "coupon" && order.status === "completed") throw conflict("ILLEGAL_TRANSITION", "A delivered coupon code cannot be cancelled");
  const next = transition(tx, order, "cancelled", actor, reason, now, { closedAt: now, closeReason: reason });
  const refundEntryId = givePointsBack(tx, ctx, order, now, `cancelled ${order.orderNo}`);
  returnStock(tx, order);
  if (order.couponCodeId) tx.update(couponCodes).set({ status: "available", orderId: null, assignedAt: null }).where(eq(couponCodes.id, order.couponCodeId)).run();
  refundCapturedPayment(tx, order, now, reason);
  return tx.update(orders).set({ refundEntryId }).where(eq(orders.id, next.id)).returning().get();
}

/** A won order without an address gets one from the member's address book (before it ships). */
export function setOrderAddress(tx: DbOrTx, orderId: number, memberId: number, addressId: number, now: Date): OrderRow {
  const order = loadOrder(tx, orderId);
  if (order.memberId !== memberId) throw notFound("Order", orderId);
  if (order.status !== "awaiting_shipment") throw conflict("ILLEGAL_TRANSITION", "The address can only change before the order ships");
  const a = tx.select().from(memberAddresses).where(and(eq(memberAddresses.id, addressId), eq(memberAddresses.memberId, memberId))).get();
  if (!a) throw unprocessable("That address does not exist", { addressId: "not one of your addresses" });
  tx.insert(orderEvents).values({ orderId, fromStatus: order.status, toStatus: order.status, actor: `member:${memberId}`, note: "address set", createdAt: now }).run();
  return tx.update(orders).set({ address: { name: a.name, phone: a.phone, region: a.region, detail: a.detail }, updatedAt: now }).where(eq(orders.id, orderId)).returning().get();
}

export function shipOrder(tx: DbOrTx, ctx: AppContext, orderId: number, shipment: { carrier: string; trackingNo: string }, actor: Actor, now: Date): OrderRow {
  const order = loadOrder(tx, orderId);
  if (order.product.type === "physical" && !order.address) throw conflict("ADDRESS_MISSING", "The member has not given a delivery address yet");
  const next = transition(tx, order, "shipped", actor, `${shipment.carrier} ${shipment.trackingNo}`, now, {
    carrier: shipment.carrier,
    trackingNo: shipment.trackingNo,
    shippedAt: now,
    autoCompleteAt: new Date(now.getTime() + AUTO_COMPLETE_MS),
  });
  const payload = { orderNo: order.orderNo, carrier: shipment.carrier, trackingNo: shipment.trackingNo, product: order.product.name };
  tx.insert(notifications).values({ audience: "member", memberId: order.memberId, kind: "order-shipped", dedupeKey: `${order.id}`, payload, createdAt: now }).onConflictDoNothing().run();
  if (ctx.keyring.byAppId(order.appId)?.webhookUrl) {
    const member = tx.select({ externalId: members.externalId }).from(members).where(eq(members.id, order.memberId)).get()!;
    enqueue(tx, now, { kind: "webhook", topic: "order.shipped", appId: order.appId, dedupeKey: `order.shipped:${order.id}`, payload: { ...payload, memberId: member.externalId } });
  }
  return next;
}

export function confirmReceipt(tx: DbOrTx, orderId: number, actor: Actor, now: Date, note = "received"): OrderRow {
  const order = loadOrder(tx, orderId);
  // Receipt is of shipped goods. The table also lets paid coupons and fulfilling top-ups complete, but
  // by the system (payment, the supplier's answer), never on a member's word: that would skip the supplier.
  if (order.status !== "shipped")
    throw conflict("ILLEGAL_TRANSITION", `An order that is ${order.status} cannot be confirmed as received`, { from: order.status, to: "completed" });
  return transition(tx, order, "completed", actor, note, now, { completedAt: now });
}

/** A shipped or completed physical order comes back: the points are returned (the goods are not restocked). */
export function markReturned(tx: DbOrTx, ctx: AppContext, orderId: number, reason: "defect" | "other", note: string, actor: Actor, now: Date): OrderRow {
  const order = loadOrder(tx, orderId);
  if (order.product.type !== "physical") throw conflict("ILLEGAL_TRANSITION", "Only shipped goods can be returned");
  transition(tx, order, "returned", actor, note || reason, now, { closedAt: now, closeReason: note || reason, returnReason: reason });
  const refundEntryId = givePointsBack(tx, ctx, order, now, `returned ${order.orderNo}`);
  refundCapturedPayment(tx, order, now, "returned");
  return tx.update(orders).set({ refundEntryId }).where(eq(orders.id, order.id)).returning().get();
}

export function completeFulfilment(tx: DbOrTx, orderId: number, note: string, now: Date): OrderRow {
  return transition(tx, loadOrder(tx, orderId), "completed", { label: "supplier-endpoint" }, note, now, { completedAt: now });
}

/** The supplier's endpoint gave up: the order fails and is refunded at once (points and stock). */
export function failFulfilment(tx: DbOrTx, ctx: AppContext, orderId: number, note: string, now: Date): OrderRow {
  const failed = transition(tx, loadOrder(tx, orderId), "fulfillment_failed", { label: "supplier-endpoint" }, note, now);
  transition(tx, failed, "refunded", { label: "system" }, "automatic refund after failed fulfilment", now, { closedAt: now, closeReason: note });
  const refundEntryId = givePointsBack(tx, ctx, failed, now, `refund ${failed.orderNo}`);
  returnStock(tx, failed);
  refundCapturedPayment(tx, failed, now, "fulfilment failed");
  return tx.update(orders).set({ refundEntryId }).where(eq(orders.id, failed.id)).returning().get();
}
