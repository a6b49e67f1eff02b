import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ledgerEntries, members, pointReviews } from "../../../db/schema";
import { DAY, HOUR } from "../../lib/clock";
import { AppError } from "../../lib/errors";
import { signedHeaders } from "../../lib/signing";
import { writeTx } from "../../lib/tx";
import { buildTestApp, createMember, createTestRule, registerTestApp, setPointsPolicy, type TestApp } from "../../test/harness";
import { adjustPoints } from "./adjust";
import { processEvent, type EventResult } from "./events";
import { credit, debit, hashRequest, ledgerViolations, restore } from "./ledger";
import { approveReview, rejectReview } from "./reviews";
import { sweepExpired } from "./sweeps";

/** A small seeded PRNG (mulberry32): the same seed plays the same sequence. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

function appError(fn: () => unknown): AppError | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
}

/* ---------------- A model of the ledger, written independently of it ---------------- */

interface ModelLot {
  remaining: number;
  expiresAt: number | null;
  seq: number;
}
interface ModelAllocation {
  lot: ModelLot;
  amount: number;
  restored: number;
  seq: number;
}
interface ModelMember {
  id: number;
  externalId: string;
  lots: ModelLot[];
}

class Model {
  private lotSeq = 0;
  private allocationSeq = 0;
  readonly spends = new Map<number, { member: ModelMember; allocations: ModelAllocation[] }>();

  private static live(l: ModelLot, now: number) {
    return l.remaining > 0 && (l.expiresAt === null || l.expiresAt > now);
  }

  available(m: ModelMember, now: number) {
    return m.lots.filter((l) => Model.live(l, now)).reduce((s, l) => s + l.remaining, 0);
  }

  addLot(m: ModelMember, amount: number, expiresAt: number | null) {
    m.lots.push({ remaining: amount, expiresAt, seq: ++this.lotSeq });
  }

  /** FIFO by expiry (never-expiring last), then oldest first. */
  take(m: ModelMember, amount: number, now: number): ModelAllocation[] {
    const order = m.lots.filter((l) => Model.live(l, now)).sort((a, b) => (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity) || a.seq - b.seq);
    const allocations: ModelAllocation[] = [];
    let left = amount;
    for (const lot of order) {
      if (left === 0) break;
      const n = Math.min(lot.remaining, left);
      lot.remaining -= n;
      left -= n;
      allocations.push({ lot, amount: n, restored: 0, seq: ++this.allocationSeq });
    }
    if (left !== 0) throw new Error("model: take beyond the available points");
    return allocations;
  }

  restorable(entryId: number) {
    return this.spends.get(entryId)!.allocations.reduce((s, a) => s + a.amount - a.restored, 0);
  }

  /** Gives back later-expiring points first, as new lots keeping the original expiry. */
  restore(entryId: number, amount: number) {
    const spend = this.spends.get(entryId)!;
    const order = [...spend.allocations].sort((a, b) => (b.lot.expiresAt ?? Number.MAX_SAFE_INTEGER) - (a.lot.expiresAt ?? Number.MAX_SAFE_INTEGER) || b.seq - a.seq);
    let left = amount;
    for (const a of order) {
      if (left === 0) break;
      const n = Math.min(a.amount - a.restored, left);
      if (n <= 0) continue;
      a.restored += n;
      left -= n;
      this.addLot(spend.member, n, a.lot.expiresAt);
    }
  }
}

/** The points a member can use now, as the database holds them (lots not yet swept count only if still valid). */
function liveInDb(t: TestApp, memberId: number): number {
  return t.db.get<{ n: number }>(
    sql`select coalesce(sum(remaining), 0) as n from point_lots where member_id = ${memberId} and expired_at is null and (expires_at is null or expires_at > ${t.clock.now().getTime()})`,
  ).n;
}

