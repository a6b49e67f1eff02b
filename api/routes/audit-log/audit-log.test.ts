import { describe, expect, it } from "vitest";
import { auditLog } from "../../../db/schema";
import { MINUTE } from "../../lib/clock";
import { buildTestApp, TEST_PASSWORD } from "../../test/harness";

const BASE = "/api/admin/audit-log";

describe("audit entries for every change", () => {
  it("records login, staff create/update/disable/enable/reset-password, role update, supplier create/update and logout, with actor and resource", async () => {
    const t = await buildTestApp();
    const admin = await t.signIn("admin");
    const a = admin.client;

    const staff = (await a.post("/api/admin/staff-users", { username: "olivia", displayName: "Olivia", password: "a-long-password", role: "operator" })).body.id;
    await a.patch(`/api/admin/staff-users/${staff}`, { displayName: "Olivia Chen" });
    await a.patch(`/api/admin/staff-users/${staff}`, { status: "disabled" });
    await a.patch(`/api/admin/staff-users/${staff}`, { status: "active" });
    await a.post(`/api/admin/staff-users/${staff}/reset-password`, {});
    await a.patch("/api/admin/roles/service", { permissions: [{ resource: "suppliers", action: "read" }] });
    const supplier = (await a.post("/api/admin/suppliers", { name: "Quick Topup", code: "quick-topup" })).body.id;
    await a.patch(`/api/admin/suppliers/${supplier}`, { status: "suspended" });
    await a.post("/api/admin/auth/logout");

    const s = String(staff);
    const p = String(supplier);
    expect(t.auditEntries().map((e) => [e.action, e.resource, e.resourceId, e.actorId, e.actorName, e.actorRole])).toEqual([
      ["login", "staff-users", String(admin.id), admin.id, "admin", "admin"],
      ["create", "staff-users", s, admin.id, "admin", "admin"],
      ["update", "staff-users", s, admin.id, "admin", "admin"],
      ["disable", "staff-users", s, admin.id, "admin", "admin"],
      ["enable", "staff-users", s, admin.id, "admin", "admin"],
      ["reset-password", "staff-users", s, admin.id, "admin", "admin"],
      ["update", "roles", "service", admin.id, "admin", "admin"],
      ["create", "suppliers", p, admin.id, "admin", "admin"],
      ["update", "suppliers", p, admin.id, "admin", "admin"],
      ["logout", "staff-users", String(admin.id), admin.id, "admin", "admin"],
    ]);
  });

  it("keeps before and after of an update", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("admin");
    const id = t.createSupplier("fresh-fruit", { name: "Fresh Fruit" });
    await client.patch(`/api/admin/suppliers/${id}`, { name: "Fresh Fruit Co." });
    const entry = t.auditEntries().at(-1)!;
    expect(entry.before).toMatchObject({ id, name: "Fresh Fruit", updatedAt: "2026-01-15T02:00:00.000Z" });
    expect(entry.after).toMatchObject({ id, name: "Fresh Fruit Co." });
  });

  it("never holds a password hash or a password, whatever was changed", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("admin");
    const staff = (await client.post("/api/admin/staff-users", { username: "olivia", displayName: "Olivia", password: "first-password", role: "operator" })).body.id;
    await client.patch(`/api/admin/staff-users/${staff}`, { role: "auditor" });
    await client.patch(`/api/admin/staff-users/${staff}`, { status: "disabled" });
    await client.post(`/api/admin/staff-users/${staff}/reset-password`, { password: "second-password" });
    const temporary = (await client.post(`/api/admin/staff-users/${staff}/reset-password`, {})).body.temporaryPassword;
    await client.post("/api/admin/me/password", { currentPassword: TEST_PASSWORD, newPassword: "third-password" });

    const stored = JSON.stringify(t.auditEntries());
    const served = JSON.stringify((await client.get(BASE)).body);
    for (const text of [stored, served]) {
      expect(text).not.toContain("scrypt$");
      expect(text).not.toContain(t.staffRow(staff)!.passwordHash);
      for (const secret of ["first-password", "second-password", "third-password", TEST_PASSWORD, temporary]) expect(text).not.toContain(secret);
    }
    expect(t.auditEntries().filter((e) => e.after && typeof e.after === "object" && "passwordHash" in e.after).map((e) => (e.after as { passwordHash: string }).passwordHash)).toEqual([
      "[redacted]",
      "[redacted]",
      "[redacted]",
    ]);
  });

  it("records the caller's address and request id", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("admin");
    await client.post("/api/admin/suppliers", { name: "Quick Topup", code: "quick-topup" }, { "x-request-id": "req-12345678", "x-test-ip": "192.0.2.9" });
    expect(t.auditEntries().at(-1)).toMatchObject({ ip: "192.0.2.9", requestId: "req-12345678", createdAt: t.clock.now() });
  });

  it("writes no entry for a refused or invalid change", async () => {
    const t = await buildTestApp();
    const admin = await t.signIn("admin");
    const auditor = await t.signIn("auditor");
    const before = t.count(auditLog);
    await auditor.client.post("/api/admin/suppliers", { name: "Quick Topup", code: "quick-topup" });
    await admin.client.post("/api/admin/suppliers", { name: "Quick Topup" });
    await admin.client.patch("/api/admin/suppliers/999", { name: "Ghost" });
    await admin.client.patch("/api/admin/roles/admin", { permissions: [] });
    expect(t.count(auditLog)).toBe(before);
  });
});

