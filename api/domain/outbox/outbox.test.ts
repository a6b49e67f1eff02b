import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apps, deliveryAttempts, outbox } from "../../../db/schema";
import { signRequest } from "../../lib/signing";
import { buildTestApp, createTestRule, registerTestApp, signedRequest, type TestApp } from "../../test/harness";
import { outboxHandlers } from "./handlers";
import { BACKOFF_MS, deliverDue, enqueue, MAX_ATTEMPTS } from "./outbox";
import { WEBHOOK_TIMEOUT_MS } from "./webhook-handler";

const HOOK = "https://host.example/hooks/pointmall?tenant=7";

/** What the host's endpoint answers, call by call; it records every call. */
function fakeHost() {
  const calls: { url: string; init: RequestInit }[] = [];
  let answer: (n: number) => Response | Promise<Response> = () => new Response("ok");
  const fetch = (async (url: string | URL, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    return answer(calls.length);
  }) as typeof globalThis.fetch;
  return { calls, fetch, answer: (fn: typeof answer) => (answer = fn) };
}

async function setup() {
  const host = fakeHost();
  const t = await buildTestApp({ deps: { fetch: host.fetch } });
  const app = registerTestApp(t, { webhookUrl: HOOK });
  createTestRule(t, "share", { award: { kind: "fixed", points: 20 } });
  const res = await signedRequest(t, "POST", "/api/open/v1/events", { type: "share", memberId: "u-1", businessId: "share-1" }, app);
  expect(res.body.outcome).toBe("granted");
  const item = t.db.select().from(outbox).get()!;
  return { t, host, app, item, entryId: res.body.entryId as number };
}

const itemRow = (t: TestApp, id: number) => t.db.select().from(outbox).where(eq(outbox.id, id)).get()!;
const attempts = (t: TestApp, id: number) => t.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.outboxId, id)).orderBy(asc(deliveryAttempts.attempt)).all();
const deliver = (t: TestApp) => deliverDue(t.app.ctx, outboxHandlers);

