import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apps, auditLog } from "../../../db/schema";
import { buildTestApp, signedRequest, type TestApp } from "../../test/harness";

const BASE = "/api/admin/apps";
const EVENTS = "/api/open/v1/events";

async function setup() {
  const t = await buildTestApp();
  const admin = await t.signIn("admin");
  return { t, admin: admin.client, adminId: admin.id };
}

const stored = (t: TestApp, id: number) => t.db.select().from(apps).where(eq(apps.id, id)).get()!;
/** A signed call that passes the signature check whatever the rules are (no rule: ignored, 200). */
const call = (t: TestApp, key: string, secret: string) => signedRequest(t, "POST", EVENTS, { type: "ping", memberId: "u-1", businessId: `ping-${Math.random()}` }, { key, secret });

describe("POST /api/admin/apps", () => {
  it("registers an app and shows its secret once; only the encrypted secret is stored", async () => {
    const { t, admin, adminId } = await setup();
    const res = await admin.post(BASE, { key: "star-app", name: "星河生活", webhookUrl: "https://host.example/hooks" });
    expect(res.status).toBe(201);
    const { secret, ...shown } = res.body;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(shown).toMatchObject({ key: "star-app", name: "星河生活", status: "active", webhookUrl: "https://host.example/hooks", secretHint: secret.slice(-4), secretRotatedAt: null });

    const row = stored(t, res.body.id);
    expect(row.secretEnc).not.toContain(secret);
    expect(t.app.ctx.box.open(row.secretEnc)).toBe(secret);
    expect(JSON.stringify(t.db.select().from(apps).all())).not.toContain(secret);

    const entry = t.auditEntries().at(-1)!;
    expect(entry).toMatchObject({ actorId: adminId, action: "create", resource: "apps", resourceId: String(res.body.id) });
    expect(JSON.stringify(entry)).not.toContain(secret);

    // The host can sign with it at once.
    expect((await call(t, "star-app", secret)).status).toBe(200);
  });

  it("never shows the secret again: neither the list nor the detail carry it", async () => {
    const { admin } = await setup();
    const { body } = await admin.post(BASE, { key: "star-app", name: "Star" });
    for (const res of [await admin.get(BASE), await admin.get(`${BASE}/${body.id}`)]) {
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(body.secret);
      expect(text).not.toContain("secretEnc");
      expect(text).not.toContain('"secret"');
    }
    expect((await admin.get(`${BASE}?secretEnc=v1`)).status).toBe(400);
  });

  it("returns 409 APP_KEY_TAKEN for a key in use, and 422 for a bad key or webhook URL", async () => {
    const { t, admin } = await setup();
    await admin.post(BASE, { key: "star-app", name: "Star" });
    const taken = await admin.post(BASE, { key: "star-app", name: "Again" });
    expect([taken.status, taken.body.code]).toEqual([409, "APP_KEY_TAKEN"]);
    for (const [body, field] of [
      [{ key: "Star App", name: "x" }, "key"],
      [{ key: "ab", name: "x" }, "key"],
      [{ key: "ok-app", name: "x", webhookUrl: "ftp://host.example" }, "webhookUrl"],
      [{ key: "ok-app", name: "" }, "name"],
    ] as const) {
      const res = await admin.post(BASE, body);
      expect([res.status, Object.keys(res.body.details.fields)], JSON.stringify(body)).toEqual([422, [field]]);
    }
    expect(t.count(apps)).toBe(1);
  });

  it("is for the admin only: the operator may read apps but not create them (403)", async () => {
    const { t, admin } = await setup();
    await admin.post(BASE, { key: "star-app", name: "Star" });
    const { client } = await t.signIn("operator");
    expect((await client.get(BASE)).status).toBe(200);
    expect((await client.post(BASE, { key: "my-app", name: "Mine" })).status).toBe(403);
    expect((await client.post(`${BASE}/1/rotate-secret`)).status).toBe(403);
    expect((await client.patch(`${BASE}/1`, { status: "disabled" })).status).toBe(403);
  });
});

describe("POST /api/admin/apps/:id/rotate-secret", () => {
  it("issues a new secret, shown once: the old one fails with 401 SIGNATURE_INVALID at once, the new one works", async () => {
    const { t, admin, adminId } = await setup();
    const created = await admin.post(BASE, { key: "star-app", name: "Star" });
    const old = created.body.secret;
    expect((await call(t, "star-app", old)).status).toBe(200);

    t.clock.advance(60_000);
    const res = await admin.post(`${BASE}/${created.body.id}/rotate-secret`);
    expect(res.status).toBe(200);
    const fresh = res.body.secret;
    expect(fresh).not.toBe(old);
    expect(res.body).toMatchObject({ secretHint: fresh.slice(-4), secretRotatedAt: t.clock.now().toISOString() });
    expect(t.app.ctx.box.open(stored(t, created.body.id).secretEnc)).toBe(fresh);

    const withOld = await call(t, "star-app", old);
    expect([withOld.status, withOld.body.code]).toEqual([401, "SIGNATURE_INVALID"]);
    expect((await call(t, "star-app", fresh)).status).toBe(200);

    const entry = t.auditEntries().at(-1)!;
    expect(entry).toMatchObject({ actorId: adminId, action: "rotate-secret", resource: "apps", resourceId: String(created.body.id), after: { secretHint: fresh.slice(-4) } });
    expect(JSON.stringify(t.db.select().from(auditLog).all())).not.toContain(fresh);
  });

  it("returns 404 for an unknown app", async () => {
    const { admin } = await setup();
    expect((await admin.post(`${BASE}/9999/rotate-secret`)).status).toBe(404);
  });
});

describe("PATCH /api/admin/apps/:id", () => {
  it("disables an app (its calls get 401 APP_DISABLED at once) and enables it again, with audit entries", async () => {
    const { t, admin } = await setup();
    const { body } = await admin.post(BASE, { key: "star-app", name: "Star" });
    expect((await admin.patch(`${BASE}/${body.id}`, { status: "disabled" })).body.status).toBe("disabled");
    expect((await call(t, "star-app", body.secret)).body.code).toBe("APP_DISABLED");
    await admin.patch(`${BASE}/${body.id}`, { status: "active", webhookUrl: "https://host.example/new" });
    expect((await call(t, "star-app", body.secret)).status).toBe(200);
    expect(t.auditEntries().filter((e) => e.resource === "apps" && e.action === "update")).toHaveLength(2);
    expect(t.auditEntries().at(-1)!.after).toMatchObject({ status: "active", webhookUrl: "https://host.example/new" });
  });
});
