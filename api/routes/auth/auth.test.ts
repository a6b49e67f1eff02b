import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { staffSessions, staffUsers } from "../../../db/schema";
import { HOUR, MINUTE } from "../../lib/clock";
import { sha256Hex } from "../../lib/tokens";
import { defaultConfig } from "../../context";
import { defaultPolicies } from "../../rbac/default-policies";
import { buildTestApp, ORIGIN, TEST_PASSWORD, type TestApp } from "../../test/harness";

const LOGIN = "/api/admin/auth/login";

const attempt = (t: TestApp, username: string, password: string, ip?: string) =>
  t.request("POST", LOGIN, { body: { username, password }, headers: ip ? { "x-test-ip": ip } : {} });

const tokenOf = (cookie: string) => cookie.slice("pm_staff=".length);

describe("POST /api/admin/auth/login", () => {
  it("signs in, returns the staff member and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const t = await buildTestApp();
    const id = await t.createStaff("alice", "operator");
    const res = await attempt(t, "alice", TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, username: "alice", displayName: "alice", role: "operator", supplierId: null, supplierName: null });
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^pm_staff=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).toContain(`Max-Age=${defaultConfig.sessionMaxAgeMs / 1000}`);
    expect(setCookie).not.toContain("Secure");
  });

  it("stores only the SHA-256 of the token, with the idle expiry, and records the sign-in", async () => {
    const t = await buildTestApp();
    const id = await t.createStaff("alice", "operator");
    const cookie = await t.login("alice");
    const sessions = t.db.select().from(staffSessions).all();
    expect(sessions).toHaveLength(1);
    expect(sessions[0].id).toBe(sha256Hex(tokenOf(cookie)));
    expect(sessions[0].userId).toBe(id);
    expect(sessions[0].expiresAt.getTime()).toBe(t.clock.now().getTime() + defaultConfig.sessionIdleMs);
    expect(t.staffRow(id)!.lastLoginAt).toEqual(t.clock.now());
  });

  it("marks the cookie Secure when cookieSecure is on", async () => {
    const t = await buildTestApp({ config: { cookieSecure: true } });
    await t.createStaff("alice", "operator");
    const res = await attempt(t, "alice", TEST_PASSWORD);
    expect(res.headers.get("set-cookie")).toContain("Secure");
  });

  it("returns 401 INVALID_CREDENTIALS for a wrong password, sets no cookie and counts the failure", async () => {
    const t = await buildTestApp();
    const id = await t.createStaff("alice", "operator");
    const res = await attempt(t, "alice", "wrong-password");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: "Wrong username or password", code: "INVALID_CREDENTIALS" });
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(t.rowCounts().staffSessions).toBe(0);
    expect(t.staffRow(id)!.failedLogins).toBe(1);
  });

  it("returns the same 401 for an unknown user, so usernames cannot be discovered", async () => {
    const t = await buildTestApp();
    await t.createStaff("alice", "operator");
    const wrongPassword = await attempt(t, "alice", "wrong-password");
    const unknownUser = await attempt(t, "mallory", "wrong-password");
    expect(unknownUser.status).toBe(401);
    expect(unknownUser.body).toEqual(wrongPassword.body);
    expect(t.rowCounts().staffSessions).toBe(0);
  });

  it("returns 403 ACCOUNT_DISABLED for a disabled account with the right password and starts no session", async () => {
    const t = await buildTestApp();
    const id = await t.createStaff("alice", "operator");
    t.db.update(staffUsers).set({ status: "disabled" }).where(eq(staffUsers.id, id)).run();
    const res = await attempt(t, "alice", TEST_PASSWORD);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("ACCOUNT_DISABLED");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(t.rowCounts().staffSessions).toBe(0);
  });

  it("returns 422 with field paths for a missing username and password and counts no failure", async () => {
    const t = await buildTestApp();
    const res = await t.request("POST", LOGIN, { body: {} });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(res.body.details.fields).sort()).toEqual(["password", "username"]);
  });

  it("returns 400 BAD_JSON for a malformed body", async () => {
    const t = await buildTestApp();
    const res = await t.request("POST", LOGIN, { rawBody: '{"username": "alice",', headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: "The request body is not valid JSON", code: "BAD_JSON" });
  });

  it("writes a login audit entry with the staff member as actor", async () => {
    const t = await buildTestApp();
    const id = await t.createStaff("alice", "operator");
    await t.login("alice");
    expect(t.auditEntries()).toEqual([
      expect.objectContaining({ actorId: id, actorName: "alice", actorRole: "operator", action: "login", resource: "staff-users", resourceId: String(id), ip: "10.0.0.1" }),
    ]);
  });
});

