import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orderEvents, orders, orderStatuses, productTypes, type OrderStatus } from "../../../db/schema";
import { AppError } from "../../lib/errors";
import { writeTx } from "../../lib/tx";
import { buildTestApp, createMember, registerTestApp } from "../../test/harness";
import { redeemFor } from "../../test/order-fixtures";
import { listProduct } from "../../test/redemption-fixtures";
import { afterPayment, canReturn, canTransition, COUNTS_AGAINST_LIMIT, FINAL, TRANSITIONS } from "./order-state";
import { loadOrder, transition } from "./orders";

/** The order lifecycle of DOMAIN.md ("Orders"), edge by edge: the specification the table must match. */
const DOMAIN_EDGES: Array<[OrderStatus, OrderStatus, string]> = [
  ["pending_payment", "paid", "the cash part is paid"],
  ["pending_payment", "cancelled", "not paid in 15 minutes, or cancelled by the member"],
  ["paid", "awaiting_shipment", "physical goods wait to be shipped"],
  ["paid", "fulfilling", "virtual goods go to the supplier's endpoint"],
  ["paid", "completed", "a coupon code is the goods: complete at once"],
  ["paid", "cancelled", "cancelled before shipment"],
  ["awaiting_shipment", "shipped", "shipped with carrier and tracking number"],
  ["awaiting_shipment", "cancelled", "cancelled before shipment"],
  ["shipped", "completed", "the member confirms, or N days pass"],
  ["shipped", "returned", "the goods come back"],
  ["completed", "returned", "the goods come back after completion"],
  ["fulfilling", "completed", "the supplier delivered"],
  ["fulfilling", "fulfillment_failed", "the supplier's endpoint gave up"],
  ["fulfillment_failed", "refunded", "a failed fulfilment is refunded"],
];

const legal = new Set(DOMAIN_EDGES.map(([from, to]) => `${from}->${to}`));
const allPairs = orderStatuses.flatMap((from) => orderStatuses.map((to) => [from, to] as [OrderStatus, OrderStatus]));
const illegalPairs = allPairs.filter(([from, to]) => !legal.has(`${from}->${to}`));

describe("the order state machine (order-state.ts)", () => {
  it("knows every order status, and no other", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...orderStatuses].sort());
  });

  it.each(DOMAIN_EDGES)("allows %s → %s (%s)", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(illegalPairs)("refuses %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it("has no way out of a final state and no way back: the graph has no cycle", () => {
    for (const s of FINAL.filter((s) => s !== "completed")) expect(TRANSITIONS[s], s).toEqual([]);
    // completed may only become returned, itself final.
    expect(TRANSITIONS.completed).toEqual(["returned"]);
    const visiting = new Set<OrderStatus>();
    const done = new Set<OrderStatus>();
    const visit = (s: OrderStatus) => {
      expect(visiting.has(s), `a cycle through ${s}`).toBe(false);
      if (done.has(s)) return;
      visiting.add(s);
      TRANSITIONS[s].forEach(visit);
      visiting.delete(s);
      done.add(s);
    };
    orderStatuses.forEach(visit);
  });

  it("reaches every status from where orders start (pending_payment, or paid for points-only orders)", () => {
    const seen = new Set<OrderStatus>(["pending_payment", "paid"]);
    const queue = [...seen];
    while (queue.length) for (const next of TRANSITIONS[queue.shift()!]) if (!seen.has(next)) seen.add(next), queue.push(next);
    expect([...seen].sort()).toEqual([...orderStatuses].sort());
  });

  it("sends a paid order on by what was bought", () => {
    expect(Object.fromEntries(productTypes.map((t) => [t, afterPayment(t)]))).toEqual({ physical: "awaiting_shipment", virtual: "fulfilling", coupon: "completed" });
    for (const t of productTypes) expect(canTransition("paid", afterPayment(t))).toBe(true);
  });

  it("takes back only physical goods, once shipped or completed", () => {
    const returnable = productTypes.flatMap((type) => orderStatuses.filter((s) => canReturn(type, s)).map((s) => `${type}:${s}`));
    expect(returnable).toEqual(["physical:shipped", "physical:completed"]);
  });

  it("counts against a member's limit every order that holds or will deliver the goods, not those closed without them", () => {
    expect([...COUNTS_AGAINST_LIMIT].sort()).toEqual(["awaiting_shipment", "completed", "fulfilling", "paid", "pending_payment", "shipped"]);
    const closedWithout = orderStatuses.filter((s) => !COUNTS_AGAINST_LIMIT.includes(s));
    expect(closedWithout.sort()).toEqual(["cancelled", "fulfillment_failed", "refunded", "returned"]);
  });
});

describe("transition()", () => {
  async function orderIn() {
    const t = await buildTestApp();
    const app = registerTestApp(t);
    const member = createMember(t, app.id, "u-1");
    const productId = listProduct(t, t.createSupplier("s"), { pointsPrice: 10 });
    const order = redeemFor(t.db, t.app.ctx, member.id, productId, t.clock.now());
    const events = () => t.db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id)).all().length;
    /** The order put straight into `status`, as if it had got there. */
    const inState = (status: OrderStatus) => t.db.update(orders).set({ status }).where(eq(orders.id, order.id)).returning().get();
    return { t, order, events, inState };
  }

  it("refuses every move the table does not have with 409 ILLEGAL_TRANSITION naming both states, and writes nothing", async () => {
    const { t, events, inState } = await orderIn();
    for (const [from, to] of illegalPairs) {
      const before = inState(from);
      const written = events();
      let error: unknown;
      try {
        writeTx(t.db, (tx) => transition(tx, before, to, { label: "test" }, "", t.clock.now()));
      } catch (err) {
        error = err;
      }
      expect(error, `${from} -> ${to}`).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 409, code: "ILLEGAL_TRANSITION", details: { from, to } });
      expect(loadOrder(t.db, before.id)).toEqual(before);
      expect(events()).toBe(written);
    }
  });

  it("makes every move the table has, writing one timeline event with who and why", async () => {
    const { t, events, inState } = await orderIn();
    for (const [from, to] of DOMAIN_EDGES) {
      const before = inState(from);
      const written = events();
      t.clock.advance(1000);
      const after = writeTx(t.db, (tx) => transition(tx, before, to, { label: "staff:test" }, `${from} to ${to}`, t.clock.now()));
      expect(after.status).toBe(to);
      expect(after.updatedAt.getTime()).toBe(t.clock.now().getTime());
      expect(events()).toBe(written + 1);
      expect(t.db.select().from(orderEvents).where(eq(orderEvents.orderId, before.id)).all().at(-1)).toMatchObject({ fromStatus: from, toStatus: to, actor: "staff:test", note: `${from} to ${to}` });
    }
  });

  it("refuses a move from a stale copy of the order (409 ORDER_CHANGED): two staff acting at once change it once", async () => {
    const { t, order, events } = await orderIn();
    const stale = loadOrder(t.db, order.id);
    writeTx(t.db, (tx) => transition(tx, stale, "cancelled", { label: "staff:a" }, "first", t.clock.now()));
    const written = events();
    // The stale copy still says awaiting_shipment, from which shipping would be legal.
    expect(() => writeTx(t.db, (tx) => transition(tx, stale, "shipped", { label: "staff:b" }, "second", t.clock.now()))).toThrow(
      expect.objectContaining({ status: 409, code: "ORDER_CHANGED" }),
    );
    expect(loadOrder(t.db, order.id).status).toBe("cancelled");
    expect(events()).toBe(written);
  });
});
