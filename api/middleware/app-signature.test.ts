import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appNonces, apps, members } from "../../db/schema";
import { purgeNonces } from "../domain/apps/keyring";
import { signRequest } from "../lib/signing";
import { buildTestApp, createTestRule, registerTestApp, signedRequest, type TestApp, type TestHostApp } from "../test/harness";

const EVENTS = "/api/open/v1/events";
const share = (businessId = "share-1") => ({ type: "share", memberId: "u-1", businessId });

async function setup() {
  const t = await buildTestApp();
  const host = registerTestApp(t, { key: "host-app", secret: "the-real-secret" });
  createTestRule(t, "share", { award: { kind: "fixed", points: 20 } });
  return { t, host };
}

const seconds = (t: TestApp) => Math.floor(t.clock.now().getTime() / 1000);

/** Asserts a 401 with this code and that nothing was applied. */
function refused(t: TestApp, res: { status: number; body: any }, code: string) {
  expect(res.status).toBe(401);
  expect(res.body).toEqual({ code, message: expect.any(String) });
  expect(t.count(members)).toBe(0);
}

describe("signed host requests (/api/open/v1)", () => {
  it("accepts a request signed with the app's secret", async () => {
    const { t, host } = await setup();
    const res = await signedRequest(t, "POST", EVENTS, share(), host);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: "granted", points: 20 });
  });

  it("signs exactly METHOD, path with query, timestamp, nonce and the SHA-256 of the raw body (the README's recipe)", async () => {
    const { t, host } = await setup();
    const body = JSON.stringify(share());
    const timestamp = String(seconds(t));
    const nonce = "a1b2c3d4e5f6";
    const { createHash, createHmac } = await import("node:crypto");
    const canonical = ["POST", EVENTS, timestamp, nonce, createHash("sha256").update(body).digest("hex")].join("\n");
    const signature = createHmac("sha256", host.secret).update(canonical).digest("hex");
    expect(signature).toBe(signRequest(host.secret, "POST", EVENTS, timestamp, nonce, body));
    const res = await t.request("POST", EVENTS, {
      rawBody: body,
      headers: { "content-type": "application/json", "X-Pointmall-Key": host.key, "X-Pointmall-Timestamp": timestamp, "X-Pointmall-Nonce": nonce, "X-Pointmall-Signature": signature.toUpperCase() },
    });
    expect(res.status).toBe(200);
  });

  it("refuses a wrong secret with 401 SIGNATURE_INVALID", async () => {
    const { t, host } = await setup();
    refused(t, await signedRequest(t, "POST", EVENTS, share(), { key: host.key, secret: "a-guessed-secret" }), "SIGNATURE_INVALID");
  });

  it("refuses a tampered body with 401 SIGNATURE_INVALID", async () => {
    const { t, host } = await setup();
    const timestamp = String(seconds(t));
    const signed = JSON.stringify(share());
    const sent = JSON.stringify({ ...share(), type: "invite" });
    const res = await t.request("POST", EVENTS, {
      rawBody: sent,
      headers: { "content-type": "application/json", "X-Pointmall-Key": host.key, "X-Pointmall-Timestamp": timestamp, "X-Pointmall-Nonce": "nonce-tampered", "X-Pointmall-Signature": signRequest(host.secret, "POST", EVENTS, timestamp, "nonce-tampered", signed) },
    });
    refused(t, res, "SIGNATURE_INVALID");
  });

  it("refuses a tampered path or query with 401 SIGNATURE_INVALID", async () => {
    const { t, host } = await setup();
    await signedRequest(t, "POST", EVENTS, share(), host);
    const headersFor = (path: string, nonce: string) => {
      const timestamp = String(seconds(t));
      return { "X-Pointmall-Key": host.key, "X-Pointmall-Timestamp": timestamp, "X-Pointmall-Nonce": nonce, "X-Pointmall-Signature": signRequest(host.secret, "GET", path, timestamp, nonce, "") };
    };
    const query = await t.request("GET", "/api/open/v1/members/u-1/ledger?page=2", { headers: headersFor("/api/open/v1/members/u-1/ledger?page=1", "nonce-query") });
    expect([query.status, query.body.code]).toEqual([401, "SIGNATURE_INVALID"]);
    const path = await t.request("GET", "/api/open/v1/members/u-2", { headers: headersFor("/api/open/v1/members/u-1", "nonce-path") });
    expect([path.status, path.body.code]).toEqual([401, "SIGNATURE_INVALID"]);
    const method = await t.request("DELETE", "/api/open/v1/members/u-1", { headers: headersFor("/api/open/v1/members/u-1", "nonce-method") });
    expect([method.status, method.body.code]).toEqual([401, "SIGNATURE_INVALID"]);
    // Signed as sent, the same reads work.
    const ok = await t.request("GET", "/api/open/v1/members/u-1/ledger?page=1", { headers: headersFor("/api/open/v1/members/u-1/ledger?page=1", "nonce-ok") });
    expect(ok.status).toBe(200);
  });

  it.each([
    ["more than 5 minutes old", -301],
    ["more than 5 minutes ahead", 301],
    ["an hour old", -3600],
  ])("refuses a timestamp %s with 401 TIMESTAMP_OUT_OF_RANGE", async (_, offset) => {
    const { t, host } = await setup();
    refused(t, await signedRequest(t, "POST", EVENTS, share(), host, { timestamp: seconds(t) + offset }), "TIMESTAMP_OUT_OF_RANGE");
  });

  it("accepts a timestamp up to 5 minutes off either way", async () => {
    const { t, host } = await setup();
    expect((await signedRequest(t, "POST", EVENTS, share("a"), host, { timestamp: seconds(t) - 299 })).status).toBe(200);
    expect((await signedRequest(t, "POST", EVENTS, share("b"), host, { timestamp: seconds(t) + 299 })).status).toBe(200);
  });

  it.each(["not-a-number", "1e9", "", "17000000000000"])("refuses the timestamp %j with 401", async (timestamp) => {
    const { t, host } = await setup();
    const res = await signedRequest(t, "POST", EVENTS, share(), host, { timestamp });
    expect(res.status).toBe(401);
    expect(["TIMESTAMP_OUT_OF_RANGE", "SIGNATURE_MISSING"]).toContain(res.body.code);
  });

  it("refuses a reused nonce with 401 NONCE_REUSED, even for a different, correctly signed body", async () => {
    const { t, host } = await setup();
    expect((await signedRequest(t, "POST", EVENTS, share("a"), host, { nonce: "once-only-1" })).status).toBe(200);
    const again = await signedRequest(t, "POST", EVENTS, share("b"), host, { nonce: "once-only-1" });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe("NONCE_REUSED");
    expect(t.db.select().from(members).all()[0].balance).toBe(20);
  });

  it("forgets nonces only once their timestamp could no longer be accepted, so a late replay is still refused", async () => {
    const { t, host } = await setup();
    const timestamp = seconds(t);
    expect((await signedRequest(t, "POST", EVENTS, share("a"), host, { nonce: "remember-me", timestamp })).status).toBe(200);
    t.clock.advance(9 * 60_000);
    expect(purgeNonces(t.db, t.clock.now())).toBe(0);
    t.clock.advance(2 * 60_000);
    expect(purgeNonces(t.db, t.clock.now())).toBe(1);
    const replay = await signedRequest(t, "POST", EVENTS, share("a"), host, { nonce: "remember-me", timestamp });
    expect([replay.status, replay.body.code]).toEqual([401, "TIMESTAMP_OUT_OF_RANGE"]);
  });

  it("keeps nonces per app: two apps may use the same nonce", async () => {
    const { t, host } = await setup();
    const other = registerTestApp(t, { key: "other-app" });
    expect((await signedRequest(t, "POST", EVENTS, share(), host, { nonce: "shared-nonce" })).status).toBe(200);
    expect((await signedRequest(t, "POST", EVENTS, share(), other, { nonce: "shared-nonce" })).status).toBe(200);
  });

  it("does not burn the nonce on a failed signature or a stale timestamp", async () => {
    const { t, host } = await setup();
    const nonce = "precious-nonce";
    expect((await signedRequest(t, "POST", EVENTS, share(), { key: host.key, secret: "wrong" }, { nonce })).body.code).toBe("SIGNATURE_INVALID");
    expect((await signedRequest(t, "POST", EVENTS, share(), host, { nonce, timestamp: seconds(t) - 600 })).body.code).toBe("TIMESTAMP_OUT_OF_RANGE");
    expect(t.count(appNonces)).toBe(0);
    const genuine = await signedRequest(t, "POST", EVENTS, share(), host, { nonce });
    expect(genuine.status).toBe(200);
    expect(t.count(appNonces)).toBe(1);
  });

  it("refuses an unknown app key with 401 APP_KEY_UNKNOWN", async () => {
    const { t } = await setup();
    refused(t, await signedRequest(t, "POST", EVENTS, share(), { key: "no-such-app", secret: "whatever" }), "APP_KEY_UNKNOWN");
  });

  it("refuses a disabled app with 401 APP_DISABLED", async () => {
    const { t, host } = await setup();
    t.db.update(apps).set({ status: "disabled" }).where(eq(apps.id, host.id)).run();
    t.app.ctx.keyring.invalidate();
    refused(t, await signedRequest(t, "POST", EVENTS, share(), host), "APP_DISABLED");
  });

  it.each(["X-Pointmall-Key", "X-Pointmall-Timestamp", "X-Pointmall-Nonce", "X-Pointmall-Signature"])("refuses a request without %s with 401 SIGNATURE_MISSING", async (header) => {
    const { t, host } = await setup();
    const res = await signedRequest(t, "POST", EVENTS, share(), host, { headers: { [header]: "" } });
    refused(t, res, "SIGNATURE_MISSING");
  });

  it("refuses an unsigned request with 401 SIGNATURE_MISSING, on reads too", async () => {
    const { t } = await setup();
    refused(t, await t.request("POST", EVENTS, { body: share() }), "SIGNATURE_MISSING");
    expect((await t.request("GET", "/api/open/v1/members/u-1")).body.code).toBe("SIGNATURE_MISSING");
  });

  it("refuses a nonce shorter than 8 or longer than 64 characters with 401 NONCE_INVALID", async () => {
    const { t, host } = await setup();
    refused(t, await signedRequest(t, "POST", EVENTS, share(), host, { nonce: "short" }), "NONCE_INVALID");
    refused(t, await signedRequest(t, "POST", EVENTS, share(), host, { nonce: "n".repeat(65) }), "NONCE_INVALID");
  });

  it("answers every kind of failure with its own code", async () => {
    const { t, host } = await setup();
    const disabled: TestHostApp = registerTestApp(t, { key: "disabled-app" });
    t.db.update(apps).set({ status: "disabled" }).where(eq(apps.id, disabled.id)).run();
    t.app.ctx.keyring.invalidate();
    await signedRequest(t, "POST", EVENTS, share("x"), host, { nonce: "used-nonce" });
    const codes = [
      (await signedRequest(t, "POST", EVENTS, share(), { key: host.key, secret: "wrong" })).body.code,
      (await signedRequest(t, "POST", EVENTS, share(), host, { timestamp: seconds(t) - 400 })).body.code,
      (await signedRequest(t, "POST", EVENTS, share(), host, { nonce: "used-nonce" })).body.code,
      (await signedRequest(t, "POST", EVENTS, share(), { key: "unknown", secret: "x" })).body.code,
      (await signedRequest(t, "POST", EVENTS, share(), disabled)).body.code,
      (await t.request("POST", EVENTS, { body: share() })).body.code,
    ];
    expect(codes).toEqual(["SIGNATURE_INVALID", "TIMESTAMP_OUT_OF_RANGE", "NONCE_REUSED", "APP_KEY_UNKNOWN", "APP_DISABLED", "SIGNATURE_MISSING"]);
  });
});
