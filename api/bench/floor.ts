import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { Hono } from "hono";
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";

/**
 * A reference point, not Pointmall: the least a signed points write can do on this stack. Hono on
 * @hono/node-server, the same signature check, one group-committed SQLite transaction per batch
 * (WAL, synchronous NORMAL), and per event ten raw prepared statements: claim the nonce, look for
 * the business id, find or create the member, read and bump the day's counter, insert the ledger
 * entry and its lot, set the balance, remember the answer. No validation library, no ORM, no rules,
 * tiers, caps, expiry or webhooks.
 *
 * Measured in the same run as the ceiling, it shows how much of the gap to hello world is the cost
 * of a durable write itself on this machine, whatever the application does around it.
 */
const db = new Database(process.env.BENCH_FLOOR_DB!);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec(`
  create table nonces (app integer, nonce text, expires integer, primary key (app, nonce));
  create table members (id integer primary key, external_id text unique, balance integer not null, tier text not null);
  create table ledger (id integer primary key, member_id integer, amount integer, balance_after integer, business_id text unique, reason text, created_at integer);
  create table lots (id integer primary key, member_id integer, entry_id integer, amount integer, remaining integer, expires_at integer);
  create table events (id integer primary key, business_id text unique, member_id integer, type text, points integer, response text);
  create table days (member_id integer, type text, day text, points integer, events integer, primary key (member_id, type, day));
`);
const s = {
  nonce: db.prepare("insert into nonces values (?, ?, ?) on conflict do nothing"),
  prior: db.prepare("select response from events where business_id = ?"),
  member: db.prepare("select * from members where external_id = ?"),
  addMember: db.prepare("insert into members (external_id, balance, tier) values (?, 0, 'normal')"),
  day: db.prepare("select points, events from days where member_id = ? and type = ? and day = ?"),
  countDay: db.prepare("insert into days values (?, ?, ?, ?, 1) on conflict do update set points = points + excluded.points, events = events + 1"),
  entry: db.prepare("insert into ledger (member_id, amount, balance_after, business_id, reason, created_at) values (?, ?, ?, ?, ?, ?)"),
  lot: db.prepare("insert into lots (member_id, entry_id, amount, remaining, expires_at) values (?, ?, ?, ?, ?)"),
  balance: db.prepare("update members set balance = ? where id = ?"),
  remember: db.prepare("insert into events (business_id, member_id, type, points, response) values (?, ?, ?, ?, ?)"),
};

interface Job {
  run(): unknown;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}
let queue: Job[] = [];
const savepoint = db.transaction((fn: () => unknown) => fn());
const batch = db.transaction((jobs: Job[]) => jobs.map((j) => {
  try {
    return { ok: true, value: savepoint.deferred(() => j.run()) };
  } catch (error) {
    return { ok: false, value: error };
  }
}));
function commit<T>(run: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    if (queue.push({ run, resolve: resolve as (v: unknown) => void, reject }) === 1)
      setImmediate(() => {
        const jobs = queue;
        queue = [];
        batch.immediate(jobs).forEach((o, i) => (o.ok ? jobs[i].resolve(o.value) : jobs[i].reject(o.value)));
      });
  });
}

const app = new Hono();
app.use("*", async (c, next) => {
  c.header("X-Request-Id", randomUUID());
  await next();
});
app.post("/api/open/v1/events", async (c) => {
  const body = await c.req.text();
  const [timestamp, nonce, signature] = ["x-pointmall-timestamp", "x-pointmall-nonce", "x-pointmall-signature"].map((h) => c.req.header(h) ?? "");
  const bodyHash = createHash("sha256").update(body).digest("hex");
  const expected = createHmac("sha256", "demo-secret").update(["POST", "/api/open/v1/events", timestamp, nonce, bodyHash].join("\n")).digest();
  if (signature.length !== 64 || !timingSafeEqual(Buffer.from(signature, "hex"), expected)) return c.json({ message: "bad signature", code: "SIGNATURE_INVALID" }, 401);
  const input = JSON.parse(body) as { type: string; memberId: string; businessId: string };
  const now = Date.now();
  const day = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  const result = await commit(() => {
    if (s.nonce.run(1, nonce, now + 600_000).changes !== 1) throw new Error("nonce reused");
    const prior = s.prior.get(input.businessId) as { response: string } | undefined;
    if (prior) return JSON.parse(prior.response);
    let m = s.member.get(input.memberId) as { id: number; balance: number; tier: string } | undefined;
    if (!m) m = { id: Number(s.addMember.run(input.memberId).lastInsertRowid), balance: 0, tier: "normal" };
    const today = s.day.get(m.id, input.type, day) as { events: number } | undefined;
    const points = today && today.events >= 50 ? 0 : 10;
    let entryId: number | null = null;
    if (points > 0) {
      entryId = Number(s.entry.run(m.id, points, m.balance + points, input.businessId, `${input.type} event`, now).lastInsertRowid);
      s.lot.run(m.id, entryId, points, points, now + 365 * 86_400_000);
      s.balance.run(m.balance + points, m.id);
      s.countDay.run(m.id, input.type, day, points);
    }
    const response = { businessId: input.businessId, memberId: input.memberId, outcome: points ? "granted" : "capped", points, balance: m.balance + points, tier: m.tier, entryId };
    s.remember.run(input.businessId, m.id, input.type, points, JSON.stringify(response));
    return response;
  });
  return c.json(result);
});
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => process.send?.({ port: info.port }));
process.on("SIGTERM", () => process.exit(0));
