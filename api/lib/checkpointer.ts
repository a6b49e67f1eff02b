import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Db } from "../../db/client";

/**
 * WAL checkpoints off the request thread.
 *
 * SQLite copies the write-ahead log back into the database file every 1,000 pages, inside whichever
 * COMMIT crosses the mark: under a steady write load that is a pause on the thread that serves
 * every request (measured: about a third of the cost of a commit). The server turns that off on its
 * connection and lets a worker thread, on a connection of its own, run PASSIVE checkpoints instead:
 * they never block the writer or readers, and the log stays small because the writer starts it over
 * once everything in it has been copied.
 *
 * The worker is a few lines of JavaScript evaluated in the thread (a worker cannot load TypeScript
 * through tsx); it gets the path of better-sqlite3 from here.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 0");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (err) { parentPort.postMessage({ error: String(err && err.message || err) }); }
}, workerData.everyMs);
parentPort.on("message", (m) => { if (m === "stop") { clearInterval(timer); db.close(); parentPort.close(); } });
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(db: Db, file: string, opts: { everyMs?: number; onError?: (message: string) => void } = {}): Checkpointer {
  db.$client.pragma("wal_autocheckpoint = 0");
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs: opts.everyMs ?? 250 } });
  worker.on("message", (m: { error?: string }) => m.error && opts.onError?.(m.error));
  worker.on("error", (err) => {
    // Without the worker, SQLite's own checkpoints come back (on the request thread, as before).
    db.$client.pragma("wal_autocheckpoint = 1000");
    opts.onError?.(err.message);
  });
  // After the listeners: attaching one refs the thread again. The server's lifetime is its HTTP listener's.
  worker.unref();
  let exited = false;
  const gone = new Promise<void>((resolve) => worker.once("exit", () => ((exited = true), resolve())));
  return {
    // A worker that already ended (after an error) has nothing to stop: shutdown must not wait for it.
    stop: () => {
      if (!exited) worker.postMessage("stop");
      return gone;
    },
  };
}
