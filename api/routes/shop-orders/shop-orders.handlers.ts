import { createRoute, z } from "@hono/zod-openapi";
import { and, count, desc, eq } from "drizzle-orm";
import { couponCodes, memberAddresses, orders } from "../../../db/schema";
import type { DbOrTx } from "../../../db/client";
import type { AppContext } from "../../context";
import { confirmReceipt, cancelOrder, redeem, setOrderAddress } from "../../domain/orders/orders";
import { couponStateOf, orderDto, paymentsOf, timelineOf } from "../../domain/orders/order-view";
import { startPayment } from "../../domain/payments/payments";
import { badRequest, conflict, notFound } from "../../lib/errors";
import { errorResponses, IdParam, json, jsonBody, OkSchema } from "../../lib/schemas";
import { newRouter } from "../../lib/router";
import { iso } from "../../lib/serialize";
import { writeTx } from "../../lib/tx";
import { requireMember } from "../../middleware/member-session";

const tags = ["Shop: orders"];

const AddressBody = z
  .object({
    name: z.string().trim().min(1, "Required").max(32),
    phone: z.string().trim().regex(/^\+?[0-9 -]{6,20}$/, "A phone number"),
    region: z.string().trim().min(2, "Province, city, district").max(64),
    detail: z.string().trim().min(4, "Street and number").max(200),
    isDefault: z.boolean().optional(),
  })
  .strict();

const RedeemBody = z
  .object({
    productId: z.number().int().positive(),
    quantity: z.number().int().min(1).max(10).default(1),
    addressId: z.number().int().positive().optional(),
    recipient: z.string().trim().regex(/^\+?[0-9]{6,15}$/, "A phone number (digits)").optional(),
  })
  .strict();

const OrderOut = z.record(z.string(), z.unknown()).openapi("ShopOrder");
const StatusQuery = z.object({ status: z.string().optional(), page: z.coerce.number().int().min(1).default(1), limit: z.coerce.number().int().min(1).max(50).default(20) });

export const listAddresses = createRoute({ method: "get", path: "/addresses", tags, responses: { 200: json(z.array(z.unknown())), ...errorResponses } });
export const createAddress = createRoute({ method: "post", path: "/addresses", tags, request: { body: jsonBody(AddressBody) }, responses: { 201: json(z.unknown()), ...errorResponses } });
export const updateAddress = createRoute({ method: "patch", path: "/addresses/{id}", tags, request: { params: IdParam, body: jsonBody(AddressBody.partial()) }, responses: { 200: json(z.unknown()), ...errorResponses } });
export const deleteAddress = createRoute({ method: "delete", path: "/addresses/{id}", tags, request: { params: IdParam }, responses: { 200: json(OkSchema), ...errorResponses } });
export const redeemRoute = createRoute({
  method: "post",
  path: "/redemptions",
  tags,
  summary: "Redeem a product. Send an Idempotency-Key header: a retry with the same key returns the same order; the same key with another body is 409.",
  request: { body: jsonBody(RedeemBody), headers: z.object({ "idempotency-key": z.string().min(8).max(100).optional() }) },
  responses: { 201: json(OrderOut, "Created"), 200: json(OrderOut, "A replay of an earlier request"), ...errorResponses },
});
export const myOrders = createRoute({ method: "get", path: "/orders", tags, request: { query: StatusQuery }, responses: { 200: json(z.object({ items: z.array(OrderOut), total: z.number() })), ...errorResponses } });
export const myOrder = createRoute({ method: "get", path: "/orders/{id}", tags, request: { params: IdParam }, responses: { 200: json(OrderOut), ...errorResponses } });
export const revealCode = createRoute({
  method: "post",
  path: "/orders/{id}/code",
  tags,
  summary: "The coupon code of a coupon order, shown once",
  request: { params: IdParam },
  responses: { 200: json(z.object({ code: z.string() })), ...errorResponses },
});
export const payRoute = createRoute({ method: "post", path: "/orders/{id}/pay", tags, summary: "Where to pay the cash part", request: { params: IdParam }, responses: { 200: json(z.object({ payUrl: z.string(), reference: z.string(), amountCents: z.number() })), ...errorResponses } });
export const confirmRoute = createRoute({ method: "post", path: "/orders/{id}/confirm", tags, summary: "Confirm receipt of shipped goods", request: { params: IdParam }, responses: { 200: json(OrderOut), ...errorResponses } });
export const addressRoute = createRoute({
  method: "post",
  path: "/orders/{id}/address",
  tags,
  summary: "Give a won order (a prize, an auction) its delivery address, before it ships",
  request: { params: IdParam, body: jsonBody(z.object({ addressId: z.number().int().positive() }).strict()) },
  responses: { 200: json(OrderOut), ...errorResponses },
});
export const cancelRoute = createRoute({ method: "post", path: "/orders/{id}/cancel", tags, summary: "Cancel an order that is still waiting for payment", request: { params: IdParam }, responses: { 200: json(OrderOut), ...errorResponses } });

