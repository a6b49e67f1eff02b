import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import type { DbOrTx } from "./client";

/**
 * Drizzle builds a query's SQL on every call, which costs more than running it. Hot paths build
 * theirs once per connection (with sql.placeholder for the values) and reuse them; a transaction
 * shares its database's connection, so a statement prepared on either runs in both.
 */
const bySession = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: DbOrTx, name: string, build: (db: DbOrTx) => T): T {
  const session = (db as unknown as { session: object }).session;
  let cache = bySession.get(session);
  if (!cache) bySession.set(session, (cache = new Map()));
  let stmt = cache.get(name) as T | undefined;
  if (stmt === undefined) {
    stmt = build(db);
    cache.set(name, stmt);
  }
  return stmt;
}

/** A raw better-sqlite3 statement for SQL drizzle's builder does not express well (window functions). */
export function rawStatement(db: DbOrTx, name: string, source: string): Statement {
  return prepared(db, `raw:${name}`, (d) => (d as unknown as { session: { client: Database.Database } }).session.client.prepare(source));
}