describe("simulation: a seeded random sequence of ledger operations", () => {
  it("keeps balance = Σ ledger = Σ unexpired lots ≥ 0 and agrees with an independent model after every step", async () => {
    const STEPS = 3000;
    const MEMBERS = 50;
    const rnd = prng(20260115);
    const t = await buildTestApp();
    const ctx = t.app.ctx;
    const host = registerTestApp(t);
    setPointsPolicy(t, { expiry: { mode: "rolling", days: 30 }, riskThreshold: 800 });
    createTestRule(t, "purchase", { award: { kind: "purchaseRatio", points: 1, perCents: 100 } });
    const staff = { id: 1, username: "sim" };
    const now = () => t.clock.now();
    const nowMs = () => t.clock.now().getTime();

    const model = new Model();
    const people: ModelMember[] = Array.from({ length: MEMBERS }, (_, i) => {
      const row = createMember(t, host.id, `m-${i}`);
      return { id: row.id, externalId: row.externalId, lots: [] };
    });
    const byId = new Map(people.map((m) => [m.id, m]));
    const spendIds: number[] = [];
    const pendingReviews: number[] = [];
    /** Successful changes, to replay: each returns the entry id it answers with. */
    const done: { replay: () => number | null; entryId: number | null; conflicting?: () => unknown }[] = [];
    const tally: Record<string, number> = {};
    const count = (what: string) => (tally[what] = (tally[what] ?? 0) + 1);
    let seq = 0;

    const check = (touched: number[]) => {
      for (const id of touched) {
        expect(ledgerViolations(t.db, id), `invariant for member ${id} at step ${seq}`).toEqual([]);
        expect(liveInDb(t, id), `model for member ${id} at step ${seq}`).toBe(model.available(byId.get(id)!, nowMs()));
      }
    };
    const checkAll = () => {
      expect(ledgerViolations(t.db), `invariant at step ${seq}`).toEqual([]);
      for (const m of people) expect(liveInDb(t, m.id), `model for member ${m.id} at step ${seq}`).toBe(model.available(m, nowMs()));
    };

    for (seq = 1; seq <= STEPS; seq++) {
      t.clock.advance(rnd.chance(0.01) ? rnd.int(10, 40) * DAY : rnd.int(0, 6 * HOUR));
      const m = rnd.pick(people);
      const roll = rnd.next();
      const touched = [m.id];

      if (roll < 0.25) {
        // earn through the rules: a purchase of ¥1–¥1200 (1 point per ¥1, tier multipliers apply)
        const input = { type: "purchase", memberId: m.externalId, businessId: `evt-${seq}`, amount: rnd.int(100, 120_000) };
        const { result } = processEvent(ctx, host, input);
        if (result.outcome === "held") {
          pendingReviews.push(result.reviewId!);
          count("held");
        } else {
          expect(result.outcome).toBe("granted");
          model.addLot(m, result.points, nowMs() + 30 * DAY);
          count("earn");
        }
        done.push({
          entryId: result.entryId,
          replay: () => {
            const again = processEvent(ctx, host, input);
            expect(again).toEqual({ result, replayed: true });
            return again.result.entryId;
          },
          conflicting: () => processEvent(ctx, host, { ...input, amount: input.amount + 1 }),
        });
      } else if (roll < 0.35) {
        // earn with an expiry of its own (a campaign prize, a grant that never expires ...)
        const amount = rnd.int(1, 400);
        const expiresAt = rnd.chance(0.2) ? null : nowMs() + rnd.int(1, 90 * 24) * HOUR;
        const change = { type: "earn" as const, amount, memberId: m.id, businessId: `grant-${seq}`, requestHash: hashRequest({ grant: seq, amount }), actor: { type: "system" as const, id: "sim" }, expiresAt: expiresAt === null ? null : new Date(expiresAt) };
        const { entry } = writeTx(t.db, (tx) => credit(tx, now(), change));
        model.addLot(m, amount, expiresAt);
        count("grant");
        done.push({
          entryId: entry.id,
          replay: () => writeTx(t.db, (tx) => credit(tx, now(), change)).entry.id,
          conflicting: () => writeTx(t.db, (tx) => credit(tx, now(), { ...change, amount: amount + 1, requestHash: hashRequest({ grant: seq, amount: amount + 1 }) })),
        });
      } else if (roll < 0.6) {
        // spend: sometimes more than the member has
        const available = model.available(m, nowMs());
        const amount = rnd.int(1, Math.floor(available * 1.3) + 20);
        const change = { type: "spend" as const, amount, memberId: m.id, businessId: `order-${seq}`, requestHash: hashRequest({ order: seq, amount }), actor: { type: "member" as const, id: String(m.id) } };
        let entryId = 0;
        const err = appError(() => (entryId = writeTx(t.db, (tx) => debit(tx, now(), change)).entry.id));
        if (amount > available) {
          expect(err?.code, `spend of ${amount} with ${available} available`).toBe("INSUFFICIENT_POINTS");
          count("overdraw refused");
        } else {
          expect(err).toBeNull();
          model.spends.set(entryId, { member: m, allocations: model.take(m, amount, nowMs()) });
          spendIds.push(entryId);
          count("spend");
          done.push({ entryId, replay: () => writeTx(t.db, (tx) => debit(tx, now(), change)).entry.id });
        }
      } else if (roll < 0.72 && spendIds.length) {
        // refund (part of) an earlier spend: sometimes more than is left
        const of = rnd.pick(spendIds);
        const owner = model.spends.get(of)!.member;
        touched[0] = owner.id;
        const left = model.restorable(of);
        const mode = rnd.next();
        const amount = mode < 0.4 ? undefined : mode < 0.9 ? rnd.int(1, Math.max(1, left)) : left + 1;
        const change = { type: "refund" as const, of, amount, memberId: owner.id, businessId: `refund-${seq}`, requestHash: hashRequest({ refund: seq, of, amount }), actor: { type: "system" as const, id: "orders" } };
        let entryId = 0;
        const err = appError(() => (entryId = writeTx(t.db, (tx) => restore(tx, now(), change)).entry.id));
        const wanted = amount ?? left;
        if (wanted > left || wanted === 0) {
          expect(err?.code, `refund of ${amount} with ${left} left`).toBe(wanted === 0 ? "VALIDATION_FAILED" : "NOTHING_TO_RESTORE");
          count("over-refund refused");
        } else {
          expect(err).toBeNull();
          model.restore(of, wanted);
          count("refund");
          done.push({ entryId, replay: () => writeTx(t.db, (tx) => restore(tx, now(), change)).entry.id });
        }
      } else if (roll < 0.84) {
        // a staff adjustment, either way; above the risk threshold (800) it waits for review
        const amount = rnd.chance(0.5) ? rnd.int(1, 1000) : -rnd.int(1, 1000);
        const req = { memberId: m.id, amount, reason: "sim", businessId: `adj-${seq}`, staff };
        const available = model.available(m, nowMs());
        let outcome: ReturnType<typeof adjustPoints> | undefined;
        const err = appError(() => (outcome = writeTx(t.db, (tx) => adjustPoints(tx, ctx, req, now()))));
        if (Math.abs(amount) > 800) {
          expect(outcome?.status).toBe("held");
          pendingReviews.push((outcome as { reviewId: number }).reviewId);
          count("held");
        } else if (amount < 0 && -amount > available) {
          expect(err?.code).toBe("INSUFFICIENT_POINTS");
          count("overdraw refused");
        } else {
          expect(outcome?.status).toBe("applied");
          if (amount > 0) model.addLot(m, amount, nowMs() + 30 * DAY);
          else model.take(m, -amount, nowMs());
          count("adjust");
          const entryId = outcome!.status === "applied" ? outcome!.entry.id : null;
          done.push({
            entryId,
            replay: () => {
              const again = writeTx(t.db, (tx) => adjustPoints(tx, ctx, req, now()));
              expect(again.replayed).toBe(true);
              return again.status === "applied" ? again.entry.id : null;
            },
          });
        }
      } else if (roll < 0.9 && pendingReviews.length) {
        // an operator decides a held change
        const id = pendingReviews[rnd.int(0, pendingReviews.length - 1)];
        const review = t.db.select().from(pointReviews).where(eq(pointReviews.id, id)).get()!;
        const owner = byId.get(review.memberId)!;
        touched[0] = owner.id;
        if (rnd.chance(0.3)) {
          writeTx(t.db, (tx) => rejectReview(tx, id, staff, "sim", now()));
          pendingReviews.splice(pendingReviews.indexOf(id), 1);
          count("rejected");
        } else {
          const available = model.available(owner, nowMs());
          const err = appError(() => writeTx(t.db, (tx) => approveReview(tx, ctx, id, staff, "sim", now())));
          if (review.amount < 0 && -review.amount > available) {
            expect(err?.code).toBe("INSUFFICIENT_POINTS");
            expect(t.db.select().from(pointReviews).where(eq(pointReviews.id, id)).get()!.status).toBe("pending");
            count("approval refused");
          } else {
            expect(err).toBeNull();
            if (review.amount > 0) model.addLot(owner, review.amount, nowMs() + 30 * DAY);
            else model.take(owner, -review.amount, nowMs());
            pendingReviews.splice(pendingReviews.indexOf(id), 1);
            count("approved");
          }
        }
      } else if (roll < 0.96 && done.length) {
        // a replay of an earlier change: the first answer, nothing written
        const prior = rnd.pick(done);
        const entries = t.count(ledgerEntries);
        if (prior.conflicting && rnd.chance(0.3)) {
          expect(appError(prior.conflicting)?.code).toBe("BUSINESS_ID_REUSED");
          count("reuse refused");
        } else {
          expect(prior.replay()).toBe(prior.entryId);
          count("replay");
        }
        expect(t.count(ledgerEntries)).toBe(entries);
      } else {
        // the expiry sweep
        const before = t.count(ledgerEntries);
        const swept = sweepExpired(ctx);
        expect(t.count(ledgerEntries) - before).toBe(swept.lots);
        if (swept.lots) count("sweep with expiries");
        checkAll();
        continue;
      }
      check(touched);
      if (seq % 200 === 0) checkAll();
    }

    t.clock.advance(120 * DAY);
    sweepExpired(ctx);
    checkAll();
    // Every kind of operation happened, many times.
    for (const what of ["earn", "grant", "spend", "overdraw refused", "refund", "over-refund refused", "adjust", "held", "approved", "rejected", "replay", "reuse refused", "sweep with expiries"])
      expect(tally[what] ?? 0, what).toBeGreaterThan(10);
    const expired = t.db.select({ n: sql<number>`count(*)` }).from(ledgerEntries).where(eq(ledgerEntries.type, "expire")).get()!.n;
    expect(expired).toBeGreaterThan(100);
    // Only never-expiring grants survive 120 days of silence.
    for (const m of people) expect(t.db.select({ b: members.balance }).from(members).where(eq(members.id, m.id)).get()!.b).toBe(model.available(m, nowMs()));
  });
});

