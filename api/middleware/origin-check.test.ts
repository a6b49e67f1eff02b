import { describe, expect, it } from "vitest";
import { suppliers } from "../../db/schema";
import { ORIGIN, TEST_PASSWORD, buildTestApp } from "../test/harness";

const EVIL = "https://evil.example";

describe("origin check (CSRF) on /api/admin", () => {
  it("returns 403 CSRF_ORIGIN_MISMATCH for a POST from another site and creates nothing", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("admin");
    const before = t.rowCounts();
    const res = await client.post("/api/admin/suppliers", { name: "Evil Corp", code: "evil" }, { origin: EVIL });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ message: "Cross-site request refused (Origin does not match)", code: "CSRF_ORIGIN_MISMATCH" });
    expect(t.rowCounts()).toEqual(before);
  });

  it("returns 403 CSRF_ORIGIN_MISMATCH for a PATCH from another site and changes nothing", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("admin");
    const victim = await t.createStaff("victim", "operator");
    const before = t.rowCounts();
    const res = await client.patch(`/api/admin/staff-users/${victim}`, { status: "disabled" }, { origin: EVIL });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("CSRF_ORIGIN_MISMATCH");
    expect(t.staffRow(victim)!.status).toBe("active");
    expect(t.rowCounts()).toEqual(before);
  });

  it("refuses a cross-site role edit, so a forged form cannot grant permissions", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("admin");
    const res = await client.patch("/api/admin/roles/operator", { permissions: [{ resource: "*", action: "*" }] }, { origin: EVIL });
    expect(res.status).toBe(403);
    const op = await client.get("/api/admin/roles/operator");
    expect(op.body.permissions).not.toContainEqual({ resource: "*", action: "*" });
  });

  it("refuses a cross-site sign-in (login CSRF) and starts no session", async () => {
    const t = await buildTestApp();
    await t.createStaff("alice", "operator");
    const res = await t.request("POST", "/api/admin/auth/login", { body: { username: "alice", password: TEST_PASSWORD }, headers: { origin: EVIL } });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(t.rowCounts().staffSessions).toBe(0);
  });

  it("falls back to the Referer when there is no Origin", async () => {
    const t = await buildTestApp();
    const { cookie } = await t.signIn("admin");
    const res = await t.request("POST", "/api/admin/suppliers", { cookie, body: { name: "X", code: "x" }, headers: { referer: `${EVIL}/page` } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("CSRF_ORIGIN_MISMATCH");
    expect(t.count(suppliers)).toBe(0);
  });

  it("refuses a malformed Referer", async () => {
    const t = await buildTestApp();
    const { cookie } = await t.signIn("admin");
    const res = await t.request("POST", "/api/admin/suppliers", { cookie, body: { name: "X", code: "x" }, headers: { referer: "not a url" } });
    expect(res.status).toBe(403);
    expect(t.count(suppliers)).toBe(0);
  });

  it("accepts a POST from the same origin", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("admin");
    const res = await client.post("/api/admin/suppliers", { name: "Fresh", code: "fresh" }, { origin: ORIGIN });
    expect(res.status).toBe(201);
  });

  it("accepts a same-origin Referer", async () => {
    const t = await buildTestApp();
    const { cookie } = await t.signIn("admin");
    const res = await t.request("POST", "/api/admin/suppliers", { cookie, body: { name: "Fresh", code: "fresh" }, headers: { referer: `${ORIGIN}/admin/suppliers/create` } });
    expect(res.status).toBe(201);
  });

  it("accepts a POST with neither Origin nor Referer (curl, scripts: no ambient cookie to abuse)", async () => {
    const t = await buildTestApp();
    const { cookie } = await t.signIn("admin");
    const res = await t.request("POST", "/api/admin/suppliers", { cookie, body: { name: "Fresh", code: "fresh" } });
    expect(res.status).toBe(201);
  });

  it("accepts an origin listed in allowedOrigins (the Vite dev server)", async () => {
    const t = await buildTestApp({ config: { allowedOrigins: ["http://localhost:5173"] } });
    const { client } = await t.signIn("admin");
    const res = await client.post("/api/admin/suppliers", { name: "Fresh", code: "fresh" }, { origin: "http://localhost:5173" });
    expect(res.status).toBe(201);
  });

  it("does not check safe methods: a cross-site GET is answered (cookies are SameSite=Lax anyway)", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("admin");
    const res = await client.get("/api/admin/suppliers", { origin: EVIL });
    expect(res.status).toBe(200);
  });
});
