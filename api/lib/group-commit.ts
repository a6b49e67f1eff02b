import type Database from "better-sqlite3";
import type { Db } from "../../db/client";
import { writeTx } from "./tx";

interface Job {
  fn: (tx: Db) => unknown;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * Group commit for the hot write paths (host events, redemptions, draws, flash-sale buys, bids).
 *
 * Each request's change still runs alone and all-or-nothing, in its own savepoint; what is shared is
 * the outer transaction, so the requests that arrive in one turn of the event loop pay for one
 * BEGIN IMMEDIATE and one COMMIT (the WAL write) instead of one each. A change that throws rolls back
 * its savepoint and fails its own request only; a failed COMMIT fails the whole batch (nothing of it
 * was written). Nothing is awaited inside the transaction: the batch runs synchronously.
 */
export class GroupCommitter {
  private queue: Job[] = [];
  private scheduled = false;
  private readonly savepoint: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 64,
  ) {
    this.savepoint = db.$client.transaction((fn: () => unknown) => fn());
  }

  run<T>(fn: (tx: Db) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush() {
    this.scheduled = false;
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      writeTx(this.db, (tx) => {
        for (const job of batch) {
          try {
            outcomes.push({ ok: true, value: this.savepoint.deferred(() => job.fn(tx)) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, i) => {
      const o = outcomes[i];
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
  }
}