describe("account lockout", () => {
  it("locks the account after 5 failures in a row: the right password then gets 429 ACCOUNT_LOCKED", async () => {
    const t = await buildTestApp();
    const id = await t.createStaff("alice", "operator");
    for (let i = 0; i < 5; i++) expect((await attempt(t, "alice", "wrong-password")).status).toBe(401);
    const res = await attempt(t, "alice", TEST_PASSWORD);
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ code: "ACCOUNT_LOCKED", details: { retryAfterSeconds: 900 } });
    expect(res.headers.get("retry-after")).toBe("900");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(t.rowCounts().staffSessions).toBe(0);
    expect(t.staffRow(id)!.lockedUntil).toEqual(new Date(t.clock.now().getTime() + 15 * MINUTE));
  });

  it("records the lock in the audit log", async () => {
    const t = await buildTestApp();
    const id = await t.createStaff("alice", "operator");
    for (let i = 0; i < 5; i++) await attempt(t, "alice", "wrong-password");
    expect(t.auditEntries()).toEqual([
      expect.objectContaining({ action: "lock", resource: "staff-users", resourceId: String(id), actorId: null, actorName: "anonymous", after: { reason: "failed sign-ins", failures: 5 } }),
    ]);
  });

  it("unlocks once lockMs has passed, and the right password signs in", async () => {
    const t = await buildTestApp();
    const id = await t.createStaff("alice", "operator");
    for (let i = 0; i < 5; i++) await attempt(t, "alice", "wrong-password");
    t.clock.advance(15 * MINUTE - 1000);
    expect((await attempt(t, "alice", TEST_PASSWORD)).status).toBe(429);
    t.clock.advance(1000);
    const res = await attempt(t, "alice", TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(t.staffRow(id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it("does not extend the lock for attempts made while locked", async () => {
    const t = await buildTestApp();
    await t.createStaff("alice", "operator");
    for (let i = 0; i < 5; i++) await attempt(t, "alice", "wrong-password");
    t.clock.advance(10 * MINUTE);
    for (let i = 0; i < 5; i++) expect((await attempt(t, "alice", "wrong-password")).status).toBe(429);
    t.clock.advance(5 * MINUTE);
    expect((await attempt(t, "alice", TEST_PASSWORD)).status).toBe(200);
  });

  it("counts only failures in a row: a successful sign-in resets the count", async () => {
    const t = await buildTestApp();
    const id = await t.createStaff("alice", "operator");
    for (let i = 0; i < 4; i++) await attempt(t, "alice", "wrong-password");
    expect((await attempt(t, "alice", TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) await attempt(t, "alice", "wrong-password");
    expect((await attempt(t, "alice", TEST_PASSWORD)).status).toBe(200);
    expect(t.staffRow(id)!.lockedUntil).toBeNull();
  });

  it("locks after lockout.maxFailures and for lockout.lockMs as configured", async () => {
    const t = await buildTestApp({ config: { lockout: { maxFailures: 2, lockMs: 2 * MINUTE } } });
    await t.createStaff("alice", "operator");
    await attempt(t, "alice", "wrong-password");
    await attempt(t, "alice", "wrong-password");
    const res = await attempt(t, "alice", TEST_PASSWORD);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("120");
    t.clock.advance(2 * MINUTE);
    expect((await attempt(t, "alice", TEST_PASSWORD)).status).toBe(200);
  });

  it("locks only the attacked account", async () => {
    const t = await buildTestApp();
    await t.createStaff("alice", "operator");
    await t.createStaff("bob", "operator");
    for (let i = 0; i < 5; i++) await attempt(t, "alice", "wrong-password");
    expect((await attempt(t, "bob", TEST_PASSWORD)).status).toBe(200);
  });
});

describe("per-IP sign-in rate limit", () => {
  const config = { ipLimit: { maxFailures: 3, windowMs: 10 * MINUTE } };

  it("refuses an address with 429 LOGIN_RATE_LIMITED after ipLimit.maxFailures failures, even with the right password", async () => {
    const t = await buildTestApp({ config });
    await t.createStaff("alice", "operator");
    // Spread over different usernames: no single account reaches its own lockout.
    for (const u of ["u1", "u2", "u3"]) expect((await attempt(t, u, "guess-1234", "203.0.113.7")).status).toBe(401);
    const res = await attempt(t, "alice", TEST_PASSWORD, "203.0.113.7");
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ code: "LOGIN_RATE_LIMITED", details: { retryAfterSeconds: 600 } });
    expect(res.headers.get("retry-after")).toBe("600");
    expect(t.rowCounts().staffSessions).toBe(0);
  });

  it("still lets other addresses sign in", async () => {
    const t = await buildTestApp({ config });
    await t.createStaff("alice", "operator");
    for (const u of ["u1", "u2", "u3"]) await attempt(t, u, "guess-1234", "203.0.113.7");
    expect((await attempt(t, "alice", TEST_PASSWORD, "198.51.100.2")).status).toBe(200);
  });

  it("lets the address try again once the window has passed", async () => {
    const t = await buildTestApp({ config });
    await t.createStaff("alice", "operator");
    for (const u of ["u1", "u2", "u3"]) await attempt(t, u, "guess-1234", "203.0.113.7");
    t.clock.advance(10 * MINUTE - 1);
    expect((await attempt(t, "alice", TEST_PASSWORD, "203.0.113.7")).status).toBe(429);
    t.clock.advance(1);
    expect((await attempt(t, "alice", TEST_PASSWORD, "203.0.113.7")).status).toBe(200);
  });

  it("forgets an address's failures after a successful sign-in from it", async () => {
    const t = await buildTestApp({ config });
    await t.createStaff("alice", "operator");
    await attempt(t, "u1", "guess-1234", "203.0.113.7");
    await attempt(t, "u2", "guess-1234", "203.0.113.7");
    expect((await attempt(t, "alice", TEST_PASSWORD, "203.0.113.7")).status).toBe(200);
    await attempt(t, "u3", "guess-1234", "203.0.113.7");
    await attempt(t, "u4", "guess-1234", "203.0.113.7");
    expect((await attempt(t, "alice", TEST_PASSWORD, "203.0.113.7")).status).toBe(200);
  });
});

describe("staff sessions", () => {
  it("expire after sessionIdleMs without a request: the cookie then gets 401 and the session row is gone", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("operator");
    t.clock.advance(defaultConfig.sessionIdleMs);
    const res = await client.get("/api/admin/me");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("UNAUTHENTICATED");
    expect(t.rowCounts().staffSessions).toBe(0);
  });

  it("are still valid just before the idle expiry", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("operator");
    t.clock.advance(defaultConfig.sessionIdleMs - 1);
    expect((await client.get("/api/admin/me")).status).toBe(200);
  });

  it("slide: each request pushes the idle expiry forward, so an active session outlives sessionIdleMs", async () => {
    const t = await buildTestApp();
    const { client, cookie } = await t.signIn("operator");
    for (let i = 0; i < 4; i++) {
      t.clock.advance(90 * MINUTE);
      expect((await client.get("/api/admin/me")).status).toBe(200);
    }
    const row = t.db.select().from(staffSessions).where(eq(staffSessions.id, sha256Hex(tokenOf(cookie)))).get()!;
    expect(row.expiresAt.getTime()).toBe(t.clock.now().getTime() + defaultConfig.sessionIdleMs);
  });

  it("never slide past sessionMaxAgeMs: an active session still ends at its maximum age", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("operator");
    for (let h = 1; h <= 11; h++) {
      t.clock.advance(HOUR);
      expect((await client.get("/api/admin/me")).status).toBe(200);
    }
    t.clock.advance(HOUR - 1);
    expect((await client.get("/api/admin/me")).status).toBe(200);
    t.clock.advance(1);
    expect((await client.get("/api/admin/me")).status).toBe(401);
  });

  it("follow the configured sessionIdleMs and sessionMaxAgeMs", async () => {
    const t = await buildTestApp({ config: { sessionIdleMs: 10 * MINUTE, sessionMaxAgeMs: 25 * MINUTE } });
    const { client } = await t.signIn("operator");
    t.clock.advance(9 * MINUTE);
    expect((await client.get("/api/admin/me")).status).toBe(200);
    t.clock.advance(9 * MINUTE);
    expect((await client.get("/api/admin/me")).status).toBe(200);
    t.clock.advance(7 * MINUTE);
    expect((await client.get("/api/admin/me")).status).toBe(401);
  });

  it("refuse a cookie whose token is not a session", async () => {
    const t = await buildTestApp();
    await t.signIn("operator");
    const res = await t.as("pm_staff=forged-token").get("/api/admin/me");
    expect(res.status).toBe(401);
  });

  it("refuse the session id itself used as a cookie (the table holds hashes, not tokens)", async () => {
    const t = await buildTestApp();
    await t.signIn("operator");
    const stored = t.db.select().from(staffSessions).get()!.id;
    expect((await t.as(`pm_staff=${stored}`).get("/api/admin/me")).status).toBe(401);
  });
});

