import { and, asc, desc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import type { Db, DbOrTx } from "../../../db/client";
import { ledgerEntries, lotAllocations, members, NEVER_MS, pointLots, type LedgerType } from "../../../db/schema";
import { conflict, notFound, unprocessable } from "../../lib/errors";
import { prepared, rawStatement } from "../../../db/prepared";
import { planTake, type OpenLot } from "./fifo";

/**
 * The points ledger. Every function here runs inside the caller's synchronous transaction
 * (see writeTx) and keeps, for each member:
 *
 *   members.balance = Σ ledger_entries.amount = Σ point_lots.remaining (unexpired) ≥ 0
 *
 * Entries are only ever inserted. A business id is unique per app: the same id with the same
 * request is a replay (the first entry is returned, nothing changes); with a different request it
 * is a 409.
 */

export interface Actor {
  type: "staff" | "app" | "system" | "member";
  id: string;
}

export interface ChangeBase {
  memberId: number;
  businessId: string;
  /** From hashRequest(): what was asked, to tell a replay from a reuse of the business id. */
  requestHash: string;
  reason?: string;
  actor: Actor;
  ruleId?: number | null;
  ruleVersion?: number | null;
  orderId?: number | null;
  campaignId?: number | null;
}

export type Entry = typeof ledgerEntries.$inferSelect;
export interface Applied {
  entry: Entry;
  replayed: boolean;
}

/** A stable SHA-256 over a request's meaningful fields (key order does not matter). */
export function hashRequest(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : Array.isArray(v)
        ? v.map(canonical)
        : v;
  return createHash("sha256").update(JSON.stringify(canonical(value))).digest("hex");
}

const p = sql.placeholder;

/** The statements every ledger change runs, prepared once per connection. */
const q = (tx: DbOrTx) =>
  prepared(tx, "ledger", (db) => ({
    member: db.select({ id: members.id, appId: members.appId, balance: members.balance }).from(members).where(eq(members.id, p("id"))).prepare(),
    prior: db.select().from(ledgerEntries).where(and(eq(ledgerEntries.appId, p("appId")), eq(ledgerEntries.businessId, p("businessId")))).prepare(),
    setBalance: db.update(members).set({ balance: sql`${p("balance")}`, updatedAt: sql`${p("now")}` }).where(eq(members.id, p("id"))).prepare(),
    insertEntry: db
      .insert(ledgerEntries)
      .values({
        appId: p("appId"),
        memberId: p("memberId"),
        type: p("type"),
        amount: p("amount"),
        balanceAfter: p("balanceAfter"),
        businessId: p("businessId"),
        requestHash: p("requestHash"),
        reason: p("reason"),
        actorType: p("actorType"),
        actorId: p("actorId"),
        ruleId: p("ruleId"),
        ruleVersion: p("ruleVersion"),
        orderId: p("orderId"),
        campaignId: p("campaignId"),
        refEntryId: p("refEntryId"),
        createdAt: p("createdAt"),
      })
      // No RETURNING: SQLite buffers returned rows in a temporary table, which cost more than the
      // insert itself. The entry is what was written, with the new rowid (see insertEntry).
      .prepare(),
    insertLot: db
      .insert(pointLots)
      // expiresAt may be null, which the column's Date mapping cannot take: it goes in as epoch ms.
      .values({ memberId: p("memberId"), entryId: p("entryId"), amount: p("amount"), remaining: p("amount"), earnedAt: p("earnedAt"), expiresAt: sql`${p("expiresAtMs")}` })
      .prepare(),

    takeFromLot: db
      .update(pointLots)
      .set({ remaining: sql`${pointLots.remaining} - ${p("amount")}` })
      .where(and(eq(pointLots.id, p("lotId")), sql`${pointLots.remaining} >= ${p("amount")}`))
      .prepare(),
    insertAllocation: db.insert(lotAllocations).values({ entryId: p("entryId"), lotId: p("lotId"), amount: p("amount") }).prepare(),
  }));

/**
 * A member's open lots in spending order (expiring first, never-expiring last, then oldest), read
 * through lots_member_fifo_idx: a debit stops at the lots it needs and the expiry of due lots reads
 * only those due, however many lots the member holds.
 */
const OPEN_LOTS = `from point_lots indexed by lots_member_fifo_idx where member_id = ? and remaining > 0 and expired_at is null`;
const FIFO = `coalesce(expires_at, ${NEVER_MS})`;
const lotStatements = (tx: DbOrTx) => ({
  inOrder: rawStatement(tx, "ledger.lotsInOrder", `select id, remaining, expires_at as expiresAt ${OPEN_LOTS} order by ${FIFO}, id`),
  due: rawStatement(tx, "ledger.dueLots", `select id, remaining ${OPEN_LOTS} and ${FIFO} <= ? order by ${FIFO}, id`),
  anyDue: rawStatement(tx, "ledger.anyDueLot", `select 1 ${OPEN_LOTS} and ${FIFO} <= ? limit 1`),
});

/** The first lots in spending order that together hold `amount` (all of them when they hold less). */
function lotsToTake(tx: DbOrTx, memberId: number, amount: number): OpenLot[] {
  const lots: OpenLot[] = [];
  let held = 0;
  for (const row of lotStatements(tx).inOrder.iterate(memberId) as IterableIterator<{ id: number; remaining: number; expiresAt: number | null }>) {
    lots.push({ id: row.id, remaining: row.remaining, expiresAt: row.expiresAt == null ? null : new Date(row.expiresAt) });
    held += row.remaining;
    if (held >= amount) break;
  }
  return lots;
}

/** Whether any of the member's lots is past its expiry (a cheap check before a write transaction). */
export function hasDueLots(db: DbOrTx, memberId: number, now: Date): boolean {
  return lotStatements(db).anyDue.get(memberId, now.getTime()) !== undefined;
}

function memberRow(tx: DbOrTx, memberId: number) {
  const m = q(tx).member.get({ id: memberId });
  if (!m) throw notFound("Member", memberId);
  return m;
}

/** The entry already written under this business id, if any; a different request under it is a 409. */
export function priorEntry(tx: DbOrTx, appId: number, businessId: string, requestHash: string): Entry | undefined {
  const prior = q(tx).prior.get({ appId, businessId });
  if (prior && prior.requestHash !== requestHash)
    throw conflict("BUSINESS_ID_REUSED", `Business id ${businessId} was already used for a different change`, { businessId, entryId: prior.id });
  return prior;
}

function insertEntry(tx: DbOrTx, now: Date, change: ChangeBase, type: LedgerType, amount: number, refEntryId: number | null = null): Entry {
  const member = memberRow(tx, change.memberId);
  const balanceAfter = member.balance + amount;
  if (balanceAfter < 0)
    throw conflict("INSUFFICIENT_POINTS", `Not enough points: the balance is ${member.balance}, ${-amount} needed`, {
      balance: member.balance,
      required: -amount,
    });
  const stmts = q(tx);
  stmts.setBalance.run({ balance: balanceAfter, now: now.getTime(), id: member.id });
  const entry: Omit<Entry, "id"> = {
    appId: member.appId,
    memberId: member.id,
    type,
    amount,
    balanceAfter,
    businessId: change.businessId,
    requestHash: change.requestHash,
    reason: change.reason ?? "",
    actorType: change.actor.type,
    actorId: change.actor.id,
    ruleId: change.ruleId ?? null,
    ruleVersion: change.ruleVersion ?? null,
    orderId: change.orderId ?? null,
    campaignId: change.campaignId ?? null,
    refEntryId,
    createdAt: now,
  };
  const { lastInsertRowid } = stmts.insertEntry.run(entry);
  return { id: Number(lastInsertRowid), ...entry };
}

function assertPositive(amount: number) {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw unprocessable("The amount must be a positive whole number of points", { amount: "positive integer" });
}

/** Adds points as a new lot with its own expiry (earn, or a positive adjustment). */
export function credit(tx: DbOrTx, now: Date, change: ChangeBase & { type: "earn" | "adjust"; amount: number; expiresAt: Date | null }): Applied {
  assertPositive(change.amount);
  const member = memberRow(tx, change.memberId);
  const prior = priorEntry(tx, member.appId, change.businessId, change.requestHash);
  if (prior) return { entry: prior, replayed: true };
  expireDueForMember(tx, now, change.memberId);
  const entry = insertEntry(tx, now, change, change.type, change.amount);
  q(tx).insertLot.run({ memberId: change.memberId, entryId: entry.id, amount: change.amount, earnedAt: now, expiresAtMs: change.expiresAt?.getTime() ?? null });
  return { entry, replayed: false };
}


/** Takes points from the member's lots, the one expiring first first (spend, hold, negative adjustment). */
export function debit(tx: DbOrTx, now: Date, change: ChangeBase & { type: "spend" | "adjust" | "hold"; amount: number }): Applied {
  assertPositive(change.amount);
  const member = memberRow(tx, change.memberId);
  const prior = priorEntry(tx, member.appId, change.businessId, change.requestHash);
  if (prior) return { entry: prior, replayed: true };
  expireDueForMember(tx, now, change.memberId);
  const plan = planTake(lotsToTake(tx, change.memberId, change.amount), change.amount);
  const entry = insertEntry(tx, now, change, change.type, -change.amount);
  if (!plan) throw new Error(`ledger out of step for member ${change.memberId}: balance covers ${change.amount} but lots do not`);
  const stmts = q(tx);
  for (const step of plan) {
    const updated = stmts.takeFromLot.run({ amount: step.amount, lotId: step.lotId });
    if (updated.changes !== 1) throw new Error(`lot ${step.lotId} changed under a debit`);
    stmts.insertAllocation.run({ entryId: entry.id, lotId: step.lotId, amount: step.amount });
  }
  return { entry, replayed: false };
}

/**
 * Gives back (part of) an earlier debit: a refund of a spend, or the release of a hold. The points
 * return as new lots that keep the expiry of the lots they were taken from; points whose expiry has
 * passed meanwhile expire at once. Later-expiring points are returned first.
 */
export function restore(tx: DbOrTx, now: Date, change: ChangeBase & { type: "refund" | "release"; of: number; amount?: number }): Applied {
  const member = memberRow(tx, change.memberId);
  const prior = priorEntry(tx, member.appId, change.businessId, change.requestHash);
  if (prior) return { entry: prior, replayed: true };
  const original = tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, change.of)).get();
  if (!original || original.memberId !== change.memberId || original.amount >= 0) throw notFound("Ledger entry to give back", change.of);
  const allocations = tx
    .select({ id: lotAllocations.id, amount: lotAllocations.amount, restored: lotAllocations.restored, lotId: lotAllocations.lotId, expiresAt: pointLots.expiresAt, earnedAt: pointLots.earnedAt })
    .from(lotAllocations)
    .innerJoin(pointLots, eq(pointLots.id, lotAllocations.lotId))
    .where(eq(lotAllocations.entryId, original.id))
    .orderBy(desc(sql`coalesce(${pointLots.expiresAt}, 9007199254740991)`), desc(lotAllocations.id))
    .all();
  const restorable = allocations.reduce((s, a) => s + a.amount - a.restored, 0);
  const amount = change.amount ?? restorable;
  assertPositive(amount);
  if (amount > restorable)
    throw conflict("NOTHING_TO_RESTORE", `Only ${restorable} of entry ${original.id} can still be given back`, { restorable, requested: amount });

  const entry = insertEntry(tx, now, change, change.type, amount, original.id);
  let left = amount;
  for (const a of allocations) {
    if (left === 0) break;
    const portion = Math.min(a.amount - a.restored, left);
    if (portion <= 0) continue;
    tx.update(lotAllocations).set({ restored: a.restored + portion }).where(eq(lotAllocations.id, a.id)).run();
    tx.insert(pointLots).values({ memberId: change.memberId, entryId: entry.id, amount: portion, remaining: portion, earnedAt: a.earnedAt, expiresAt: a.expiresAt }).run();
    left -= portion;
  }
  expireDueForMember(tx, now, change.memberId);
  return { entry, replayed: false };
}

