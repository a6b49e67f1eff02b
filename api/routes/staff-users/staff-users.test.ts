import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { staffUsers } from "../../../db/schema";
import { MINUTE } from "../../lib/clock";
import { verifyPassword } from "../../lib/passwords";
import { buildTestApp, ORIGIN, TEST_PASSWORD, type TestApp } from "../../test/harness";

const BASE = "/api/admin/staff-users";

const newUser = { username: "olivia", displayName: "运营 Olivia", password: "a-long-password", role: "operator", phone: "13812345678", email: "olivia@pointmall.example" };

/** An admin signed in, plus a few colleagues with phone and email on record. */
async function setup(opts: Parameters<typeof buildTestApp>[0] = {}) {
  const t = await buildTestApp(opts);
  const admin = await t.signIn("admin");
  const supplierId = t.createSupplier("digital-select");
  const operator = await t.createStaff("operator", "operator");
  const supplier = await t.createStaff("supplier", "supplier", supplierId);
  const auditor = await t.createStaff("auditor", "auditor");
  t.db.update(staffUsers).set({ phone: "13912345678", email: "someone@pointmall.example" }).run();
  return { t, admin: admin.client, adminId: admin.id, adminCookie: admin.cookie, supplierId, operator, supplier, auditor };
}

const attempt = (t: TestApp, username: string, password: string) => t.request("POST", "/api/admin/auth/login", { body: { username, password } });

