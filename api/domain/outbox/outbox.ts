import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { deliveryAttempts, outbox } from "../../../db/schema";
import type { AppContext } from "../../context";
import { writeTx } from "../../lib/tx";

export type OutboxItem = typeof outbox.$inferSelect;

export interface DeliveryResult {
  ok: boolean;
  url: string;
  statusCode?: number;
  error?: string;
  responseSnippet?: string;
  /** Set when retrying cannot help (e.g. the app has no webhook URL any more). */
  permanent?: boolean;
}

/** Delivers one item (an HTTP call, after commit). One handler per outbox kind. */
export type OutboxHandler = (ctx: AppContext, item: OutboxItem) => Promise<DeliveryResult>;

/** After a failed attempt N, wait BACKOFF[N-1] (then the last one) before the next; give up after MAX_ATTEMPTS. */
export const BACKOFF_MS = [10_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];
export const MAX_ATTEMPTS = 8;

export function enqueue(
  tx: DbOrTx,
  now: Date,
  item: { kind: string; topic: string; appId?: number | null; payload: unknown; dedupeKey?: string; delayMs?: number },
): number | null {
  const res = tx
    .insert(outbox)
    .values({
      kind: item.kind,
      topic: item.topic,
      appId: item.appId ?? null,
      payload: item.payload,
      dedupeKey: item.dedupeKey ?? null,
      nextAttemptAt: new Date(now.getTime() + (item.delayMs ?? 0)),
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id })
    .get();
  return res?.id ?? null;
}

export type OutcomeListener = (tx: DbOrTx, item: OutboxItem, final: "delivered" | "dead", now: Date) => void;

/**
 * Delivers what is due: each call happens outside any transaction; its outcome (and the attempt log)
 * is written in a transaction afterwards. `onOutcome` lets an area react when an item is finally
 * delivered or given up (e.g. a virtual order is marked failed and refunded).
 */
export async function deliverDue(
  ctx: AppContext,
  handlers: Record<string, OutboxHandler>,
  opts: { limit?: number; onOutcome?: Record<string, OutcomeListener>; maxAttempts?: Record<string, number>; kinds?: string[] } = {},
) {
  const now = ctx.clock.now();
  const due = ctx.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now), opts.kinds ? inArray(outbox.kind, opts.kinds) : undefined))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(opts.limit ?? 20)
    .all();
  let delivered = 0;
  for (const item of due) {
    const handler = handlers[item.kind];
    if (!handler) continue;
    const started = Date.now();
    let result: DeliveryResult;
    try {
      result = await handler(ctx, item);
    } catch (err) {
      result = { ok: false, url: "", error: (err as Error).message };
    }
    const at = ctx.clock.now();
    writeTx(ctx.db, (tx) => {
      const fresh = tx.select().from(outbox).where(eq(outbox.id, item.id)).get();
      if (!fresh || fresh.status !== "pending") return;
      const attempt = fresh.attempts + 1;
      tx.insert(deliveryAttempts)
        .values({
          outboxId: item.id,
          attempt,
          url: result.url,
          statusCode: result.statusCode ?? null,
          ok: result.ok,
          durationMs: Date.now() - started,
          error: result.error ?? null,
          responseSnippet: result.responseSnippet?.slice(0, 500) ?? null,
          createdAt: at,
        })
        .run();
      if (result.ok) {
        tx.update(outbox).set({ status: "delivered", attempts: attempt, deliveredAt: at, lastError: null }).where(eq(outbox.id, item.id)).run();
        opts.onOutcome?.[item.kind]?.(tx, { ...fresh, attempts: attempt, status: "delivered" }, "delivered", at);
        delivered++;
      } else if (result.permanent || attempt >= (opts.maxAttempts?.[item.kind] ?? MAX_ATTEMPTS)) {
        tx.update(outbox).set({ status: "dead", attempts: attempt, lastError: result.error ?? `HTTP ${result.statusCode}` }).where(eq(outbox.id, item.id)).run();
        opts.onOutcome?.[item.kind]?.(tx, { ...fresh, attempts: attempt, status: "dead" }, "dead", at);
      } else {
        const wait = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length) - 1];
        tx.update(outbox)
          .set({ attempts: attempt, nextAttemptAt: new Date(at.getTime() + wait), lastError: result.error ?? `HTTP ${result.statusCode}` })
          .where(eq(outbox.id, item.id))
          .run();
      }
    });
  }
  return { attempted: due.length, delivered };
}

/** Puts an item (delivered, dead or waiting) back to be delivered now. */
export function retryNow(tx: DbOrTx, id: number, now: Date): boolean {
  // A fresh schedule of attempts; the earlier ones stay in delivery_attempts.
  return tx.update(outbox).set({ status: "pending", nextAttemptAt: now, attempts: 0 }).where(eq(outbox.id, id)).run().changes === 1;
}
