import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { DbOrTx } from "../../../db/client";
import { ledgerEntries, lotAllocations, members, pointLots } from "../../../db/schema";
import { DAY } from "../../lib/clock";
import { AppError } from "../../lib/errors";
import { writeTx } from "../../lib/tx";
import { buildTestApp, createMember, registerTestApp, setPointsPolicy, type TestApp } from "../../test/harness";
import { adjustPoints } from "./adjust";
import { expiryFor } from "./expiry";
import { credit, debit, expireDueForMember, hashRequest, ledgerViolations, restore, type Actor } from "./ledger";

const APP: Actor = { type: "app", id: "1" };
const JUNE = new Date("2026-06-30T16:00:00Z");
const DECEMBER = new Date("2026-12-31T16:00:00Z");

async function setup() {
  const t = await buildTestApp();
  const host = registerTestApp(t);
  const member = createMember(t, host.id, "u-1");
  const tx = <T>(fn: (tx: DbOrTx) => T) => writeTx(t.db, fn);
  const now = () => t.clock.now();
  const earn = (businessId: string, amount: number, expiresAt: Date | null) =>
    tx((x) => credit(x, now(), { type: "earn", amount, memberId: member.id, businessId, requestHash: hashRequest({ earn: businessId, amount }), actor: APP, expiresAt }));
  const spend = (businessId: string, amount: number) =>
    tx((x) => debit(x, now(), { type: "spend", amount, memberId: member.id, businessId, requestHash: hashRequest({ spend: businessId, amount }), actor: { type: "member", id: String(member.id) } }));
  const refund = (businessId: string, of: number, amount?: number) =>
    tx((x) => restore(x, now(), { type: "refund", of, amount, memberId: member.id, businessId, requestHash: hashRequest({ refund: businessId, of, amount }), actor: { type: "system", id: "orders" } }));
  return { t, host, member, tx, now, earn, spend, refund };
}

/** Everything the ledger holds, to compare before and after. */
function snapshot(t: TestApp) {
  return {
    entries: t.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.id)).all(),
    lots: t.db.select().from(pointLots).orderBy(asc(pointLots.id)).all(),
    allocations: t.db.select().from(lotAllocations).orderBy(asc(lotAllocations.id)).all(),
    members: t.db.select({ id: members.id, balance: members.balance }).from(members).all(),
  };
}

const balanceOf = (t: TestApp, id: number) => t.db.select({ b: members.balance }).from(members).where(eq(members.id, id)).get()!.b;
const lotsOf = (t: TestApp, memberId: number) => t.db.select().from(pointLots).where(eq(pointLots.memberId, memberId)).orderBy(asc(pointLots.id)).all();
const allocationsOf = (t: TestApp, entryId: number) =>
  t.db.select({ lotId: lotAllocations.lotId, amount: lotAllocations.amount, restored: lotAllocations.restored }).from(lotAllocations).where(eq(lotAllocations.entryId, entryId)).orderBy(asc(lotAllocations.id)).all();
const entriesOf = (t: TestApp, memberId: number) => t.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, memberId)).orderBy(asc(ledgerEntries.id)).all();

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected an AppError");
}