describe("GET /api/admin/staff-users", () => {
  it("lists staff users with X-Total-Count and never a password hash", async () => {
    const { t, admin } = await setup();
    const res = await admin.get(BASE);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-total-count")).toBe("4");
    expect(res.headers.get("access-control-expose-headers")).toBe("X-Total-Count");
    expect(res.body.map((u: { username: string }) => u.username)).toEqual(["admin", "operator", "supplier", "auditor"]);
    for (const u of res.body) expect(Object.keys(u)).not.toContain("passwordHash");
    expect(JSON.stringify(res.body)).not.toContain("scrypt$");
    expect(t.count(staffUsers)).toBe(4);
  });

  it("shows phone and email in full to a role with pii unmask", async () => {
    const { admin } = await setup();
    const res = await admin.get(`${BASE}?username=operator`);
    expect(res.body[0]).toMatchObject({ phone: "13912345678", email: "someone@pointmall.example" });
  });

  it("masks phone and email for the auditor, who reads everything but may not unmask", async () => {
    const { t } = await setup();
    const cookie = await t.login("auditor");
    const res = await t.as(cookie).get(`${BASE}?username=operator`);
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({ phone: "139****5678", email: "s***@pointmall.example" });
  });

  it.each(["phone_like=1391234", "email=someone@pointmall.example", "_sort=phone"])("does not let the auditor probe masked data: ?%s is 400", async (query) => {
    const { t } = await setup();
    const res = await t.as(await t.login("auditor")).get(`${BASE}?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("INVALID_QUERY");
  });

  it("pages with _start and _end, keeping the full total", async () => {
    const { admin } = await setup();
    const res = await admin.get(`${BASE}?_start=1&_end=3`);
    expect(res.body.map((u: { username: string }) => u.username)).toEqual(["operator", "supplier"]);
    expect(res.headers.get("x-total-count")).toBe("4");
  });

  it("sorts with _sort and _order", async () => {
    const { admin } = await setup();
    const res = await admin.get(`${BASE}?_sort=username&_order=desc`);
    expect(res.body.map((u: { username: string }) => u.username)).toEqual(["supplier", "operator", "auditor", "admin"]);
  });

  it("filters by field, by field_like and by q", async () => {
    const { admin, supplierId } = await setup();
    expect((await admin.get(`${BASE}?role=supplier`)).body).toEqual([expect.objectContaining({ username: "supplier", supplierId })]);
    const like = await admin.get(`${BASE}?username_like=OR`);
    expect(like.body.map((u: { username: string }) => u.username)).toEqual(["operator", "auditor"]);
    expect(like.headers.get("x-total-count")).toBe("2");
    const q = await admin.get(`${BASE}?q=adm`);
    expect(q.body.map((u: { username: string }) => u.username)).toEqual(["admin"]);
  });

  it("returns many for id=1&id=2", async () => {
    const { admin, operator, auditor } = await setup();
    const res = await admin.get(`${BASE}?id=${operator}&id=${auditor}`);
    expect(res.body.map((u: { id: number }) => u.id)).toEqual([operator, auditor]);
    expect(res.headers.get("x-total-count")).toBe("2");
  });

  it("reports a locked account as locked", async () => {
    const { t, admin, operator } = await setup();
    t.db.update(staffUsers).set({ lockedUntil: new Date(t.clock.now().getTime() + MINUTE) }).where(eq(staffUsers.id, operator)).run();
    expect((await admin.get(`${BASE}/${operator}`)).body.locked).toBe(true);
    t.clock.advance(MINUTE);
    expect((await admin.get(`${BASE}/${operator}`)).body.locked).toBe(false);
  });

  it.each([
    ["_start=-1", "_start"],
    ["_end=abc", "_end"],
    ["_sort=nope", "_sort"],
    ["_order=up", "_order"],
    ["nope=1", "nope"],
    ["id=abc", "id"],
    // The hash is not a field of the list: it cannot be filtered, searched or sorted on.
    ["passwordHash=x", "passwordHash"],
    ["passwordHash_like=scrypt", "passwordHash_like"],
    ["_sort=passwordHash", "_sort"],
  ])("returns 400 INVALID_QUERY for ?%s and writes nothing", async (query, field) => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.get(`${BASE}?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("INVALID_QUERY");
    expect(res.body.details.fields).toHaveProperty(field);
    expect(t.rowCounts()).toEqual(before);
  });
});

describe("GET /api/admin/staff-users/:id", () => {
  it("returns one staff user without the hash", async () => {
    const { admin, supplier, supplierId } = await setup();
    const res = await admin.get(`${BASE}/${supplier}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: supplier,
      username: "supplier",
      displayName: "supplier",
      role: "supplier",
      supplierId,
      status: "active",
      phone: "13912345678",
      email: "someone@pointmall.example",
      locked: false,
      lastLoginAt: null,
      createdAt: "2026-01-15T02:00:00.000Z",
      updatedAt: "2026-01-15T02:00:00.000Z",
    });
  });

  it("returns 404 NOT_FOUND for an id that does not exist", async () => {
    const { admin } = await setup();
    const res = await admin.get(`${BASE}/999`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: "Staff user 999 not found", code: "NOT_FOUND" });
  });

  it.each(["abc", "0", "-1", "1.5", "99999999999999999999"])("returns 400 INVALID_PARAM for id %s", async (id) => {
    const { admin } = await setup();
    const res = await admin.get(`${BASE}/${id}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "INVALID_PARAM", details: { fields: { id: expect.any(String) } } });
  });
});

