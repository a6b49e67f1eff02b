import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auctionBids, campaigns, ledgerEntries, orders, products } from "../../../db/schema";
import { writeTx } from "../../lib/tx";
import { balanceOf, createCampaign, createProduct, idem, shopMember } from "../../test/campaign-fixtures";
import { buildTestApp, registerTestApp } from "../../test/harness";
import { ledgerViolations } from "../points/ledger";
import { settleAuction } from "./auction";
import { advanceCampaigns } from "./lifecycle";

const SEC = 1000;
const HOUR = 3_600_000;

async function setup(config: Record<string, unknown> = {}) {
  const t = await buildTestApp();
  const app = registerTestApp(t);
  const productId = createProduct(t.db, t.clock.now(), { stock: 5, pointsPrice: 5000 });
  const endAt = new Date(t.clock.now().getTime() + HOUR);
  const c = createCampaign(t.db, t.clock.now(), { template: "auction", endAt, config: { productId, startPrice: 100, increment: 10, antiSnipingSec: 60, extendBySec: 60, ...config } });
  const alice = await shopMember(t, app, "u-alice", { points: 1000, nickname: "Alice Wang" });
  const bob = await shopMember(t, app, "u-bob", { points: 1000, nickname: "Bob Li" });
  const bid = (who: typeof alice, amount: number, key?: string) => who.client.post(`/api/shop/campaigns/${c.id}/bids`, { amount }, idem(key));
  const campaign = () => t.db.select().from(campaigns).where(eq(campaigns.id, c.id)).get()!;
  return { t, c, productId, endAt, alice, bob, bid, campaign };
}

describe("POST /api/shop/campaigns/:id/bids", () => {
  it("holds the bid's points; being outbid releases them (hold, then release, balance restored)", async () => {
    const s = await setup();
    const first = await s.bid(s.alice, 100);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ currentPrice: 100, minimumBid: 110, leading: true, myHeld: 100, bidCount: 1 });
    expect(balanceOf(s.t.db, s.alice.member.id)).toBe(900);

    const low = await s.bid(s.bob, 105);
    expect(low.status).toBe(409);
    expect(low.body).toMatchObject({ code: "BID_TOO_LOW", details: { minimumBid: 110 } });

    const over = await s.bid(s.bob, 110);
    expect(over.status).toBe(201);
    expect(over.body).toMatchObject({ leading: true, myHeld: 110, currentPrice: 110 });
    expect(balanceOf(s.t.db, s.alice.member.id)).toBe(1000);
    expect(balanceOf(s.t.db, s.bob.member.id)).toBe(890);

    const aliceLedger = s.t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.memberId, s.alice.member.id), eq(ledgerEntries.campaignId, s.c.id))).orderBy(ledgerEntries.id).all();
    expect(aliceLedger.map((e) => [e.type, e.amount])).toEqual([
      ["hold", -100],
      ["release", 100],
    ]);
    expect(aliceLedger[1].refEntryId).toBe(aliceLedger[0].id);
    expect(s.t.db.select().from(auctionBids).where(eq(auctionBids.memberId, s.alice.member.id)).get()!.status).toBe("outbid");

    // Alice sees she was outbid (not leading, nothing held) and the leader only masked.
    const state = await s.alice.client.get(`/api/shop/campaigns/${s.c.id}/bids`);
    expect(state.body.auction).toMatchObject({ leading: false, myHeld: 0, currentPrice: 110, minimumBid: 120 });
    expect(state.body.auction.leader).toBe("B***");
    expect(state.body.bids.map((b: { bidder: string; mine: boolean; amount: number; status: string }) => [b.bidder, b.mine, b.amount, b.status])).toEqual([
      ["B***", false, 110, "leading"],
      ["A***", true, 100, "outbid"],
    ]);
    expect(JSON.stringify(state.body)).not.toContain("Bob Li");
    expect(ledgerViolations(s.t.db)).toEqual([]);
  });

  it("refuses a bid beyond the balance, and a second bid from the leader, changing nothing", async () => {
    const s = await setup();
    const tooMuch = await s.bid(s.alice, 1001);
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe("INSUFFICIENT_POINTS");
    expect(s.campaign().currentPrice).toBeNull();
    await s.bid(s.alice, 100);
    const again = await s.bid(s.alice, 200);
    expect(again.body.code).toBe("ALREADY_LEADING");
    expect(balanceOf(s.t.db, s.alice.member.id)).toBe(900);
  });

  it("a retried bid (same Idempotency-Key) is the same bid: one hold", async () => {
    const s = await setup();
    const a = await s.bid(s.alice, 100, "bid-key-0001");
    const b = await s.bid(s.alice, 100, "bid-key-0001");
    expect(a.status).toBe(201);
    expect(b.status).toBe(200);
    expect(b.headers.get("Idempotent-Replay")).toBe("true");
    expect(balanceOf(s.t.db, s.alice.member.id)).toBe(900);
    expect(s.t.db.select().from(auctionBids).all()).toHaveLength(1);
    expect((await s.alice.client.post(`/api/shop/campaigns/${s.c.id}/bids`, { amount: 100 })).body.code).toBe("IDEMPOTENCY_KEY_REQUIRED");
  });

  it("anti-sniping: a bid in the last antiSnipingSec pushes the end to extendBySec from then", async () => {
    const s = await setup();
    s.t.clock.set(new Date(s.endAt.getTime() - 120 * SEC));
    await s.bid(s.alice, 100);
    expect(s.campaign().endAt).toEqual(s.endAt); // two minutes before: no extension

    s.t.clock.set(new Date(s.endAt.getTime() - 30 * SEC));
    const late = await s.bid(s.bob, 110);
    const extended = new Date(s.endAt.getTime() + 30 * SEC);
    expect(s.campaign().endAt).toEqual(extended);
    expect(late.body.endAt).toBe(extended.toISOString());

    // The old end has passed, the auction is still open, and a further late bid extends again.
    s.t.clock.set(new Date(s.endAt.getTime() + 20 * SEC));
    advanceCampaigns(s.t.app.ctx);
    expect(s.campaign().settledAt).toBeNull();
    await s.bid(s.alice, 120);
    expect(s.campaign().endAt).toEqual(new Date(s.endAt.getTime() + 80 * SEC));

    s.t.clock.set(new Date(s.endAt.getTime() + 80 * SEC));
    const closed = await s.bid(s.bob, 200);
    expect(closed.body.code).toBe("CAMPAIGN_ENDED");
  });

  it("anti-sniping never brings the end forward when the extension is shorter than the time left", async () => {
    const s = await setup({ antiSnipingSec: 120, extendBySec: 30 });
    s.t.clock.set(new Date(s.endAt.getTime() - 90 * SEC));
    await s.bid(s.alice, 100);
    expect(s.campaign().endAt).toEqual(s.endAt);
    s.t.clock.set(new Date(s.endAt.getTime() - 10 * SEC));
    await s.bid(s.bob, 110);
    expect(s.campaign().endAt).toEqual(new Date(s.endAt.getTime() + 20 * SEC));
  });
});

