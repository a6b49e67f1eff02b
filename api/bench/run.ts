import autocannon, { type Result } from "autocannon";
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchContext, type Scenario } from "./scenario";
import { scenarios } from "./scenarios";
import { hostEvent } from "./scenarios/points";

/**
 * npm run bench [-- name-filter]: starts the Hono hello-world ceiling and the full Pointmall stack as
 * separate Node processes, loads each with autocannon in turn, and prints req/s, p50, p99 and the
 * ratio to the ceiling measured in this same run (also written as JSON to bench-results/).
 */
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const filter = process.argv[2];

function start(script: string, env: Record<string, string> = {}, profile = false): Promise<{ child: ChildProcess; msg: any }> {
  const child = fork(new URL(script, import.meta.url).pathname, [], {
    // BENCH_PROFILE=1 writes a V8 CPU profile of the Pointmall process to bench-results/ (open it in Chrome's DevTools).
    execArgv: ["--import", "tsx", ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${new URL("../../bench-results/", import.meta.url).pathname}`] : [])],
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", (msg) => resolve({ child, msg }));
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function load(opts: Partial<autocannon.Options> & { url: string }): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections, duration, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

interface Row {
  scenario: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  ratio: number;
  goal?: number;
  errors: number;
  non2xx: number;
  note?: string;
}

const dir = mkdtempSync(join(tmpdir(), "pointmall-bench-"));
const hello = await start("./hello.ts");
// The reference write (see floor.ts) runs only with the host-event scenario it mirrors.
const withFloor = !filter || "host event".includes(filter) || filter === "floor";
const floor = withFloor ? await start("./floor.ts", { BENCH_FLOOR_DB: join(dir, "floor.db") }) : undefined;
const stack = await start("./bench-server.ts", { BENCH_DB: join(dir, "bench.db") }, process.env.BENCH_PROFILE === "1");
const baseUrl = `http://127.0.0.1:${stack.msg.port}`;

const ctx = benchContext(baseUrl, join(dir, "bench.db"), stack.msg.ids);

const rows: Row[] = [];
try {
  console.log(`bench: ${connections} connections, ${duration} s per scenario, node ${process.version}`);
  await load({ url: `http://127.0.0.1:${hello.msg.port}/`, duration: 2 }); // warm-up
  const ceiling = await load({ url: `http://127.0.0.1:${hello.msg.port}/` });
  const ceilingRps = ceiling.requests.average;
  rows.push({ scenario: "hono hello world (ceiling)", reqPerSec: ceilingRps, p50: ceiling.latency.p50, p99: ceiling.latency.p99, ratio: 1, errors: ceiling.errors, non2xx: ceiling.non2xx });

  for (const s of scenarios.filter((x: Scenario) => !filter || x.name.includes(filter))) {
    const opts = await s.prepare(ctx);
    await load({ ...opts, duration: 1 }); // warm-up: JIT and SQLite caches
    const res = await load(opts);
    const note = s.verify ? ((await s.verify(ctx)) ?? undefined) : undefined;
    rows.push({
      scenario: s.name,
      reqPerSec: res.requests.average,
      p50: res.latency.p50,
      p99: res.latency.p99,
      ratio: res.requests.average / ceilingRps,
      goal: s.goal,
      errors: res.errors,
      non2xx: res.non2xx,
      note,
    });
    if (s === hostEvent && floor) {
      const ref = await hostEvent.prepare({ ...ctx, baseUrl: `http://127.0.0.1:${floor.msg.port}` });
      await load({ ...ref, duration: 1 });
      const r = await load(ref);
      rows.push({
        scenario: "  reference: least possible signed write",
        reqPerSec: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        ratio: r.requests.average / ceilingRps,
        errors: r.errors,
        non2xx: r.non2xx,
        note: "api/bench/floor.ts: same signature and group commit, 10 raw statements, no rules (what the machine allows)",
      });
    }
  }
} finally {
  floor?.child.kill();
  hello.child.kill();
  stack.child.kill();
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log("");
console.log(["scenario".padEnd(44), "req/s".padStart(9), "p50 ms".padStart(8), "p99 ms".padStart(8), "ratio".padStart(8), "goal".padStart(7), "  non-2xx  note"].join(" "));
for (const r of rows) {
  const status = r.goal === undefined ? "" : r.ratio >= r.goal ? " ✓" : " ✗";
  console.log(
    [
      r.scenario.padEnd(44),
      r.reqPerSec.toFixed(0).padStart(9),
      String(r.p50).padStart(8),
      String(r.p99).padStart(8),
      pct(r.ratio).padStart(8),
      (r.goal === undefined ? "" : pct(r.goal) + status).padStart(7),
      `  ${r.non2xx + r.errors}  ${r.note ?? ""}`,
    ].join(" "),
  );
}
const out = new URL("../../bench-results/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const json = JSON.stringify({ at: new Date().toISOString(), node: process.version, connections, duration, rows }, null, 2);
writeFileSync(join(out, "latest.json"), json);
console.log(`\nJSON: bench-results/latest.json`);
rmSync(dir, { recursive: true, force: true });
const failed = rows.filter((r) => r.goal !== undefined && r.ratio < r.goal);
if (failed.length) console.log(`below goal: ${failed.map((r) => r.scenario).join(", ")}`);