export function shopOrdersRouter(ctx: AppContext) {
  const router = newRouter();

  const own = (memberId: number, id: number) => {
    const order = ctx.db.select().from(orders).where(and(eq(orders.id, id), eq(orders.memberId, memberId))).get();
    if (!order) throw notFound("Order", id);
    return order;
  };
  const view = (o: typeof orders.$inferSelect, db: DbOrTx = ctx.db) => ({ ...orderDto(o, { unmask: true }), timeline: timelineOf(db, o.id), payments: paymentsOf(db, o.id), coupon: couponStateOf(db, o) });

  router.openapi(listAddresses, (c) => {
    const m = requireMember(c);
    return c.json(ctx.db.select().from(memberAddresses).where(eq(memberAddresses.memberId, m.id)).orderBy(desc(memberAddresses.isDefault), desc(memberAddresses.id)).all().map(iso), 200);
  });
  router.openapi(createAddress, (c) => {
    const m = requireMember(c);
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const row = writeTx(ctx.db, (tx) => {
      const [{ n }] = tx.select({ n: count() }).from(memberAddresses).where(eq(memberAddresses.memberId, m.id)).all();
      if (n >= 20) throw conflict("TOO_MANY_ADDRESSES", "At most 20 addresses");
      const isDefault = body.isDefault ?? n === 0;
      if (isDefault) tx.update(memberAddresses).set({ isDefault: false }).where(eq(memberAddresses.memberId, m.id)).run();
      return tx.insert(memberAddresses).values({ ...body, isDefault, memberId: m.id, createdAt: now, updatedAt: now }).returning().get();
    });
    return c.json(iso(row), 201);
  });
  router.openapi(updateAddress, (c) => {
    const m = requireMember(c);
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const row = writeTx(ctx.db, (tx) => {
      const mine = and(eq(memberAddresses.id, id), eq(memberAddresses.memberId, m.id));
      if (!tx.select({ id: memberAddresses.id }).from(memberAddresses).where(mine).get()) throw notFound("Address", id);
      if (body.isDefault) tx.update(memberAddresses).set({ isDefault: false }).where(eq(memberAddresses.memberId, m.id)).run();
      return tx.update(memberAddresses).set({ ...body, updatedAt: now }).where(mine).returning().get();
    });
    return c.json(iso(row), 200);
  });
  router.openapi(deleteAddress, (c) => {
    const m = requireMember(c);
    const { id } = c.req.valid("param");
    const gone = writeTx(ctx.db, (tx) => tx.delete(memberAddresses).where(and(eq(memberAddresses.id, id), eq(memberAddresses.memberId, m.id))).run().changes);
    if (!gone) throw notFound("Address", id);
    return c.json({ ok: true as const }, 200);
  });

  router.openapi(redeemRoute, async (c) => {
    const m = requireMember(c);
    const key = c.req.header("idempotency-key");
    if (!key) throw badRequest("IDEMPOTENCY_KEY_REQUIRED", "Send an Idempotency-Key header (a fresh random value per redemption)", { fields: { "Idempotency-Key": "required" } });
    const now = ctx.clock.now();
    // The answer is read in the same transaction: no second read snapshot per request, and it is the order as committed.
    const { body, replayed } = await ctx.commits.run((tx) => {
      const { order, replayed } = redeem(tx, ctx, m.id, c.req.valid("json"), { idempotencyKey: key }, now);
      return { body: view(order, tx), replayed };
    });
    if (replayed) c.header("Idempotent-Replay", "true");
    return c.json(body, replayed ? 200 : 201);
  });

  router.openapi(myOrders, (c) => {
    const m = requireMember(c);
    const { status, page, limit } = c.req.valid("query");
    const where = and(eq(orders.memberId, m.id), status ? eq(orders.status, status as typeof orders.$inferSelect.status) : undefined);
    const rows = ctx.db.select().from(orders).where(where).orderBy(desc(orders.id)).limit(limit).offset((page - 1) * limit).all();
    const [{ n }] = ctx.db.select({ n: count() }).from(orders).where(where).all();
    return c.json({ items: rows.map((o) => orderDto(o, { unmask: true })), total: n }, 200);
  });
  router.openapi(myOrder, (c) => c.json(view(own(requireMember(c).id, c.req.valid("param").id)), 200));

  router.openapi(revealCode, (c) => {
    const m = requireMember(c);
    const order = own(m.id, c.req.valid("param").id);
    if (!order.couponCodeId) throw notFound("Coupon code of order", order.id);
    // The code is the goods: it is held for an order waiting for its cash part, but shown only once paid
    // (an unpaid order can still be cancelled, and its code then goes back to the pool for someone else).
    if (order.status !== "completed") throw conflict("NOT_PAID", "The code is shown once the order is paid", { status: order.status });
    const now = ctx.clock.now();
    const sealed = writeTx(ctx.db, (tx) => {
      const code = tx.select().from(couponCodes).where(eq(couponCodes.id, order.couponCodeId!)).get()!;
      if (code.revealedAt) throw conflict("CODE_ALREADY_SHOWN", "This code was shown once already; contact customer service if you lost it");
      tx.update(couponCodes).set({ revealedAt: now }).where(eq(couponCodes.id, code.id)).run();
      return code.codeEnc;
    });
    c.header("Cache-Control", "no-store");
    return c.json({ code: ctx.box.open(sealed) }, 200);
  });

  router.openapi(payRoute, (c) => {
    const m = requireMember(c);
    const { id } = c.req.valid("param");
    const now = ctx.clock.now();
    const { payment, payUrl } = writeTx(ctx.db, (tx) => startPayment(tx, ctx, id, m.id, now));
    return c.json({ payUrl, reference: payment.reference, amountCents: payment.amountCents }, 200);
  });
  router.openapi(confirmRoute, (c) => {
    const m = requireMember(c);
    const order = own(m.id, c.req.valid("param").id);
    const now = ctx.clock.now();
    return c.json(view(writeTx(ctx.db, (tx) => confirmReceipt(tx, order.id, { label: `member:${m.id}` }, now))), 200);
  });
  router.openapi(addressRoute, (c) => {
    const m = requireMember(c);
    const { id } = c.req.valid("param");
    const now = ctx.clock.now();
    return c.json(view(writeTx(ctx.db, (tx) => setOrderAddress(tx, id, m.id, c.req.valid("json").addressId, now))), 200);
  });
  router.openapi(cancelRoute, (c) => {
    const m = requireMember(c);
    const order = own(m.id, c.req.valid("param").id);
    if (order.status !== "pending_payment") throw conflict("ILLEGAL_TRANSITION", "Only an order waiting for payment can be cancelled here; ask customer service otherwise");
    const now = ctx.clock.now();
    const done = writeTx(ctx.db, (tx) => cancelOrder(tx, ctx, order.id, { label: `member:${m.id}` }, "cancelled by the member", now));
    return c.json(view(done), 200);
  });

  return router;
}