describe("GET /api/admin/audit-log", () => {
  /** An admin who signed in, created two suppliers and updated one, a minute apart. */
  async function setup() {
    const t = await buildTestApp();
    const admin = await t.signIn("admin");
    t.clock.advance(MINUTE);
    const a = (await admin.client.post("/api/admin/suppliers", { name: "Quick Topup", code: "quick-topup" })).body.id;
    t.clock.advance(MINUTE);
    await admin.client.post("/api/admin/suppliers", { name: "Fresh Fruit", code: "fresh-fruit" });
    t.clock.advance(MINUTE);
    await admin.client.patch(`/api/admin/suppliers/${a}`, { status: "suspended" });
    return { t, admin: admin.client, adminId: admin.id, supplierA: a };
  }
  const actions = (body: { action: string }[]) => body.map((e) => e.action);

  it("lists entries newest first with X-Total-Count", async () => {
    const { admin } = await setup();
    const res = await admin.get(BASE);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-total-count")).toBe("4");
    expect(actions(res.body)).toEqual(["update", "create", "create", "login"]);
    expect(res.body[0]).toMatchObject({ resource: "suppliers", createdAt: "2026-01-15T02:03:00.000Z" });
  });

  it("filters by resource, resourceId, action and actorId", async () => {
    const { admin, adminId, supplierA } = await setup();
    expect((await admin.get(`${BASE}?resource=suppliers&action=create`)).headers.get("x-total-count")).toBe("2");
    expect(actions((await admin.get(`${BASE}?resource=suppliers&resourceId=${supplierA}`)).body)).toEqual(["update", "create"]);
    expect((await admin.get(`${BASE}?actorId=${adminId}`)).headers.get("x-total-count")).toBe("4");
  });

  it("filters by time with createdAt_gte and createdAt_lte", async () => {
    const { admin } = await setup();
    const res = await admin.get(`${BASE}?createdAt_gte=2026-01-15T02:01:00.000Z&createdAt_lte=2026-01-15T02:02:00.000Z`);
    expect(actions(res.body)).toEqual(["create", "create"]);
  });

  it("searches actor, resource and action with q, and pages", async () => {
    const { admin } = await setup();
    expect((await admin.get(`${BASE}?q=login`)).headers.get("x-total-count")).toBe("1");
    const page = await admin.get(`${BASE}?q=suppliers&_start=1&_end=2`);
    expect(page.body).toHaveLength(1);
    expect(page.headers.get("x-total-count")).toBe("3");
  });

  it("sorts with _sort and _order, and returns many for id=1&id=2", async () => {
    const { admin } = await setup();
    expect(actions((await admin.get(`${BASE}?_sort=id&_order=asc`)).body)).toEqual(["login", "create", "create", "update"]);
    const many = await admin.get(`${BASE}?id=1&id=4`);
    expect(many.body.map((e: { id: number }) => e.id)).toEqual([4, 1]);
  });

  it.each([
    ["_start=-1", "_start"],
    ["_sort=nope", "_sort"],
    ["nope=1", "nope"],
    ["actorId=abc", "actorId"],
    ["createdAt_gte=yesterday", "createdAt_gte"],
  ])("returns 400 INVALID_QUERY for ?%s", async (query, field) => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.get(`${BASE}?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toHaveProperty(field);
    expect(t.rowCounts()).toEqual(before);
  });
});

describe("GET /api/admin/audit-log/:id", () => {
  it("returns one entry", async () => {
    const t = await buildTestApp();
    const { client, id } = await t.signIn("admin");
    const res = await client.get(`${BASE}/1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 1, action: "login", actorId: id, actorName: "admin", createdAt: "2026-01-15T02:00:00.000Z", before: null, after: null });
  });

  it("returns 404 for an entry that does not exist", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("admin");
    const res = await client.get(`${BASE}/999`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: "Audit entry 999 not found", code: "NOT_FOUND" });
  });

  it.each(["abc", "0", "-3"])("returns 400 INVALID_PARAM for id %s", async (id) => {
    const t = await buildTestApp();
    const { client } = await t.signIn("admin");
    expect((await client.get(`${BASE}/${id}`)).status).toBe(400);
  });

  it("offers no way to change or delete an entry", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("admin");
    const entry = t.auditEntries()[0];
    expect((await client.patch(`${BASE}/1`, { action: "nothing" })).status).toBe(404);
    expect((await client.delete(`${BASE}/1`)).status).toBe(404);
    expect(t.auditEntries()[0]).toEqual(entry);
  });
});