describe("POST /api/admin/auth/logout", () => {
  it("ends the session: the old cookie gets 401 afterwards and the cookie is cleared", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("operator");
    const res = await client.post("/api/admin/auth/logout");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers.get("set-cookie")).toMatch(/^pm_staff=;.*Max-Age=0/);
    expect(t.rowCounts().staffSessions).toBe(0);
    expect((await client.get("/api/admin/me")).status).toBe(401);
  });

  it("ends only this session: the same user's other sessions stay", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("operator");
    const other = t.as(await t.login("operator"));
    await client.post("/api/admin/auth/logout");
    expect((await other.get("/api/admin/me")).status).toBe(200);
  });

  it("writes a logout audit entry", async () => {
    const t = await buildTestApp();
    const { client, id } = await t.signIn("operator");
    await client.post("/api/admin/auth/logout");
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "logout", resource: "staff-users", resourceId: String(id), actorId: id, actorName: "operator" });
  });

  it("answers ok without a session and writes nothing", async () => {
    const t = await buildTestApp();
    const before = t.rowCounts();
    const res = await t.request("POST", "/api/admin/auth/logout");
    expect(res.status).toBe(200);
    expect(t.rowCounts()).toEqual(before);
  });
});

describe("GET /api/admin/me", () => {
  it("returns the signed-in staff member", async () => {
    const t = await buildTestApp();
    const { client, id } = await t.signIn("auditor");
    const res = await client.get("/api/admin/me");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, username: "auditor", displayName: "auditor", role: "auditor", supplierId: null, supplierName: null });
  });

  it("names the supplier of supplier staff", async () => {
    const t = await buildTestApp();
    const supplierId = t.createSupplier("digital-select", { name: "Digital Select" });
    const { client } = await t.signIn("supplier", { supplierId });
    const res = await client.get("/api/admin/me");
    expect(res.body).toMatchObject({ role: "supplier", supplierId, supplierName: "Digital Select" });
  });

  it("returns 401 without a session", async () => {
    const t = await buildTestApp();
    expect((await t.request("GET", "/api/admin/me")).status).toBe(401);
  });
});

