import type { Db, Tx } from "../../db/client";

/**
 * A synchronous write transaction that takes SQLite's write lock up front (BEGIN IMMEDIATE), so two
 * processes on one database (the server and `npm run expire`) queue on the busy timeout instead of
 * failing when a read turns into a write. Never await inside `fn`: better-sqlite3 commits at return.
 */
export function writeTx<T>(db: Db, fn: (tx: Tx) => T): T {
  return db.transaction(fn, { behavior: "immediate" });
}
