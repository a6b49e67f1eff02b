import type Database from "better-sqlite3";
import type { Db } from "../../db/client";

type Runner = Database.Transaction<(fn: () => unknown) => unknown>;
const runners = new WeakMap<Database.Database, Runner>();

/**
 * A synchronous write transaction that takes SQLite's write lock up front (BEGIN IMMEDIATE), so two
 * processes on one database (the server and `npm run expire`) queue on the busy timeout instead of
 * failing when a read turns into a write. Never await inside `fn`: better-sqlite3 commits at return.
 *
 * `fn` gets the database itself: on one synchronous connection every statement between BEGIN and
 * COMMIT belongs to the transaction. (Drizzle's own transaction() builds a new database object per
 * call, which cost a fifth of a points event.) Nested calls become savepoints.
 */
export function writeTx<T>(db: Db, fn: (tx: Db) => T): T {
  let run = runners.get(db.$client);
  if (!run) {
    run = db.$client.transaction((f: () => unknown) => f()) as Runner;
    runners.set(db.$client, run);
  }
  return run.immediate(() => fn(db)) as T;
}
