import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema> & { $client: Database.Database };
/** What a synchronous drizzle transaction callback receives. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or a transaction: domain functions accept both. */
export type DbOrTx = Db | Tx;

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * Opens (creating if needed) a SQLite database with the pragmas set once:
 * WAL so readers never block the writer, NORMAL sync (safe with WAL), foreign keys,
 * and a busy timeout so a second process waits instead of failing.
 */
export function createDb(file: string): Db {
  if (file !== ":memory:" && !file.startsWith("file:")) mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  if (file !== ":memory:") sqlite.pragma("journal_mode = WAL");
  return openDb(sqlite);
}

/** Wraps an open better-sqlite3 connection (a file, or a copy deserialized from a buffer in tests). */
export function openDb(sqlite: Database.Database): Db {
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("temp_store = MEMORY");
  sqlite.pragma("cache_size = -32000");
  cacheStatements(sqlite);
  return drizzle({ client: sqlite, schema }) as Db;
}

/**
 * Drizzle prepares a fresh better-sqlite3 statement for every query, and preparing costs more than
 * running a small query. Statements are reusable (drizzle only calls all/get/run/values, which finish
 * synchronously), so identical SQL text gets the statement prepared the first time.
 */
function cacheStatements(sqlite: Database.Database, max = 1000) {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(source);
      if (cache.size >= max) cache.clear();
      cache.set(source, stmt);
    }
    return stmt;
  }) as typeof sqlite.prepare;
}

export function migrateDb(db: Db): void {
  migrate(db, { migrationsFolder });
}

/** A fresh, migrated in-memory database: what every test starts from. */
export function createTestDb(): Db {
  const db = createDb(":memory:");
  migrateDb(db);
  return db;
}

export { schema };