/** Expires the member's lots whose time has come, one `expire` entry per lot. Returns how many. */
export function expireDueForMember(tx: DbOrTx, now: Date, memberId: number): number {
  const due = lotStatements(tx).due.all(memberId, now.getTime()) as { id: number; remaining: number }[];
  for (const lot of due) {
    const entry = insertEntry(
      tx,
      now,
      { memberId, businessId: `pm:expire:lot:${lot.id}`, requestHash: "expire", reason: "points expired", actor: { type: "system", id: "expiry" } },
      "expire",
      -lot.remaining,
    );
    tx.update(pointLots).set({ remaining: 0, expiredAt: now }).where(eq(pointLots.id, lot.id)).run();
    tx.insert(lotAllocations).values({ entryId: entry.id, lotId: lot.id, amount: lot.remaining }).run();
  }
  return due.length;
}

/** Members with lots due to expire, for the sweep (oldest expiry first). */
export function membersWithDueLots(db: DbOrTx, now: Date, limit: number): number[] {
  return db
    .selectDistinct({ memberId: pointLots.memberId })
    .from(pointLots)
    .where(and(gt(pointLots.remaining, 0), isNull(pointLots.expiredAt), lte(pointLots.expiresAt, now)))
    .orderBy(asc(pointLots.memberId))
    .limit(limit)
    .all()
    .map((r) => r.memberId);
}

export interface Violation {
  memberId: number;
  balance: number;
  ledgerSum: number;
  lotSum: number;
  negativeLots: number;
}

/** Members for whom balance = Σ ledger = Σ unexpired lot remainders ≥ 0 does not hold (empty when all is well). */
export function ledgerViolations(db: Db | DbOrTx, memberId?: number): Violation[] {
  const rows = db.all<Violation>(sql`
    select m.id as memberId, m.balance as balance,
      coalesce((select sum(amount) from ledger_entries e where e.member_id = m.id), 0) as ledgerSum,
      coalesce((select sum(remaining) from point_lots l where l.member_id = m.id and l.expired_at is null), 0) as lotSum,
      (select count(*) from point_lots l where l.member_id = m.id and (l.remaining < 0 or l.remaining > l.amount)) as negativeLots
    from members m ${memberId === undefined ? sql`` : sql`where m.id = ${memberId}`}`);
  return rows.filter((r) => r.balance !== r.ledgerSum || r.balance !== r.lotSum || r.balance < 0 || r.negativeLots > 0);
}
