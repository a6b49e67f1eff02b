import { serve } from "@hono/node-server";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createDb, migrateDb } from "../../db/client";
import { createApp } from "../app";
import { systemClock } from "../lib/clock";
import { startCheckpointer } from "../lib/checkpointer";
import { createLogger } from "../lib/logger";
import { seedDemo } from "../../seed/index";
import { FAST_SCRYPT, TEST_SECRET_KEY } from "../test/harness";
import { benchContext, type Scenario } from "./scenario";
import { scenarios } from "./scenarios";

/**
 * `npm run bench:inproc [-- filter]`: each scenario's requests handed straight to app.fetch, 50 at a
 * time, in this one process: microseconds of the application's own work per request, without HTTP or
 * a load generator in the way. For finding where time goes; the ratios that count come from `npm run bench`.
 */
const filter = process.argv[2];
const N = Number(process.env.INPROC_REQUESTS ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), "pointmall-inproc-"));
const file = join(dir, "bench.db");
const dataDir = join(dirname(file), "data");
const db = createDb(file);
migrateDb(db);
const ids = await seedDemo(db, { clock: systemClock, passwordCost: FAST_SCRYPT, secretKey: TEST_SECRET_KEY, dataDir });
// INPROC_SQL=1: time every SQLite statement (by its SQL text) during the measured rounds.
const sqlTimes = new Map<string, { n: number; ms: number }>();
let timing = false;
if (process.env.INPROC_SQL === "1") {
  const proto = Object.getPrototypeOf(db.$client.prepare("select 1")) as Record<string, (...a: unknown[]) => unknown>;
  for (const m of ["run", "get", "all", "iterate"]) {
    const orig = proto[m];
    proto[m] = function (this: { source: string }, ...args: unknown[]) {
      if (!timing) return orig.apply(this, args);
      const t = performance.now();
      try {
        return orig.apply(this, args);
      } finally {
        const e = sqlTimes.get(this.source) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += performance.now() - t;
        sqlTimes.set(this.source, e);
      }
    };
  }
}
startCheckpointer(db, file);
const app = await createApp({ db, logger: createLogger("warn"), config: { passwordCost: FAST_SCRYPT, secretKey: TEST_SECRET_KEY, dataDir } });
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise((r) => server.once("listening", r));
const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const ctx = benchContext(baseUrl, file, ids);

for (const s of scenarios.filter((x: Scenario) => !filter || x.name.includes(filter))) {
  const opts = await s.prepare(ctx);
  const spec = (opts.requests?.[0] ?? {}) as any;
  const make = () => {
    const base = { method: spec.method ?? opts.method ?? "GET", headers: { ...(opts.headers ?? {}) } as Record<string, string>, body: spec.body ?? opts.body };
    const r = spec.setupRequest ? spec.setupRequest(base) : base;
    return new Request(opts.url, { method: r.method, headers: r.headers, body: r.method === "GET" ? undefined : r.body });
  };
  const statuses = new Map<string, number>();
  const round = async (n: number) => {
    for (let i = 0; i < n; i += 50) {
      const batch = await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => Promise.resolve(app.fetch(make())).then(async (res) => {
        if (res.status < 300) {
          await res.arrayBuffer();
          return String(res.status);
        }
        return `${res.status} ${((await res.json()) as { code?: string }).code}`;
      })));
      for (const st of batch) statuses.set(st, (statuses.get(st) ?? 0) + 1);
    }
  };
  await round(2000);
  statuses.clear();
  sqlTimes.clear();
  timing = true;
  const t0 = performance.now();
  await round(N);
  const us = ((performance.now() - t0) * 1000) / N;
  timing = false;
  console.log(`${s.name.padEnd(50)} ${us.toFixed(1).padStart(8)} µs/request  ${(1e6 / us).toFixed(0).padStart(7)} req/s  statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  if (s.verify) console.log("   ", await s.verify(ctx));
  for (const [source, t] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
    console.log(`    ${((t.ms * 1000) / N).toFixed(1).padStart(6)} µs/req  ${(t.n / N).toFixed(2).padStart(5)}×  ${source.replace(/\s+/g, " ").slice(0, Number(process.env.INPROC_SQL_WIDTH ?? 150))}`);
}
server.close();
db.$client.close();
rmSync(dir, { recursive: true, force: true });