describe("auction settlement", () => {
  it("happens exactly once: one order, paid by the winner's hold, no second spend", async () => {
    const s = await setup();
    await s.bid(s.alice, 100);
    await s.bid(s.bob, 150);
    await s.bid(s.alice, 300);
    const productStock = s.t.db.select().from(products).where(eq(products.id, s.productId)).get()!.stock;

    s.t.clock.set(new Date(s.endAt.getTime() + SEC));
    advanceCampaigns(s.t.app.ctx);
    advanceCampaigns(s.t.app.ctx);
    expect(writeTx(s.t.db, (tx) => settleAuction(tx, s.t.app.ctx, s.c.id, s.t.clock.now()))).toBeNull();

    const won = s.t.db.select().from(orders).where(eq(orders.campaignId, s.c.id)).all();
    expect(won).toHaveLength(1);
    const hold = s.t.db.select().from(auctionBids).where(and(eq(auctionBids.campaignId, s.c.id), eq(auctionBids.status, "won"))).get()!;
    expect(won[0]).toMatchObject({ memberId: s.alice.member.id, source: "auction", pointsTotal: 300, spendEntryId: hold.holdEntryId, quantity: 1 });
    expect(balanceOf(s.t.db, s.alice.member.id)).toBe(700);
    expect(balanceOf(s.t.db, s.bob.member.id)).toBe(1000);
    const aliceTypes = s.t.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, s.alice.member.id)).all().map((e) => e.type);
    expect(aliceTypes.filter((x) => x === "spend")).toEqual([]);
    expect(aliceTypes.filter((x) => x === "hold")).toHaveLength(2);
    expect(s.campaign()).toMatchObject({ status: "ended", stockLeft: 0 });
    expect(s.campaign().settledAt).not.toBeNull();
    // The unit was set aside when scheduled: settlement takes nothing more from the product.
    expect(s.t.db.select().from(products).where(eq(products.id, s.productId)).get()!.stock).toBe(productStock);

    const state = (await s.alice.client.get(`/api/shop/campaigns/${s.c.id}/bids`)).body.auction;
    expect(state).toMatchObject({ status: "ended", settled: true, won: true, orderId: won[0].id, myHeld: 0 });
    expect(ledgerViolations(s.t.db)).toEqual([]);
  });

  it("with no bids, ends without an order and gives the unit set aside back to the product", async () => {
    const s = await setup();
    expect(s.t.db.select().from(products).where(eq(products.id, s.productId)).get()!.stock).toBe(4);
    s.t.clock.set(new Date(s.endAt.getTime() + SEC));
    advanceCampaigns(s.t.app.ctx);
    expect(s.t.db.select().from(orders).where(eq(orders.campaignId, s.c.id)).all()).toEqual([]);
    expect(s.t.db.select().from(products).where(eq(products.id, s.productId)).get()!.stock).toBe(5);
  });
});