describe("GET /api/admin/me/permissions", () => {
  it("lists the role's policy lines as (resource, action) pairs", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("service");
    const res = await client.get("/api/admin/me/permissions");
    expect(res.status).toBe(200);
    expect(res.body.role).toBe("service");
    expect(res.body.permissions).toEqual(defaultPolicies.filter(([role]) => role === "service").map(([, resource, action]) => ({ resource, action })));
    expect(res.body.permissions).toEqual(
      expect.arrayContaining([
        { resource: "suppliers", action: "read" },
        { resource: "pii", action: "unmask" },
      ]),
    );
  });

  it("gives the admin the wildcard line and the auditor read on everything", async () => {
    const t = await buildTestApp();
    const admin = await t.signIn("admin");
    const auditor = await t.signIn("auditor");
    expect((await admin.client.get("/api/admin/me/permissions")).body.permissions).toEqual([{ resource: "*", action: "*" }]);
    expect((await auditor.client.get("/api/admin/me/permissions")).body.permissions).toEqual([{ resource: "*", action: "read" }]);
  });

  it("returns 401 without a session", async () => {
    const t = await buildTestApp();
    expect((await t.request("GET", "/api/admin/me/permissions")).status).toBe(401);
  });
});

describe("POST /api/admin/me/password", () => {
  it("changes the password, ends every other session of the account and keeps this one", async () => {
    const t = await buildTestApp();
    const { client, id } = await t.signIn("operator");
    const laptop = t.as(await t.login("operator"));
    const otherUser = await t.signIn("auditor");
    const res = await client.post("/api/admin/me/password", { currentPassword: TEST_PASSWORD, newPassword: "a-new-long-password" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect((await client.get("/api/admin/me")).status).toBe(200);
    expect((await laptop.get("/api/admin/me")).status).toBe(401);
    expect((await otherUser.client.get("/api/admin/me")).status).toBe(200);
    expect(t.staffRow(id)!.passwordChangedAt).toEqual(t.clock.now());
  });

  it("makes the new password the one that signs in", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("operator");
    await client.post("/api/admin/me/password", { currentPassword: TEST_PASSWORD, newPassword: "a-new-long-password" });
    expect((await attempt(t, "operator", TEST_PASSWORD)).status).toBe(401);
    expect((await attempt(t, "operator", "a-new-long-password")).status).toBe(200);
  });

  it("writes a change-password audit entry that holds no password or hash", async () => {
    const t = await buildTestApp();
    const { client, id } = await t.signIn("operator");
    await client.post("/api/admin/me/password", { currentPassword: TEST_PASSWORD, newPassword: "a-new-long-password" });
    const entry = t.auditEntries().at(-1)!;
    expect(entry).toMatchObject({ action: "change-password", resource: "staff-users", resourceId: String(id), actorId: id });
    const all = JSON.stringify(t.auditEntries());
    expect(all).not.toContain("a-new-long-password");
    expect(all).not.toContain("scrypt$");
  });

  it("returns 422 WRONG_PASSWORD for a wrong current password and changes nothing", async () => {
    const t = await buildTestApp();
    const { client, id } = await t.signIn("operator");
    const laptop = t.as(await t.login("operator"));
    const hash = t.staffRow(id)!.passwordHash;
    const before = t.rowCounts();
    const res = await client.post("/api/admin/me/password", { currentPassword: "not-my-password", newPassword: "a-new-long-password" });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "WRONG_PASSWORD", details: { fields: { currentPassword: "wrong password" } } });
    expect(t.staffRow(id)!.passwordHash).toBe(hash);
    expect(t.rowCounts()).toEqual(before);
    expect((await laptop.get("/api/admin/me")).status).toBe(200);
  });

  it.each([
    [{ currentPassword: TEST_PASSWORD, newPassword: "short" }, "newPassword"],
    [{ currentPassword: TEST_PASSWORD }, "newPassword"],
    [{ newPassword: "a-new-long-password" }, "currentPassword"],
    [{ currentPassword: TEST_PASSWORD, newPassword: 12345678 }, "newPassword"],
  ])("returns 422 for %j naming %s, and changes nothing", async (body, field) => {
    const t = await buildTestApp();
    const { client, id } = await t.signIn("operator");
    const hash = t.staffRow(id)!.passwordHash;
    const before = t.rowCounts();
    const res = await client.post("/api/admin/me/password", body);
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty(field);
    expect(t.staffRow(id)!.passwordHash).toBe(hash);
    expect(t.rowCounts()).toEqual(before);
  });

  it("returns 400 BAD_JSON for a malformed body and changes nothing", async () => {
    const t = await buildTestApp();
    const { cookie, id } = await t.signIn("operator");
    const hash = t.staffRow(id)!.passwordHash;
    const before = t.rowCounts();
    const res = await t.request("POST", "/api/admin/me/password", { cookie, rawBody: '{"currentPassword": ', headers: { "content-type": "application/json", origin: ORIGIN } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("BAD_JSON");
    expect(t.staffRow(id)!.passwordHash).toBe(hash);
    expect(t.rowCounts()).toEqual(before);
  });

  it("returns 401 without a session", async () => {
    const t = await buildTestApp();
    const res = await t.request("POST", "/api/admin/me/password", { body: { currentPassword: TEST_PASSWORD, newPassword: "a-new-long-password" } });
    expect(res.status).toBe(401);
  });
});
