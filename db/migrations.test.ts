import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, migrateDb, migrationsFolder, type Db } from "./client";

/** A database migrated only up to (and including) migration `upTo`, as an older install has it. */
function databaseAt(upTo: number): { db: Db; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "pointmall-migrations-"));
  const partial = join(dir, "migrations");
  cpSync(migrationsFolder, partial, { recursive: true });
  const journalFile = join(partial, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= upTo);
  writeFileSync(journalFile, JSON.stringify(journal));
  const db = createDb(join(dir, "old.db"));
  migrate(db, { migrationsFolder: partial });
  return { db, cleanup: () => (db.$client.close(), rmSync(dir, { recursive: true, force: true })) };
}

const at = (iso: string) => new Date(iso).getTime();

describe("migration 0001 (per-day event counters, FIFO lot index)", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it("fills point_event_days from the events already received, by mall day (UTC+8), counting only granted and capped ones", () => {
    const old = databaseAt(0);
    cleanup = old.cleanup;
    const sqlite = old.db.$client;
    sqlite.prepare("insert into apps (id, key, name, secret_enc, secret_hint, created_at, updated_at) values (1, 'a', 'A', 'x', 'x', 0, 0)").run();
    sqlite.prepare("insert into members (id, app_id, external_id, created_at, updated_at) values (7, 1, 'u-7', 0, 0)").run();
    const event = sqlite.prepare(
      "insert into point_events (app_id, business_id, request_hash, member_id, type, occurred_at, outcome, points, response, created_at) values (1, ?, 'h', 7, ?, ?, ?, ?, '{}', 0)",
    );
    // 2026-11-22T16:30Z is already 2026-11-23 00:30 in Shanghai.
    event.run("e1", "share", at("2026-11-22T16:30:00Z"), "granted", 20);
    event.run("e2", "share", at("2026-11-23T15:59:59Z"), "capped", 5);
    event.run("e3", "share", at("2026-11-23T16:00:00Z"), "granted", 20);
    event.run("e4", "share", at("2026-11-23T10:00:00Z"), "ignored", 0);
    event.run("e5", "share", at("2026-11-23T10:00:00Z"), "held", 9000);
    event.run("e6", "login", at("2026-11-23T01:00:00Z"), "granted", 10);

    migrateDb(old.db);

    expect(sqlite.prepare("select member_id as memberId, type, day, points, events from point_event_days order by type, day").all()).toEqual([
      { memberId: 7, type: "login", day: "2026-11-23", points: 10, events: 1 },
      { memberId: 7, type: "share", day: "2026-11-23", points: 25, events: 2 },
      { memberId: 7, type: "share", day: "2026-11-24", points: 20, events: 1 },
    ]);
  });

  it("creates the FIFO index that debits read a member's open lots through", () => {
    const old = databaseAt(0);
    cleanup = old.cleanup;
    migrateDb(old.db);
    const plan = old.db.$client
      .prepare("explain query plan select id from point_lots where member_id = ? and remaining > 0 and expired_at is null and coalesce(expires_at, 8640000000000000) <= ? order by coalesce(expires_at, 8640000000000000), id")
      .all(1, 2) as { detail: string }[];
    expect(plan.map((r) => r.detail).join(" ")).toContain("lots_member_fifo_idx");
  });
});
