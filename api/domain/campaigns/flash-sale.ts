import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { prepared } from "../../../db/prepared";
import { campaignEntries, campaigns, orders, products } from "../../../db/schema";
import type { AppContext } from "../../context";
import { conflict, unprocessable } from "../../lib/errors";
import { mallDay } from "../points/calendar";
import { redeem, type RedeemInput } from "../orders/orders";
import { COUNTS_AGAINST_LIMIT } from "../orders/order-state";
import { activeMember, assertEligible, eligibility, loadCampaign, priorEntry, type CampaignRow } from "./campaigns";

export interface FlashSaleConfig {
  productId: number;
  salePoints: number;
  saleCash: number;
  /** Units one member may buy in this sale (0: no limit). */
  perMemberLimit: number;
}

const p = sql.placeholder;
/** A sale's opening second runs these thousands of times: prepared once per connection. */
const q = (tx: DbOrTx) =>
  prepared(tx, "flash-sale", (db) => ({
    bought: db
      .select({ bought: sql<number>`coalesce(sum(${orders.quantity}), 0)` })
      .from(orders)
      .where(and(eq(orders.campaignId, p("campaignId")), eq(orders.memberId, p("memberId")), inArray(orders.status, COUNTS_AGAINST_LIMIT)))
      .prepare(),
    take: db
      .update(campaigns)
      .set({ stockLeft: sql`${campaigns.stockLeft} - ${p("qty")}` })
      .where(and(eq(campaigns.id, p("id")), sql`${campaigns.stockLeft} >= ${p("qty")}`))
      .prepare(),
  }));

export const flashConfig = (c: { config: Record<string, unknown> }): FlashSaleConfig => ({ salePoints: 0, saleCash: 0, perMemberLimit: 1, ...(c.config as Partial<FlashSaleConfig>) }) as FlashSaleConfig;

/** Sets the sale's stock aside from the product when the sale is scheduled. */
export function reserveStock(tx: DbOrTx, c: CampaignRow, now: Date) {
  const cfg = flashConfig(c);
  if (!cfg.productId) throw unprocessable("Choose the product on sale", { "config.productId": "required" });
  if (c.reservedStock <= 0) throw unprocessable("Set aside some stock for the sale", { reservedStock: "at least 1" });
  const taken = tx
    .update(products)
    .set({ stock: sql`${products.stock} - ${c.reservedStock}`, updatedAt: now })
    .where(and(eq(products.id, cfg.productId), sql`${products.stock} >= ${c.reservedStock}`))
    .run();
  if (taken.changes !== 1) throw conflict("NOT_ENOUGH_STOCK", `The product does not have ${c.reservedStock} in stock to set aside`);
  tx.update(campaigns).set({ stockLeft: c.reservedStock, updatedAt: now }).where(eq(campaigns.id, c.id)).run();
}

/** Unsold sale stock goes back to the product (when the sale ends, or is taken off the schedule). */
export function releaseStock(tx: DbOrTx, c: CampaignRow, now: Date) {
  const fresh = loadCampaign(tx, c.id);
  if (fresh.stockLeft <= 0) return 0;
  const cfg = flashConfig(fresh);
  tx.update(products).set({ stock: sql`${products.stock} + ${fresh.stockLeft}`, updatedAt: now }).where(eq(products.id, cfg.productId)).run();
  tx.update(campaigns).set({ stockLeft: 0, updatedAt: now }).where(eq(campaigns.id, c.id)).run();
  return fresh.stockLeft;
}

/**
 * Buys at the sale price, in one transaction: eligibility (open, tier gate), the per-member limit,
 * the sale's own stock (a conditional decrement: never oversold, whatever the load), then the order
 * through the orders code at the sale price.
 */
export function buyFlashSale(tx: DbOrTx, ctx: AppContext, campaignId: number, memberId: number, input: Omit<RedeemInput, "productId">, key: string, now: Date) {
  const c = loadCampaign(tx, campaignId);
  if (c.template !== "flash_sale") throw conflict("WRONG_TEMPLATE", "This campaign is not a flash sale");
  const member = activeMember(tx, memberId);
  const prior = priorEntry(tx, c.id, member.id, key);
  if (prior?.orderId) return { order: tx.select().from(orders).where(eq(orders.id, prior.orderId)).get()!, replayed: true };
  assertEligible(eligibility(tx, c, member, now));
  const cfg = flashConfig(c);
  if (cfg.perMemberLimit > 0) {
    const { bought } = q(tx).bought.get({ campaignId: c.id, memberId: member.id })!;
    if (bought + input.quantity > cfg.perMemberLimit) throw conflict("LIMIT_REACHED", `At most ${cfg.perMemberLimit} per member in this sale`, { limit: cfg.perMemberLimit, bought });
  }
  const took = q(tx).take.run({ id: c.id, qty: input.quantity });
  if (took.changes !== 1) throw conflict("SOLD_OUT", "Sold out");
  const { order } = redeem(
    tx,
    ctx,
    member.id,
    { ...input, productId: cfg.productId },
    { idempotencyKey: `flash:${c.id}:${key}`, source: "flash_sale", campaignId: c.id, pointsPrice: cfg.salePoints, cashPrice: cfg.saleCash, skipStock: true, skipChecks: true },
    now,
  );
  tx.insert(campaignEntries)
    .values({ campaignId: c.id, memberId: member.id, day: mallDay(now), idempotencyKey: key, cost: order.pointsTotal, spendEntryId: order.spendEntryId, outcome: "bought", orderId: order.id, createdAt: now })
    .run();
  return { order, replayed: false };
}