/* ---------------- The same, concurrently, over real HTTP ---------------- */

interface Sent {
  group: string;
  variant: string;
  kind: "event" | "adjust";
  memberId: string;
  status: number;
  body: any;
  replayHeader: string | null;
}

describe("simulation: concurrent signed events and staff adjustments over HTTP", () => {
  it("keeps the invariant, writes each business id at most once and answers replays identically", async () => {
    const rnd = prng(4242);
    const t = await buildTestApp();
    const host = registerTestApp(t);
    createTestRule(t, "purchase", { award: { kind: "purchaseRatio", points: 1, perCents: 100 } });
    createTestRule(t, "share", { award: { kind: "fixed", points: 20 } });
    setPointsPolicy(t, { riskThreshold: 1_000_000 });
    const operator = await t.signIn("operator");

    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const MEMBERS = 8;
      const externalIds = Array.from({ length: MEMBERS }, (_, i) => `c-${i}`);
      // Members exist before the storm so staff can adjust them by id.
      const memberIds = new Map(externalIds.map((e) => [e, createMember(t, host.id, e).id]));

      let nonce = 0;
      const postEvent = async (group: string, variant: string, event: Record<string, unknown>): Promise<Sent> => {
        const path = "/api/open/v1/events";
        const body = JSON.stringify(event);
        const headers = signedHeaders(host.key, host.secret, "POST", path, body, t.clock.now(), `concurrent-${++nonce}`);
        const res = await fetch(base + path, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });
        return { group, variant, kind: "event", memberId: String(event.memberId), status: res.status, body: await res.json(), replayHeader: res.headers.get("idempotent-replay") };
      };
      const postAdjust = async (group: string, variant: string, memberId: string, amount: number): Promise<Sent> => {
        const res = await fetch(`${base}/api/admin/members/${memberIds.get(memberId)}/adjust`, {
          method: "POST",
          headers: { cookie: operator.cookie, origin: base, "content-type": "application/json", "idempotency-key": group },
          body: JSON.stringify({ amount, reason: "concurrent adjustment" }),
        });
        return { group, variant, kind: "adjust", memberId, status: res.status, body: await res.json(), replayHeader: null };
      };

      const calls: (() => Promise<Sent>)[] = [];
      for (let i = 0; i < 160; i++) {
        const memberId = rnd.pick(externalIds);
        const share = rnd.chance(0.3);
        const event = share ? { type: "share", memberId, businessId: `ev-${i}` } : { type: "purchase", memberId, businessId: `ev-${i}`, amount: rnd.int(100, 50_000) };
        const copies = rnd.chance(0.25) ? rnd.int(2, 4) : 1;
        for (let c = 0; c < copies; c++) calls.push(() => postEvent(`ev-${i}`, "a", event));
        // Now and then the host sends different content under the same business id.
        if (rnd.chance(0.05)) calls.push(() => postEvent(`ev-${i}`, "b", { ...event, type: "purchase", amount: 99_999 }));
      }
      for (let i = 0; i < 80; i++) {
        const memberId = rnd.pick(externalIds);
        // Half of them take points, many more than the member has.
        const amount = rnd.chance(0.5) ? rnd.int(1, 300) : -rnd.int(1, 900);
        const copies = rnd.chance(0.25) ? rnd.int(2, 3) : 1;
        for (let c = 0; c < copies; c++) calls.push(() => postAdjust(`adj-${i}`, "a", memberId, amount));
      }
      // Shuffle, then fire everything at once.
      for (let i = calls.length - 1; i > 0; i--) {
        const j = rnd.int(0, i);
        [calls[i], calls[j]] = [calls[j], calls[i]];
      }
      const sent = await Promise.all(calls.map((call) => call()));
      expect(sent.length).toBeGreaterThan(250);

      // No answer is a server error or a busy database.
      expect(sent.filter((s) => ![200, 409].includes(s.status)).map((s) => [s.status, s.body])).toEqual([]);

      // The invariant holds for every member and no balance is negative.
      expect(ledgerViolations(t.db)).toEqual([]);
      const balances = t.db.select({ balance: members.balance }).from(members).all();
      expect(balances.every((m) => m.balance >= 0)).toBe(true);

      // Each business id produced at most one ledger entry.
      const dupes = t.db.all(sql`select business_id from ledger_entries group by app_id, business_id having count(*) > 1`);
      expect(dupes).toEqual([]);

      const groups = new Map<string, Sent[]>();
      for (const s of sent) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
      let replays = 0;
      let refusals = 0;
      for (const [group, answers] of groups) {
        const ok = answers.filter((a) => a.status === 200);
        if (answers[0].kind === "event") {
          // One content wins the business id; every copy of it gets the same answer, the other content a 409.
          expect(ok.length, group).toBeGreaterThan(0);
          const winner = ok[0].variant;
          for (const a of answers) {
            if (a.variant === winner) {
              expect(a.status, group).toBe(200);
              expect(a.body, group).toEqual(ok[0].body);
            } else expect([a.status, a.body.code], group).toEqual([409, "BUSINESS_ID_REUSED"]);
          }
          const winners = answers.filter((a) => a.variant === winner);
          expect(winners.filter((a) => a.replayHeader === null), group).toHaveLength(1);
          replays += winners.length - 1;
          const entries = t.db.select().from(ledgerEntries).where(eq(ledgerEntries.businessId, group)).all();
          expect(entries.map((e) => e.id), group).toEqual(ok[0].body.entryId === null ? [] : [ok[0].body.entryId]);
        } else {
          // An adjustment retried with the same Idempotency-Key is applied at most once.
          const fresh = ok.filter((a) => !a.body.replayed);
          expect(fresh.length, group).toBeLessThanOrEqual(1);
          expect(new Set(ok.map((a) => a.body.entryId)).size, group).toBeLessThanOrEqual(1);
          for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code, group).toBe("INSUFFICIENT_POINTS");
          refusals += answers.filter((x) => x.status === 409).length;
          replays += ok.length - fresh.length;
          // Staff adjustment keys are stored under their own "staff:" prefix.
          const entries = t.db.select().from(ledgerEntries).where(eq(ledgerEntries.businessId, `staff:${group}`)).all();
          expect(entries.map((e) => e.id), group).toEqual(fresh.map((a) => a.body.entryId));
        }
      }
      expect(replays).toBeGreaterThan(20);
      expect(refusals).toBeGreaterThan(5);

      // What the answers say was granted is exactly what the ledger holds.
      const granted = [...groups.values()].flatMap((answers) => {
        const first = answers.find((a) => a.status === 200 && (a.kind === "event" ? a.replayHeader === null : !a.body.replayed));
        if (!first) return [];
        if (first.kind === "event") return first.body.entryId ? [(first.body as EventResult).points] : [];
        return [t.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, first.body.entryId)).get()!.amount];
      });
      const ledgerSum = t.db.get<{ n: number }>(sql`select coalesce(sum(amount), 0) as n from ledger_entries`).n;
      expect(ledgerSum).toBe(granted.reduce((s, n) => s + n, 0));
      expect(balances.reduce((s, m) => s + m.balance, 0)).toBe(ledgerSum);

      // Each member's ledger is a running sum: balanceAfter follows from the entries before it.
      for (const id of memberIds.values()) {
        let running = 0;
        for (const e of t.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, id)).orderBy(asc(ledgerEntries.id)).all()) {
          running += e.amount;
          expect(e.balanceAfter).toBe(running);
        }
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