describe("POST /api/admin/staff-users", () => {
  it("creates a staff user who can then sign in with the given password", async () => {
    const { t, admin } = await setup();
    const res = await admin.post(BASE, newUser);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: 5, username: "olivia", displayName: "运营 Olivia", role: "operator", supplierId: null, status: "active", phone: "13812345678", locked: false });
    const row = t.staffRow(res.body.id)!;
    expect(row.passwordHash).not.toContain("a-long-password");
    expect(await verifyPassword("a-long-password", row.passwordHash)).toBe(true);
    expect(row.passwordChangedAt).toEqual(t.clock.now());
    expect((await attempt(t, "olivia", "a-long-password")).status).toBe(200);
  });

  it("creates supplier staff tied to an existing supplier", async () => {
    const { t, admin, supplierId } = await setup();
    const res = await admin.post(BASE, { username: "wang.lei", displayName: "Wang Lei", password: "a-long-password", role: "supplier", supplierId });
    expect(res.status).toBe(201);
    expect(t.staffRow(res.body.id)).toMatchObject({ role: "supplier", supplierId });
  });

  it("writes a create audit entry with the new row, its hash redacted", async () => {
    const { t, admin, adminId } = await setup();
    const res = await admin.post(BASE, newUser);
    const entry = t.auditEntries().at(-1)!;
    expect(entry).toMatchObject({ actorId: adminId, actorName: "admin", actorRole: "admin", action: "create", resource: "staff-users", resourceId: String(res.body.id), before: null });
    expect(entry.after).toMatchObject({ id: res.body.id, username: "olivia", role: "operator", passwordHash: "[redacted]" });
    expect(JSON.stringify(t.auditEntries())).not.toContain("scrypt$");
    expect(JSON.stringify(t.auditEntries())).not.toContain("a-long-password");
  });

  it("returns 409 USERNAME_TAKEN for a taken username and writes nothing", async () => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.post(BASE, { ...newUser, username: "operator" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "USERNAME_TAKEN", details: { fields: { username: "already taken" } } });
    expect(t.rowCounts()).toEqual(before);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ["an empty body", {}, ["displayName", "password", "role", "username"]],
    ["a missing password", { ...newUser, password: undefined }, ["password"]],
    ["a short password", { ...newUser, password: "short" }, ["password"]],
    ["a username with capitals and spaces", { ...newUser, username: "Olivia Chen" }, ["username"]],
    ["a username of two letters", { ...newUser, username: "ol" }, ["username"]],
    ["a number for displayName", { ...newUser, displayName: 42 }, ["displayName"]],
    ["a string supplierId", { ...newUser, role: "supplier", supplierId: "1" }, ["supplierId"]],
    ["a bad email", { ...newUser, email: "not-an-email" }, ["email"]],
    ["letters in the phone", { ...newUser, phone: "call me" }, ["phone"]],
    ["an unknown extra key", { ...newUser, isRoot: true }, ["(root)"]],
    ["a status (not settable on create)", { ...newUser, status: "active" }, ["(root)"]],
    ["a passwordHash smuggled in", { ...newUser, passwordHash: "scrypt$1$1$1$x$y" }, ["(root)"]],
    ["an unknown role", { ...newUser, role: "superuser" }, ["role"]],
    ["the supplier role without supplierId", { ...newUser, role: "supplier" }, ["supplierId"]],
    ["the supplier role with a supplier that does not exist", { ...newUser, role: "supplier", supplierId: 999 }, ["supplierId"]],
    ["a non-supplier role with a supplierId", { ...newUser, role: "operator", supplierId: 1 }, ["supplierId"]],
  ])("returns 422 with details.fields for %s and writes nothing", async (_what, body, fields) => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.post(BASE, body);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.details.fields).sort()).toEqual(fields);
    expect(t.rowCounts()).toEqual(before);
  });

  it("names the unknown key in the message", async () => {
    const { admin } = await setup();
    const res = await admin.post(BASE, { ...newUser, isRoot: true });
    expect(res.body.message).toContain("isRoot");
  });

  it("returns 400 BAD_JSON for a malformed body and writes nothing", async () => {
    const { t, adminCookie } = await setup();
    const before = t.rowCounts();
    const res = await t.request("POST", BASE, { cookie: adminCookie, rawBody: "{username:", headers: { "content-type": "application/json", origin: ORIGIN } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("BAD_JSON");
    expect(t.rowCounts()).toEqual(before);
  });

});

