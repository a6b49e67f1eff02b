import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../db/client";
import { startCheckpointer } from "./checkpointer";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 30 transactions of 200 rows (about 1 MB of pages in all), with pauses between them, as a server writes. */
async function writeInBursts(db: Db) {
  db.$client.exec("create table t (id integer primary key, v text)");
  const insert = db.$client.prepare("insert into t (v) values (?)");
  const burst = db.$client.transaction(() => {
    for (let i = 0; i < 200; i++) insert.run("x".repeat(150));
  });
  for (let b = 0; b < 30; b++) {
    burst();
    await pause(15);
  }
  await pause(60);
}

describe("startCheckpointer", () => {
  let dir = "";
  let db: Db | undefined;
  afterEach(() => {
    db?.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the write-ahead log small from its own thread while the connection's automatic checkpoints are off", async () => {
    dir = mkdtempSync(join(tmpdir(), "pointmall-ckpt-"));
    const file = join(dir, "a.db");
    db = createDb(file);
    const checkpointer = startCheckpointer(db, file, { everyMs: 5 });
    expect(db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    await writeInBursts(db);
    await checkpointer.stop();
    const wal = statSync(`${file}-wal`).size;
    const data = statSync(file).size;
    // Checkpointed: the pages are in the database file, and the log was started over instead of growing with them.
    expect(data).toBeGreaterThan(900_000);
    expect(wal).toBeLessThan(data / 3);
    expect(db.$client.prepare("select count(*) as n from t").get()).toEqual({ n: 6000 });
  });

  it("without it (and without SQLite's own checkpoints) the log holds everything", async () => {
    dir = mkdtempSync(join(tmpdir(), "pointmall-ckpt-"));
    const file = join(dir, "b.db");
    db = createDb(file);
    db.$client.pragma("wal_autocheckpoint = 0");
    await writeInBursts(db);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(900_000);
  });
});