describe("deliverDue (webhooks)", () => {
  it("POSTs the event to the app's URL, signed with the app's secret like the host's own calls", async () => {
    const { t, host, app, item, entryId } = await setup();
    expect(await deliver(t)).toEqual({ attempted: 1, delivered: 1 });
    expect(host.calls).toHaveLength(1);
    const [{ url, init }] = host.calls;
    expect(url).toBe(HOOK);
    expect(init.method).toBe("POST");
    const headers = init.headers as Record<string, string>;
    expect(headers).toMatchObject({ "content-type": "application/json", "X-Pointmall-Event": "points.changed", "X-Pointmall-Delivery": String(item.id), "X-Pointmall-Key": app.key });
    expect(Number(headers["X-Pointmall-Timestamp"])).toBe(Math.floor(t.clock.now().getTime() / 1000));
    // The receiver verifies over its own path and query, the raw body, timestamp and nonce.
    const expected = signRequest(app.secret, "POST", "/hooks/pointmall?tenant=7", headers["X-Pointmall-Timestamp"], headers["X-Pointmall-Nonce"], init.body as string);
    expect(headers["X-Pointmall-Signature"]).toBe(expected);
    expect(JSON.parse(init.body as string)).toEqual({
      id: `evt_${item.id}`,
      topic: "points.changed",
      createdAt: t.clock.now().toISOString(),
      data: { memberId: "u-1", entryId, type: "earn", amount: 20, balance: 20, businessId: "share-1", reason: "share event", at: t.clock.now().toISOString() },
    });
    expect(itemRow(t, item.id)).toMatchObject({ status: "delivered", attempts: 1, deliveredAt: t.clock.now(), lastError: null });
    expect(attempts(t, item.id)).toEqual([expect.objectContaining({ attempt: 1, url: HOOK, statusCode: 200, ok: true, error: null, responseSnippet: "ok" })]);
    // Delivered items are not sent again.
    expect(await deliver(t)).toEqual({ attempted: 0, delivered: 0 });
  });

  it("retries a 500 with backoff: nextAttemptAt moves by BACKOFF_MS, each attempt is logged", async () => {
    const { t, host, item } = await setup();
    host.answer(() => new Response("upstream down", { status: 500 }));
    const start = t.clock.now().getTime();
    await deliver(t);
    expect(itemRow(t, item.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500", nextAttemptAt: new Date(start + BACKOFF_MS[0]) });
    // Not due yet: nothing is sent.
    t.clock.advance(BACKOFF_MS[0] - 1);
    expect((await deliver(t)).attempted).toBe(0);
    t.clock.advance(1);
    await deliver(t);
    expect(itemRow(t, item.id)).toMatchObject({ attempts: 2, nextAttemptAt: new Date(t.clock.now().getTime() + BACKOFF_MS[1]) });
    expect(attempts(t, item.id).map((a) => [a.attempt, a.statusCode, a.ok, a.error, a.responseSnippet])).toEqual([
      [1, 500, false, "HTTP 500", "upstream down"],
      [2, 500, false, "HTTP 500", "upstream down"],
    ]);
    // The host recovers: delivered on the next attempt.
    host.answer(() => new Response(null, { status: 204 }));
    t.clock.advance(BACKOFF_MS[1]);
    expect(await deliver(t)).toEqual({ attempted: 1, delivered: 1 });
    expect(itemRow(t, item.id)).toMatchObject({ status: "delivered", attempts: 3 });
  });

  it("retries a timeout and a network error like a failure", async () => {
    const { t, host, item } = await setup();
    host.answer(() => {
      throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    });
    await deliver(t);
    host.answer(() => {
      throw new TypeError("fetch failed");
    });
    t.clock.advance(BACKOFF_MS[0]);
    await deliver(t);
    expect(attempts(t, item.id).map((a) => [a.attempt, a.statusCode, a.ok, a.error])).toEqual([
      [1, null, false, `timed out after ${WEBHOOK_TIMEOUT_MS} ms`],
      [2, null, false, "fetch failed"],
    ]);
    expect(itemRow(t, item.id)).toMatchObject({ status: "pending", attempts: 2, lastError: "fetch failed" });
    expect(host.calls.every((c) => c.init.signal instanceof AbortSignal)).toBe(true);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts (dead), having waited longer each time`, async () => {
    const { t, host, item } = await setup();
    host.answer(() => new Response("no", { status: 503 }));
    const waits: number[] = [];
    for (let n = 1; n <= MAX_ATTEMPTS; n++) {
      const before = t.clock.now().getTime();
      expect((await deliver(t)).attempted, `attempt ${n}`).toBe(1);
      const row = itemRow(t, item.id);
      if (n < MAX_ATTEMPTS) {
        expect(row.status).toBe("pending");
        waits.push(row.nextAttemptAt.getTime() - before);
        t.clock.set(row.nextAttemptAt);
      } else expect(row).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS, lastError: "HTTP 503" });
    }
    expect(waits).toEqual([...BACKOFF_MS, ...Array(MAX_ATTEMPTS - 1 - BACKOFF_MS.length).fill(BACKOFF_MS.at(-1))]);
    expect(attempts(t, item.id)).toHaveLength(MAX_ATTEMPTS);
    t.clock.advance(365 * 86_400_000);
    expect((await deliver(t)).attempted).toBe(0);
    expect(host.calls).toHaveLength(MAX_ATTEMPTS);
  });

  it("gives up at once when the app has no webhook URL any more (retrying cannot help)", async () => {
    const { t, host, app, item } = await setup();
    t.db.update(apps).set({ webhookUrl: "" }).where(eq(apps.id, app.id)).run();
    t.app.ctx.keyring.invalidate();
    await deliver(t);
    expect(itemRow(t, item.id)).toMatchObject({ status: "dead", attempts: 1, lastError: "the app has no webhook URL" });
    expect(host.calls).toHaveLength(0);
  });

  it("skips kinds it has no handler for, and delivers the oldest due first, up to the limit", async () => {
    const { t, host } = await setup();
    const now = t.clock.now();
    enqueue(t.db, now, { kind: "mystery", topic: "x", payload: {} });
    const later = enqueue(t.db, now, { kind: "webhook", topic: "points.changed", appId: 1, payload: { n: 2 } });
    expect(enqueue(t.db, now, { kind: "webhook", topic: "points.changed", appId: 1, payload: { n: 3 }, dedupeKey: "points.changed:1" })).toBeNull();
    const result = await deliverDue(t.app.ctx, outboxHandlers, { limit: 2 });
    expect(result).toEqual({ attempted: 2, delivered: 1 });
    expect(host.calls.map((c) => JSON.parse(c.init.body as string).data.n ?? "first")).toEqual(["first"]);
    await deliverDue(t.app.ctx, outboxHandlers);
    expect(itemRow(t, later!).status).toBe("delivered");
    expect(t.db.select().from(outbox).where(eq(outbox.kind, "mystery")).get()!.status).toBe("pending");
  });
});
