import { and, asc, count, countDistinct, eq, gt, isNull, lte } from "drizzle-orm";
import { members, notifications, pointLots } from "../../../db/schema";
import type { AppContext } from "../../context";
import { writeTx } from "../../lib/tx";
import { enqueue } from "../outbox/outbox";
import { mallDay } from "./calendar";
import { expireDueForMember, membersWithDueLots } from "./ledger";
import { recomputeTier } from "./members";

export interface Progress {
  done: number;
  total: number;
}

/**
 * Expires every lot whose time has come, one member per transaction. Idempotent (a lot expires
 * once; its entry's business id is pm:expire:lot:<id>) and resumable: stopped half-way, the next run
 * finds only what is left.
 */
export function sweepExpired(ctx: AppContext, onProgress?: (p: Progress) => void, batch = 200) {
  const now = ctx.clock.now();
  const due = and(gt(pointLots.remaining, 0), isNull(pointLots.expiredAt), lte(pointLots.expiresAt, now));
  const [{ total }] = ctx.db.select({ total: countDistinct(pointLots.memberId) }).from(pointLots).where(due).all();
  let done = 0;
  let lots = 0;
  onProgress?.({ done, total });
  for (;;) {
    const ids = membersWithDueLots(ctx.db, now, batch);
    if (ids.length === 0) break;
    for (const id of ids) {
      lots += writeTx(ctx.db, (tx) => expireDueForMember(tx, now, id));
      done++;
    }
    onProgress?.({ done, total: Math.max(total, done) });
  }
  return { members: done, lots };
}

/**
 * One reminder per member and expiry date for points expiring within the reminder window
 * (30 days by default): a notification row, and a webhook to the host app when it has one.
 */
export function remindExpiring(ctx: AppContext) {
  const now = ctx.clock.now();
  const policy = ctx.policy.get();
  const until = new Date(now.getTime() + policy.reminderDays * 86_400_000);
  const rows = ctx.db
    .select({ memberId: pointLots.memberId, expiresAt: pointLots.expiresAt, remaining: pointLots.remaining, appId: members.appId, externalId: members.externalId })
    .from(pointLots)
    .innerJoin(members, eq(members.id, pointLots.memberId))
    .where(and(gt(pointLots.remaining, 0), isNull(pointLots.expiredAt), gt(pointLots.expiresAt, now), lte(pointLots.expiresAt, until)))
    .orderBy(asc(pointLots.memberId))
    .all();
  const groups = new Map<string, { memberId: number; appId: number; externalId: string; date: string; expiresAt: Date; points: number }>();
  for (const r of rows) {
    const date = mallDay(new Date(r.expiresAt!.getTime() - 1));
    const key = `${r.memberId}:${date}`;
    const g = groups.get(key) ?? { memberId: r.memberId, appId: r.appId, externalId: r.externalId, date, expiresAt: r.expiresAt!, points: 0 };
    g.points += r.remaining;
    groups.set(key, g);
  }
  let sent = 0;
  writeTx(ctx.db, (tx) => {
    for (const [key, g] of groups) {
      const payload = { memberId: g.externalId, points: g.points, lastDay: g.date, expiresAt: g.expiresAt.toISOString() };
      const inserted = tx
        .insert(notifications)
        .values({ audience: "member", memberId: g.memberId, kind: "points-expiring", dedupeKey: key, payload, createdAt: now })
        .onConflictDoNothing()
        .run();
      if (inserted.changes === 0) continue;
      sent++;
      if (ctx.keyring.byAppId(g.appId)?.webhookUrl)
        enqueue(tx, now, { kind: "webhook", topic: "member.points_expiring", appId: g.appId, dedupeKey: `points-expiring:${key}`, payload });
    }
  });
  return { reminders: sent };
}

/** The nightly pass: points earned more than 12 months ago no longer count towards a tier. */
export function recomputeAllTiers(ctx: AppContext, onProgress?: (p: Progress) => void, batch = 500) {
  const now = ctx.clock.now();
  const tiers = ctx.policy.get().tiers;
  const [{ total }] = ctx.db.select({ total: count() }).from(members).all();
  let lastId = 0;
  let done = 0;
  let changed = 0;
  for (;;) {
    const ids = ctx.db.select({ id: members.id }).from(members).where(gt(members.id, lastId)).orderBy(asc(members.id)).limit(batch).all();
    if (!ids.length) break;
    writeTx(ctx.db, (tx) => {
      for (const { id } of ids) if (recomputeTier(tx, id, now, tiers, "nightly recompute").changed) changed++;
    });
    done += ids.length;
    lastId = ids[ids.length - 1].id;
    onProgress?.({ done, total });
  }
  return { members: done, changed };
}