describe("credit", () => {
  it("adds an entry and a lot carrying the given expiry, and the balance after", async () => {
    const { t, member, earn, now } = await setup();
    const { entry, replayed } = earn("order-1", 120, JUNE);
    expect(replayed).toBe(false);
    expect(entry).toMatchObject({ memberId: member.id, type: "earn", amount: 120, balanceAfter: 120, businessId: "order-1", actorType: "app", actorId: "1" });
    expect(lotsOf(t, member.id)).toEqual([expect.objectContaining({ entryId: entry.id, amount: 120, remaining: 120, earnedAt: now(), expiresAt: JUNE, expiredAt: null })]);
    expect(balanceOf(t, member.id)).toBe(120);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("gives a positive adjustment a lot that expires as the points policy says", async () => {
    const { t, member, tx, now } = await setup();
    tx((x) => adjustPoints(x, t.app.ctx, { memberId: member.id, amount: 80, reason: "goodwill", businessId: "adj-1", staff: { id: 1, username: "op" } }, now()));
    // The default policy: the end of the year after the one the points were earned in (Shanghai).
    expect(lotsOf(t, member.id)[0]).toMatchObject({ amount: 80, expiresAt: new Date("2027-12-31T16:00:00Z") });

    setPointsPolicy(t, { expiry: { mode: "rolling", days: 90 } });
    tx((x) => adjustPoints(x, t.app.ctx, { memberId: member.id, amount: 20, reason: "goodwill", businessId: "adj-2", staff: { id: 1, username: "op" } }, now()));
    expect(lotsOf(t, member.id)[1]).toMatchObject({ amount: 20, expiresAt: new Date(now().getTime() + 90 * DAY) });
    expect(lotsOf(t, member.id)[1].expiresAt).toEqual(expiryFor({ mode: "rolling", days: 90 }, now()));
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it.each([0, -5, 1.5])("refuses %s points with 422 and writes nothing", async (amount) => {
    const { t, earn } = await setup();
    const before = snapshot(t);
    expect(failure(() => earn("bad", amount, null))).toMatchObject({ status: 422 });
    expect(snapshot(t)).toEqual(before);
  });

  it("returns 404 for an unknown member", async () => {
    const { t, tx, now } = await setup();
    const err = failure(() => tx((x) => credit(x, now(), { type: "earn", amount: 1, memberId: 999, businessId: "x", requestHash: "h", actor: APP, expiresAt: null })));
    expect(err.status).toBe(404);
    expect(t.count(ledgerEntries)).toBe(0);
  });
});

describe("debit", () => {
  it("takes from the lot that expires first and writes one allocation per lot", async () => {
    const { t, member, earn, spend } = await setup();
    const never = earn("e-never", 100, null);
    const december = earn("e-dec", 100, DECEMBER);
    const june = earn("e-jun", 100, JUNE);
    const lotId = (entryId: number) => lotsOf(t, member.id).find((l) => l.entryId === entryId)!.id;

    const { entry } = spend("order-9", 150);
    expect(entry).toMatchObject({ type: "spend", amount: -150, balanceAfter: 150 });
    expect(allocationsOf(t, entry.id)).toEqual([
      { lotId: lotId(june.entry.id), amount: 100, restored: 0 },
      { lotId: lotId(december.entry.id), amount: 50, restored: 0 },
    ]);
    expect(lotsOf(t, member.id).map((l) => [l.entryId, l.remaining])).toEqual([
      [never.entry.id, 100],
      [december.entry.id, 50],
      [june.entry.id, 0],
    ]);

    // Never-expiring points go last.
    const second = spend("order-10", 60);
    expect(allocationsOf(t, second.entry.id)).toEqual([
      { lotId: lotId(december.entry.id), amount: 50, restored: 0 },
      { lotId: lotId(never.entry.id), amount: 10, restored: 0 },
    ]);
    expect(balanceOf(t, member.id)).toBe(90);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("returns 409 INSUFFICIENT_POINTS and writes nothing when the balance does not cover it", async () => {
    const { t, member, earn, spend } = await setup();
    earn("e-1", 100, JUNE);
    const before = snapshot(t);
    const err = failure(() => spend("order-1", 101));
    expect(err).toMatchObject({ status: 409, code: "INSUFFICIENT_POINTS", details: { balance: 100, required: 101 } });
    expect(snapshot(t)).toEqual(before);
    expect(balanceOf(t, member.id)).toBe(100);
    // The business id was not used up: the same order can be paid once there are points.
    earn("e-2", 1, JUNE);
    expect(spend("order-1", 101).entry.amount).toBe(-101);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("can take the balance down to exactly 0, never below", async () => {
    const { t, member, earn, spend } = await setup();
    earn("e-1", 30, JUNE);
    expect(spend("s-1", 30).entry.balanceAfter).toBe(0);
    expect(failure(() => spend("s-2", 1)).code).toBe("INSUFFICIENT_POINTS");
    expect(balanceOf(t, member.id)).toBe(0);
    expect(ledgerViolations(t.db)).toEqual([]);
  });
});

describe("business ids", () => {
  it("answers a replay (same id, same request) with the first entry and changes nothing", async () => {
    const { t, earn, spend } = await setup();
    const first = earn("order-1", 100, JUNE);
    const firstSpend = spend("order-2", 40);
    const before = snapshot(t);

    const again = earn("order-1", 100, JUNE);
    expect(again).toEqual({ entry: first.entry, replayed: true });
    const spendAgain = spend("order-2", 40);
    expect(spendAgain).toEqual({ entry: firstSpend.entry, replayed: true });
    expect(snapshot(t)).toEqual(before);
  });

  it("returns 409 BUSINESS_ID_REUSED for the same id with a different request, and changes nothing", async () => {
    const { t, earn, spend } = await setup();
    const first = earn("order-1", 100, JUNE);
    const before = snapshot(t);
    expect(failure(() => earn("order-1", 101, JUNE))).toMatchObject({ status: 409, code: "BUSINESS_ID_REUSED", details: { businessId: "order-1", entryId: first.entry.id } });
    expect(failure(() => spend("order-1", 10)).code).toBe("BUSINESS_ID_REUSED");
    expect(snapshot(t)).toEqual(before);
  });

  it("keeps business ids apart per app: the same id from two apps is two changes", async () => {
    const { t, earn, tx, now } = await setup();
    const other = registerTestApp(t, { key: "other-app" });
    const stranger = createMember(t, other.id, "u-1");
    earn("order-1", 100, JUNE);
    const theirs = tx((x) => credit(x, now(), { type: "earn", amount: 100, memberId: stranger.id, businessId: "order-1", requestHash: hashRequest({ earn: "order-1", amount: 100 }), actor: APP, expiresAt: JUNE }));
    expect(theirs.replayed).toBe(false);
    expect(t.count(ledgerEntries)).toBe(2);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("hashes requests by content, whatever the key order", () => {
    expect(hashRequest({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(hashRequest({ b: { d: [1, 2], c: 2 }, a: 1 }));
    expect(hashRequest({ a: 1, b: undefined })).toBe(hashRequest({ a: 1 }));
    expect(hashRequest({ a: 1 })).not.toBe(hashRequest({ a: 2 }));
    expect(hashRequest({ a: [1, 2] })).not.toBe(hashRequest({ a: [2, 1] }));
  });
});

describe("restore (refund of a spend)", () => {
  /** 100 points expiring in June, 100 in December; a spend of 150 takes June's 100 and 50 of December's. */
  async function spent() {
    const s = await setup();
    s.earn("e-jun", 100, JUNE);
    s.earn("e-dec", 100, DECEMBER);
    const order = s.spend("order-1", 150).entry;
    return { ...s, order };
  }

  it("returns the whole spend as new lots that keep the original expiries", async () => {
    const { t, member, order, refund } = await spent();
    const { entry } = refund("refund-1", order.id);
    expect(entry).toMatchObject({ type: "refund", amount: 150, balanceAfter: 200, refEntryId: order.id });
    const restored = lotsOf(t, member.id).filter((l) => l.entryId === entry.id);
    expect(restored.map((l) => [l.amount, l.remaining, l.expiresAt])).toEqual([
      [50, 50, DECEMBER],
      [100, 100, JUNE],
    ]);
    // Each restored lot keeps the earning time of the lot it came from.
    expect(restored.every((l) => l.earnedAt.getTime() === t.clock.now().getTime())).toBe(true);
    expect(allocationsOf(t, order.id).map((a) => a.restored)).toEqual([100, 50]);
    expect(balanceOf(t, member.id)).toBe(200);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("refunds in parts, later-expiring points first, and refuses more than is left with 409 NOTHING_TO_RESTORE", async () => {
    const { t, member, order, refund } = await spent();
    const part = refund("refund-1", order.id, 60).entry;
    expect(lotsOf(t, member.id).filter((l) => l.entryId === part.id).map((l) => [l.amount, l.expiresAt])).toEqual([
      [50, DECEMBER],
      [10, JUNE],
    ]);
    expect(balanceOf(t, member.id)).toBe(110);

    const before = snapshot(t);
    expect(failure(() => refund("refund-2", order.id, 91))).toMatchObject({ status: 409, code: "NOTHING_TO_RESTORE", details: { restorable: 90, requested: 91 } });
    expect(snapshot(t)).toEqual(before);

    const rest = refund("refund-3", order.id).entry;
    expect(rest.amount).toBe(90);
    expect(lotsOf(t, member.id).filter((l) => l.entryId === rest.id).map((l) => [l.amount, l.expiresAt])).toEqual([[90, JUNE]]);
    expect(failure(() => refund("refund-4", order.id, 1)).code).toBe("NOTHING_TO_RESTORE");
    expect(failure(() => refund("refund-5", order.id)).status).toBe(422);
    expect(balanceOf(t, member.id)).toBe(200);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("answers a replayed refund with the first entry", async () => {
    const { t, order, refund } = await spent();
    const first = refund("refund-1", order.id, 30);
    const before = snapshot(t);
    expect(refund("refund-1", order.id, 30)).toEqual({ entry: first.entry, replayed: true });
    expect(snapshot(t)).toEqual(before);
  });

  it("returns 404 for an entry that is not this member's spend", async () => {
    const { t, host, order, tx, now, earn } = await spent();
    const credited = earn("e-x", 5, null).entry;
    const other = createMember(t, host.id, "u-2");
    expect(failure(() => tx((x) => restore(x, now(), { type: "refund", of: order.id, memberId: other.id, businessId: "r", requestHash: "r", actor: APP }))).status).toBe(404);
    const { refund } = { refund: (of: number) => tx((x) => restore(x, now(), { type: "refund", of, memberId: order.memberId, businessId: "r2", requestHash: "r2", actor: APP })) };
    expect(failure(() => refund(credited.id)).status).toBe(404);
    expect(failure(() => refund(99_999)).status).toBe(404);
  });

  it("expires at once the refunded points whose expiry has passed", async () => {
    const { t, member, order, refund } = await spent();
    t.clock.set(new Date(JUNE.getTime() + DAY));
    const { entry } = refund("refund-1", order.id);
    expect(entry.amount).toBe(150);
    const entries = entriesOf(t, member.id).slice(-2);
    // The December 50 stay; the June 100 come back and go at once.
    expect(entries.map((e) => [e.type, e.amount])).toEqual([
      ["refund", 150],
      ["expire", -100],
    ]);
    const restored = lotsOf(t, member.id).filter((l) => l.entryId === entry.id);
    expect(restored.map((l) => [l.amount, l.remaining, l.expiresAt, l.expiredAt])).toEqual([
      [50, 50, DECEMBER, null],
      [100, 0, JUNE, t.clock.now()],
    ]);
    expect(balanceOf(t, member.id)).toBe(100);
    expect(ledgerViolations(t.db)).toEqual([]);
  });
});

describe("expiry", () => {
  it("writes one expire entry per due lot, with the system as actor, and closes the lots", async () => {
    const { t, member, earn, spend, tx, now } = await setup();
    earn("e-1", 100, JUNE);
    earn("e-2", 40, JUNE);
    earn("e-3", 70, DECEMBER);
    spend("s-1", 30);
    t.clock.set(JUNE);

    const expired = tx((x) => expireDueForMember(x, now(), member.id));
    expect(expired).toBe(2);
    const lots = lotsOf(t, member.id);
    const expires = entriesOf(t, member.id).filter((e) => e.type === "expire");
    expect(expires.map((e) => [e.amount, e.businessId, e.actorType, e.actorId, e.reason])).toEqual([
      [-70, `pm:expire:lot:${lots[0].id}`, "system", "expiry", "points expired"],
      [-40, `pm:expire:lot:${lots[1].id}`, "system", "expiry", "points expired"],
    ]);
    expect(lots.map((l) => [l.remaining, l.expiredAt])).toEqual([
      [0, JUNE],
      [0, JUNE],
      [70, null],
    ]);
    expect(allocationsOf(t, expires[0].id)).toEqual([{ lotId: lots[0].id, amount: 70, restored: 0 }]);
    expect(balanceOf(t, member.id)).toBe(70);

    // A lot expires once.
    expect(tx((x) => expireDueForMember(x, now(), member.id))).toBe(0);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("keeps a lot until its expiry instant (exclusive) and skips never-expiring and empty lots", async () => {
    const { t, member, earn, spend, tx, now } = await setup();
    earn("e-1", 10, JUNE);
    earn("e-2", 10, null);
    earn("e-3", 5, DECEMBER);
    spend("s-1", 10);
    t.clock.set(new Date(JUNE.getTime() - 1));
    expect(tx((x) => expireDueForMember(x, now(), member.id))).toBe(0);
    t.clock.set(new Date("2030-01-01T00:00:00Z"));
    expect(tx((x) => expireDueForMember(x, now(), member.id))).toBe(1);
    expect(balanceOf(t, member.id)).toBe(10);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("expires due lots before a debit, so expired points cannot be spent", async () => {
    const { t, member, earn, spend } = await setup();
    earn("e-jun", 100, JUNE);
    earn("e-dec", 50, DECEMBER);
    t.clock.set(new Date(JUNE.getTime() + 1));
    // The balance column still says 150 (no sweep ran) ...
    expect(balanceOf(t, member.id)).toBe(150);
    // ... but a spend of 120 is refused, and the refusal rolls back the lazy expiry with it.
    const before = snapshot(t);
    expect(failure(() => spend("s-1", 120)).code).toBe("INSUFFICIENT_POINTS");
    expect(snapshot(t)).toEqual(before);

    const { entry } = spend("s-2", 50);
    expect(entriesOf(t, member.id).slice(-2).map((e) => [e.type, e.amount, e.balanceAfter])).toEqual([
      ["expire", -100, 50],
      ["spend", -50, 0],
    ]);
    expect(allocationsOf(t, entry.id)).toEqual([{ lotId: lotsOf(t, member.id)[1].id, amount: 50, restored: 0 }]);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("expires due lots before a credit too, so the balance after is right", async () => {
    const { t, member, earn } = await setup();
    earn("e-1", 100, JUNE);
    t.clock.set(DECEMBER);
    expect(earn("e-2", 5, null).entry.balanceAfter).toBe(5);
    expect(entriesOf(t, member.id).map((e) => e.type)).toEqual(["earn", "expire", "earn"]);
    expect(ledgerViolations(t.db)).toEqual([]);
  });
});

describe("the ledger is append-only", () => {
  it("never updates or deletes an entry, whatever happens after it", async () => {
    const { t, member, earn, spend, refund, tx, now } = await setup();
    earn("e-1", 100, JUNE);
    earn("e-2", 100, DECEMBER);
    const order = spend("s-1", 120).entry;
    const early = t.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.id)).all();

    refund("r-1", order.id, 20);
    earn("e-1", 100, JUNE); // a replay
    failure(() => spend("s-2", 10_000));
    failure(() => earn("e-2", 1, null));
    t.clock.set(new Date(JUNE.getTime() + DAY));
    tx((x) => expireDueForMember(x, now(), member.id));
    refund("r-2", order.id);
    spend("s-3", 5);

    const later = t.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.id)).all();
    expect(later.slice(0, early.length)).toEqual(early);
    expect(later.length).toBeGreaterThan(early.length);
    // Each entry's balanceAfter is the running sum of the member's ledger.
    let running = 0;
    for (const e of later) {
      running += e.amount;
      expect(e.balanceAfter).toBe(running);
    }
    expect(balanceOf(t, member.id)).toBe(running);
    expect(ledgerViolations(t.db)).toEqual([]);
  });
});

describe("ledgerViolations", () => {
  it("reports a member whose balance column disagrees with the ledger or the lots", async () => {
    const { t, member, earn } = await setup();
    earn("e-1", 100, JUNE);
    expect(ledgerViolations(t.db)).toEqual([]);
    t.db.update(members).set({ balance: 90 }).where(eq(members.id, member.id)).run();
    expect(ledgerViolations(t.db)).toEqual([{ memberId: member.id, balance: 90, ledgerSum: 100, lotSum: 100, negativeLots: 0 }]);
    expect(ledgerViolations(t.db, member.id)).toHaveLength(1);
    t.db.update(members).set({ balance: 100 }).where(eq(members.id, member.id)).run();
    t.db.update(pointLots).set({ remaining: 101 }).where(eq(pointLots.memberId, member.id)).run();
    expect(ledgerViolations(t.db)).toEqual([{ memberId: member.id, balance: 100, ledgerSum: 100, lotSum: 101, negativeLots: 1 }]);
  });
});