describe("PATCH /api/admin/staff-users/:id", () => {
  it("updates the given fields and keeps the user's sessions", async () => {
    const { t, admin, operator } = await setup();
    const session = t.as(await t.login("operator"));
    const res = await admin.patch(`${BASE}/${operator}`, { displayName: "运营 Chen", phone: "13700001111" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: operator, displayName: "运营 Chen", phone: "13700001111", role: "operator" });
    expect(t.staffRow(operator)).toMatchObject({ displayName: "运营 Chen", phone: "13700001111" });
    expect((await session.get("/api/admin/me")).status).toBe(200);
  });

  it("writes an update audit entry with before and after, hashes redacted", async () => {
    const { t, admin, adminId, operator } = await setup();
    await admin.patch(`${BASE}/${operator}`, { displayName: "运营 Chen" });
    const entry = t.auditEntries().at(-1)!;
    expect(entry).toMatchObject({ actorId: adminId, action: "update", resource: "staff-users", resourceId: String(operator) });
    expect(entry.before).toMatchObject({ displayName: "operator", passwordHash: "[redacted]" });
    expect(entry.after).toMatchObject({ displayName: "运营 Chen", passwordHash: "[redacted]" });
    expect(JSON.stringify(t.auditEntries())).not.toContain("scrypt$");
  });

  it("disabling a user ends their sessions at once and refuses their sign-in with 403 ACCOUNT_DISABLED", async () => {
    const { t, admin, operator } = await setup();
    const session = t.as(await t.login("operator"));
    const res = await admin.patch(`${BASE}/${operator}`, { status: "disabled" });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("disabled");
    expect((await session.get("/api/admin/me")).status).toBe(401);
    const login = await attempt(t, "operator", TEST_PASSWORD);
    expect(login.status).toBe(403);
    expect(login.body.code).toBe("ACCOUNT_DISABLED");
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "disable", resourceId: String(operator), before: expect.objectContaining({ status: "active" }), after: expect.objectContaining({ status: "disabled" }) });
  });

  it("enabling a disabled user lets them sign in again and records enable", async () => {
    const { t, admin, operator } = await setup();
    await admin.patch(`${BASE}/${operator}`, { status: "disabled" });
    const res = await admin.patch(`${BASE}/${operator}`, { status: "active" });
    expect(res.status).toBe(200);
    expect(t.auditEntries().at(-1)!.action).toBe("enable");
    expect((await attempt(t, "operator", TEST_PASSWORD)).status).toBe(200);
  });

  it("setting status active unlocks a locked account", async () => {
    const { t, admin, operator } = await setup();
    for (let i = 0; i < 5; i++) await attempt(t, "operator", "wrong-password");
    expect((await attempt(t, "operator", TEST_PASSWORD)).status).toBe(429);
    await admin.patch(`${BASE}/${operator}`, { status: "active" });
    expect(t.staffRow(operator)).toMatchObject({ lockedUntil: null, failedLogins: 0 });
    expect((await attempt(t, "operator", TEST_PASSWORD)).status).toBe(200);
  });

  it("changing the role ends the user's sessions, so the old role's rights stop at once", async () => {
    const { t, admin, operator } = await setup();
    const session = t.as(await t.login("operator"));
    const res = await admin.patch(`${BASE}/${operator}`, { role: "auditor" });
    expect(res.status).toBe(200);
    expect((await session.get("/api/admin/me")).status).toBe(401);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "update", before: expect.objectContaining({ role: "operator" }), after: expect.objectContaining({ role: "auditor" }) });
    const fresh = t.as(await t.login("operator"));
    expect((await fresh.get("/api/admin/me")).body.role).toBe("auditor");
  });

  it("moving supplier staff to another supplier ends their sessions", async () => {
    const { t, admin, supplier } = await setup();
    const other = t.createSupplier("fresh-fruit");
    const session = t.as(await t.login("supplier"));
    expect((await admin.patch(`${BASE}/${supplier}`, { supplierId: other })).status).toBe(200);
    expect((await session.get("/api/admin/me")).status).toBe(401);
    expect(t.staffRow(supplier)!.supplierId).toBe(other);
  });

  it("drops the supplier when supplier staff become another role", async () => {
    const { t, admin, supplier } = await setup();
    const res = await admin.patch(`${BASE}/${supplier}`, { role: "service" });
    expect(res.status).toBe(200);
    expect(t.staffRow(supplier)).toMatchObject({ role: "service", supplierId: null });
  });

  it("returns 409 CANNOT_CHANGE_SELF when an admin disables themself, and changes nothing", async () => {
    const { t, admin, adminId } = await setup();
    const before = t.rowCounts();
    const res = await admin.patch(`${BASE}/${adminId}`, { status: "disabled" });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("CANNOT_CHANGE_SELF");
    expect(t.staffRow(adminId)!.status).toBe("active");
    expect(t.rowCounts()).toEqual(before);
  });

  it("returns 409 CANNOT_CHANGE_SELF when an admin changes their own role", async () => {
    const { t, admin, adminId } = await setup();
    const res = await admin.patch(`${BASE}/${adminId}`, { role: "operator" });
    expect(res.status).toBe(409);
    expect(t.staffRow(adminId)!.role).toBe("admin");
  });

  it("returns 404 for a user that does not exist and writes nothing", async () => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.patch(`${BASE}/999`, { displayName: "Ghost" });
    expect(res.status).toBe(404);
    expect(t.rowCounts()).toEqual(before);
  });

  it("returns 400 INVALID_PARAM for id abc and writes nothing", async () => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.patch(`${BASE}/abc`, { displayName: "X" });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("INVALID_PARAM");
    expect(t.rowCounts()).toEqual(before);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a bad status", { status: "deleted" }, "status"],
    ["an empty displayName", { displayName: "  " }, "displayName"],
    ["a number for role", { role: 3 }, "role"],
    ["an unknown role", { role: "superuser" }, "role"],
    ["a username (cannot be renamed)", { username: "renamed" }, "(root)"],
    ["a password (use reset-password)", { password: "a-long-password" }, "(root)"],
    ["a supplierId for a non-supplier", { supplierId: 1 }, "supplierId"],
    ["the supplier role without a supplier", { role: "supplier" }, "supplierId"],
    ["a supplier that does not exist", { role: "supplier", supplierId: 999 }, "supplierId"],
  ])("returns 422 with details.fields for %s and changes nothing", async (_what, body, field) => {
    const { t, admin, operator } = await setup();
    const session = t.as(await t.login("operator"));
    const row = t.staffRow(operator);
    const before = t.rowCounts();
    const res = await admin.patch(`${BASE}/${operator}`, body);
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty(field);
    expect(t.staffRow(operator)).toEqual(row);
    expect(t.rowCounts()).toEqual(before);
    expect((await session.get("/api/admin/me")).status).toBe(200);
  });

  it("returns 400 BAD_JSON for a malformed body and changes nothing", async () => {
    const { t, adminCookie: cookie, operator } = await setup();
    const before = t.rowCounts();
    const res = await t.request("PATCH", `${BASE}/${operator}`, { cookie, rawBody: '{"status":"disabled"', headers: { "content-type": "application/json", origin: ORIGIN } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("BAD_JSON");
    expect(t.staffRow(operator)!.status).toBe("active");
    expect(t.rowCounts()).toEqual(before);
  });
});

