import { serve, type ServerType } from "@hono/node-server";
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { couponCodes, ledgerEntries, members } from "../../../db/schema";
import { ledgerViolations } from "../../domain/points/ledger";
import { createMemberSession } from "../../middleware/member-session";
import { buildTestApp, createMember, registerTestApp, type TestApp } from "../../test/harness";
import { addAddress, givePoints } from "../../test/order-fixtures";
import { listProduct, loadCodes, ordersOf, productRow } from "../../test/redemption-fixtures";

/**
 * Redemptions in flight together over real HTTP, as the opening second of a popular listing looks.
 * POST /api/shop/redemptions goes through the group committer: requests arriving in one turn of the
 * event loop share one BEGIN IMMEDIATE, each in its own savepoint. These tests hold the stock, the
 * limits, the idempotency keys, the coupon pool and the ledger to account under exactly that.
 */
let server: ServerType | undefined;
afterEach(async () => {
  (server as unknown as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function listen(t: TestApp): Promise<string> {
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Up to 128 connections open at once, the rest queued by the client, as a proxy in front of the app would. */
const agent = new Agent({ keepAlive: true, maxSockets: 128 });

interface Reply {
  status: number;
  replay: boolean;
  body: { id?: number; code?: string; couponCodeId?: number; memberId?: number };
}

function redeemOverHttp(base: string, cookie: string, body: unknown, key: string): Promise<Reply> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/api/shop/redemptions`,
      { method: "POST", agent, headers: { cookie, "content-type": "application/json", "content-length": Buffer.byteLength(payload), "idempotency-key": key } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, replay: res.headers["idempotent-replay"] === "true", body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/**
 * The same call through app.request: every request started in one synchronous loop reaches the group
 * committer in the same turn of the event loop, so they all share one transaction, a savepoint each.
 */
async function redeemInProcess(t: TestApp, cookie: string, body: unknown, key: string): Promise<Reply> {
  const res = await t.request<Reply["body"]>("POST", "/api/shop/redemptions", { cookie, body, headers: { "idempotency-key": key } });
  return { status: res.status, replay: res.headers.get("idempotent-replay") === "true", body: res.body };
}

type Transport = "over HTTP" | "in one shared transaction";
const transports: Transport[] = ["over HTTP", "in one shared transaction"];

async function sender(t: TestApp, how: Transport) {
  if (how === "in one shared transaction") return (cookie: string, body: unknown, key: string) => redeemInProcess(t, cookie, body, key);
  const base = await listen(t);
  return (cookie: string, body: unknown, key: string) => redeemOverHttp(base, cookie, body, key);
}

/** `n` members with `points` each, a storefront session and a delivery address each. */
function crowd(t: TestApp, n: number, points: number) {
  const app = registerTestApp(t);
  const now = t.clock.now();
  return Array.from({ length: n }, (_, i) => {
    const m = createMember(t, app.id, `u-crowd-${i}`);
    givePoints(t.db, m.id, points, now);
    return { id: m.id, addressId: addAddress(t.db, m.id, now), cookie: `pm_member=${createMemberSession(t.db, m.id, now, t.app.ctx.config)}` };
  });
}

/** Counts how many redemptions waited on the group committer together: proof that they were in flight at once. */
function watchCommits(t: TestApp) {
  const commits = t.app.ctx.commits;
  const run = commits.run.bind(commits);
  const seen = { inFlight: 0, most: 0, total: 0 };
  commits.run = (fn) => {
    seen.total++;
    seen.most = Math.max(seen.most, ++seen.inFlight);
    return run(fn).finally(() => seen.inFlight--);
  };
  return seen;
}

const spendOf = (t: TestApp, memberIds: number[]) =>
  t.db
    .select()
    .from(ledgerEntries)
    .where(and(inArray(ledgerEntries.memberId, memberIds), eq(ledgerEntries.type, "spend")))
    .all();

describe("POST /api/shop/redemptions under concurrency", () => {
  it.each(transports)("200 members at once (%s), each tapping twice with one key, against stock 50: exactly 50 orders, the rest 409 SOLD_OUT, nobody charged twice, the ledger holds", async (how) => {
    const t = await buildTestApp();
    const send = await sender(t, how);
    const crowdOf = crowd(t, 200, 1000);
    const supplierId = t.createSupplier("hot-goods");
    const price = 700;
    const productId = listProduct(t, supplierId, { pointsPrice: price, stock: 50 });
    const commits = watchCommits(t);

    const requests = crowdOf.flatMap((m) => {
      const key = randomUUID();
      const body = { productId, addressId: m.addressId };
      return [0, 1].map(() => send(m.cookie, body, key).then((r) => ({ member: m.id, ...r })));
    });
    const results = await Promise.all(requests);

    expect(commits.total).toBe(400);
    // Over HTTP the requests arrive as the sockets deliver them; in process they all wait on one committer.
    expect(commits.most).toBeGreaterThan(how === "over HTTP" ? 1 : 64);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(50);
    const refused = results.filter((r) => r.status !== 201 && !r.replay);
    expect(refused.every((r) => r.status === 409 && r.body.code === "SOLD_OUT")).toBe(true);
    // A winner's second tap replayed its order; a loser's was refused as well.
    const byMember = new Map<number, typeof results>();
    for (const r of results) byMember.set(r.member, [...(byMember.get(r.member) ?? []), r]);
    let winners = 0;
    for (const [, [a, b]] of byMember) {
      if (a.status === 409) {
        expect(b.status).toBe(409);
        continue;
      }
      winners++;
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      expect(a.body.id).toBe(b.body.id);
      expect([a, b].find((r) => r.status === 200)!.replay).toBe(true);
    }
    expect(winners).toBe(50);

    const sold = ordersOf(t, productId);
    expect(sold).toHaveLength(50);
    expect(new Set(sold.map((o) => o.memberId)).size).toBe(50);
    expect(productRow(t, productId)).toMatchObject({ stock: 0, sold: 50 });

    const spends = spendOf(t, crowdOf.map((m) => m.id));
    expect(spends).toHaveLength(50);
    expect(new Set(spends.map((e) => e.memberId)).size).toBe(50);
    expect(spends.reduce((s, e) => s - e.amount, 0)).toBe(50 * price);
    const buyers = new Set(sold.map((o) => o.memberId));
    for (const m of t.db.select().from(members).where(inArray(members.id, crowdOf.map((c) => c.id))).all())
      expect(m.balance, `member ${m.id}`).toBe(buyers.has(m.id) ? 1000 - price : 1000);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it.each(transports)("one member's 10 simultaneous redemptions with different keys against a limit of 2 (%s): exactly 2", async (how) => {
    const t = await buildTestApp();
    const send = await sender(t, how);
    const [m] = crowd(t, 1, 10_000);
    const productId = listProduct(t, t.createSupplier("limited"), { pointsPrice: 300, stock: 100, perMemberLimit: 2 });
    const commits = watchCommits(t);

    const results = await Promise.all(Array.from({ length: 10 }, () => send(m.cookie, { productId, addressId: m.addressId }, randomUUID())));

    if (how === "in one shared transaction") expect(commits.most).toBe(10);
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(8);
    expect(refused.every((r) => r.status === 409 && r.body.code === "LIMIT_REACHED")).toBe(true);
    expect(ordersOf(t, productId)).toHaveLength(2);
    expect(productRow(t, productId).stock).toBe(98);
    expect(t.db.select().from(members).where(eq(members.id, m.id)).get()!.balance).toBe(10_000 - 600);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it.each(transports)("10 simultaneous requests with one Idempotency-Key (%s) make one order and one charge; the others replay it", async (how) => {
    const t = await buildTestApp();
    const send = await sender(t, how);
    const [m] = crowd(t, 1, 1000);
    const productId = listProduct(t, t.createSupplier("dupes"), { pointsPrice: 250, stock: 10 });
    const key = randomUUID();
    const commits = watchCommits(t);

    const results = await Promise.all(Array.from({ length: 10 }, () => send(m.cookie, { productId, addressId: m.addressId }, key)));

    if (how === "in one shared transaction") expect(commits.most).toBe(10);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(results.filter((r) => r.replay)).toHaveLength(9);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(ordersOf(t, productId)).toHaveLength(1);
    expect(productRow(t, productId).stock).toBe(9);
    expect(spendOf(t, [m.id])).toHaveLength(1);
    expect(t.db.select().from(members).where(eq(members.id, m.id)).get()!.balance).toBe(750);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it.each(transports)("30 members at once (%s) on a pool of 20 coupon codes: 20 orders with 20 different codes, the rest SOLD_OUT", async (how) => {
    const t = await buildTestApp();
    const send = await sender(t, how);
    const crowdOf = crowd(t, 30, 1000);
    const productId = listProduct(t, t.createSupplier("coupons"), { type: "coupon", stock: 0, pointsPrice: 100 });
    loadCodes(t, productId, Array.from({ length: 20 }, (_, i) => `POOL-${String(i).padStart(4, "0")}`));

    const commits = watchCommits(t);

    const results = await Promise.all(crowdOf.map((m) => send(m.cookie, { productId }, randomUUID())));

    if (how === "in one shared transaction") expect(commits.most).toBe(30);

    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(20);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.code === "SOLD_OUT")).toBe(true);
    const codeIds = created.map((r) => r.body.couponCodeId);
    expect(new Set(codeIds).size).toBe(20);
    const pool = t.db.select().from(couponCodes).where(eq(couponCodes.productId, productId)).all();
    expect(pool.every((c) => c.status === "assigned")).toBe(true);
    // Each code is held by exactly the order that got it.
    const orderOfCode = new Map(ordersOf(t, productId).map((o) => [o.couponCodeId, o.id]));
    for (const c of pool) expect(orderOfCode.get(c.id)).toBe(c.orderId);
    expect(productRow(t, productId).stock).toBe(0);
    expect(ledgerViolations(t.db)).toEqual([]);
  });
});