describe("personal data in audit entries", () => {
  /** A supplier with contact details and settlement account, created and then edited by an admin. */
  async function setup() {
    const t = await buildTestApp();
    const admin = await t.signIn("admin");
    const body = { name: "Digital Select", code: "digital-select", contactPhone: "13812345678", contactEmail: "wang.lei@digital.example", settlement: { accountNumber: "6225880112345678" } };
    const id = (await admin.client.post("/api/admin/suppliers", body)).body.id;
    await admin.client.patch(`/api/admin/suppliers/${id}`, { contactPhone: "13900001111" });
    await admin.client.post("/api/admin/staff-users", { username: "olivia", displayName: "Olivia", password: "a-long-password", role: "operator", phone: "13700002222", email: "olivia@pointmall.example" });
    return { t, admin: admin.client };
  }

  it("is shown in full to a role with pii unmask", async () => {
    const { admin } = await setup();
    const text = JSON.stringify((await admin.get(BASE)).body);
    expect(text).toContain("13812345678");
    expect(text).toContain("6225880112345678");
  });

  it("is masked for the auditor, who reads the log but may not unmask personal data", async () => {
    const { t } = await setup();
    const { client } = await t.signIn("auditor");
    const res = await client.get(`${BASE}?resource=suppliers&action=update`);
    expect(res.status).toBe(200);
    expect(res.body[0].before).toMatchObject({ contactPhone: "138****5678", contactEmail: "w***@digital.example", settlement: { accountNumber: "****5678" }, name: "Digital Select" });
    expect(res.body[0].after).toMatchObject({ contactPhone: "139****1111" });
    const text = JSON.stringify((await client.get(BASE)).body) + JSON.stringify((await client.get(`${BASE}/2`)).body);
    for (const pii of ["13812345678", "13900001111", "13700002222", "wang.lei@", "olivia@", "6225880112345678"]) expect(text).not.toContain(pii);
  });

  it.each(["after_like=13812345678", "before_like=6225", "_sort=after"])("cannot be probed through the filters: ?%s is 400", async (query) => {
    const { t } = await setup();
    const { client } = await t.signIn("auditor");
    const res = await client.get(`${BASE}?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("INVALID_QUERY");
  });

  it("stays unmasked in the table itself, for roles that may see it", async () => {
    const { t } = await setup();
    expect(JSON.stringify(t.auditEntries())).toContain("13812345678");
  });
});