describe("POST /api/admin/staff-users/:id/reset-password", () => {
  it("returns a generated temporary password once, which signs in; the old one no longer does", async () => {
    const { t, admin, operator } = await setup();
    const res = await admin.post(`${BASE}/${operator}/reset-password`, {});
    expect(res.status).toBe(200);
    const temporary: string = res.body.temporaryPassword;
    expect(temporary).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(JSON.stringify((await admin.get(`${BASE}/${operator}`)).body)).not.toContain(temporary);
    expect(JSON.stringify(t.auditEntries())).not.toContain(temporary);
    expect(t.staffRow(operator)!.passwordHash).not.toContain(temporary);
    expect((await attempt(t, "operator", TEST_PASSWORD)).status).toBe(401);
    expect((await attempt(t, "operator", temporary)).status).toBe(200);
  });

  it("generates a different temporary password each time", async () => {
    const { admin, operator } = await setup();
    const a = (await admin.post(`${BASE}/${operator}/reset-password`, {})).body.temporaryPassword;
    const b = (await admin.post(`${BASE}/${operator}/reset-password`, {})).body.temporaryPassword;
    expect(a).not.toBe(b);
  });

  it("sets the password the admin chose, returning no temporary password", async () => {
    const { t, admin, operator } = await setup();
    const res = await admin.post(`${BASE}/${operator}/reset-password`, { password: "chosen-by-admin" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ temporaryPassword: null });
    expect((await attempt(t, "operator", "chosen-by-admin")).status).toBe(200);
  });

  it("ends every session of the user", async () => {
    const { t, admin, operator } = await setup();
    const a = t.as(await t.login("operator"));
    const b = t.as(await t.login("operator"));
    await admin.post(`${BASE}/${operator}/reset-password`, {});
    expect((await a.get("/api/admin/me")).status).toBe(401);
    expect((await b.get("/api/admin/me")).status).toBe(401);
  });

  it("unlocks a locked account", async () => {
    const { t, admin, operator } = await setup();
    for (let i = 0; i < 5; i++) await attempt(t, "operator", "wrong-password");
    await admin.post(`${BASE}/${operator}/reset-password`, { password: "chosen-by-admin" });
    expect((await attempt(t, "operator", "chosen-by-admin")).status).toBe(200);
  });

  it("writes a reset-password audit entry holding neither the password nor a hash", async () => {
    const { t, admin, adminId, operator } = await setup();
    await admin.post(`${BASE}/${operator}/reset-password`, { password: "chosen-by-admin" });
    expect(t.auditEntries().at(-1)).toMatchObject({ actorId: adminId, action: "reset-password", resource: "staff-users", resourceId: String(operator) });
    const all = JSON.stringify(t.auditEntries());
    expect(all).not.toContain("chosen-by-admin");
    expect(all).not.toContain("scrypt$");
  });

  it("returns 404 for a user that does not exist and writes nothing", async () => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.post(`${BASE}/999/reset-password`, {});
    expect(res.status).toBe(404);
    expect(t.rowCounts()).toEqual(before);
  });

  it("returns 400 INVALID_PARAM for id abc", async () => {
    const { admin } = await setup();
    expect((await admin.post(`${BASE}/abc/reset-password`, {})).status).toBe(400);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a short password", { password: "short" }, "password"],
    ["a number for password", { password: 12345678 }, "password"],
    ["an unknown key", { notify: true }, "(root)"],
  ])("returns 422 for %s and changes nothing", async (_what, body, field) => {
    const { t, admin, operator } = await setup();
    const hash = t.staffRow(operator)!.passwordHash;
    const before = t.rowCounts();
    const res = await admin.post(`${BASE}/${operator}/reset-password`, body);
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty(field);
    expect(t.staffRow(operator)!.passwordHash).toBe(hash);
    expect(t.rowCounts()).toEqual(before);
  });

  it("returns 400 BAD_JSON for a malformed body and changes nothing", async () => {
    const { t, adminCookie: cookie, operator } = await setup();
    const hash = t.staffRow(operator)!.passwordHash;
    const before = t.rowCounts();
    const res = await t.request("POST", `${BASE}/${operator}/reset-password`, { cookie, rawBody: "{", headers: { "content-type": "application/json", origin: ORIGIN } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("BAD_JSON");
    expect(t.staffRow(operator)!.passwordHash).toBe(hash);
    expect(t.rowCounts()).toEqual(before);
  });
});
