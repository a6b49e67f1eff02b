import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { suppliers } from "../../../db/schema";
import { buildTestApp, ORIGIN } from "../../test/harness";

const BASE = "/api/admin/suppliers";
const settlement = { bankName: "招商银行", accountName: "Digital Select", accountNumber: "6225880112345678", cycle: "monthly" as const };

/** Three suppliers with contact details, and an admin signed in. */
async function setup() {
  const t = await buildTestApp();
  const admin = await t.signIn("admin");
  const platform = t.createSupplier("platform", { name: "星河自营 Platform", isPlatform: true, contactName: "运营中心", contactPhone: "4008001234" });
  const digital = t.createSupplier("digital-select", { name: "Digital Select", contactName: "王磊", contactPhone: "13812345678", contactEmail: "wang.lei@digital.example", settlement });
  const fresh = t.createSupplier("fresh-fruit", { name: "Fresh Fruit", contactName: "李娜", contactPhone: "13998765432", status: "suspended" });
  return { t, admin: admin.client, adminId: admin.id, adminCookie: admin.cookie, platform, digital, fresh };
}

const ids = (body: { id: number }[]) => body.map((r) => r.id);
const row = (t: Awaited<ReturnType<typeof setup>>["t"], id: number) => t.db.select().from(suppliers).where(eq(suppliers.id, id)).get();

describe("GET /api/admin/suppliers", () => {
  it("lists every supplier with X-Total-Count for platform staff", async () => {
    const { admin, platform, digital, fresh } = await setup();
    const res = await admin.get(BASE);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual([platform, digital, fresh]);
    expect(res.headers.get("x-total-count")).toBe("3");
  });

  it("shows contact details and the settlement account in full to a role with pii unmask", async () => {
    const { admin, digital } = await setup();
    const res = await admin.get(`${BASE}/${digital}`);
    expect(res.body).toMatchObject({ contactPhone: "13812345678", contactEmail: "wang.lei@digital.example", settlement });
  });

  it("masks contact details and the settlement account for the auditor", async () => {
    const { t, digital } = await setup();
    const { client } = await t.signIn("auditor");
    const res = await client.get(`${BASE}/${digital}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      contactPhone: "138****5678",
      contactEmail: "w***@digital.example",
      settlement: { bankName: "招商银行", accountName: "Digital Select", accountNumber: "****5678", cycle: "monthly" },
    });
    const list = await client.get(BASE);
    expect(JSON.stringify(list.body)).not.toContain("13812345678");
    expect(JSON.stringify(list.body)).not.toContain("6225880112345678");
  });

  it.each(["contactPhone_like=1381234", "contactPhone=13812345678", "contactEmail_like=wang", "settlement_like=6225", "_sort=contactPhone"])(
    "does not let the auditor probe masked data: ?%s is 400",
    async (query) => {
      const { t } = await setup();
      const { client } = await t.signIn("auditor");
      const res = await client.get(`${BASE}?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("INVALID_QUERY");
    },
  );

  it("lets a role with pii unmask filter on contact details", async () => {
    const { admin, digital } = await setup();
    expect(ids((await admin.get(`${BASE}?contactPhone_like=1381234`)).body)).toEqual([digital]);
  });

  it("pages with _start/_end and sorts with _sort/_order", async () => {
    const { admin, digital, fresh } = await setup();
    const res = await admin.get(`${BASE}?_sort=name&_order=asc&_start=0&_end=2`);
    expect(ids(res.body)).toEqual([digital, fresh]);
    expect(res.headers.get("x-total-count")).toBe("3");
  });

  it("filters by field, field_like, q, and returns many for id=1&id=2", async () => {
    const { admin, platform, digital, fresh } = await setup();
    expect(ids((await admin.get(`${BASE}?status=suspended`)).body)).toEqual([fresh]);
    expect(ids((await admin.get(`${BASE}?isPlatform=true`)).body)).toEqual([platform]);
    expect(ids((await admin.get(`${BASE}?name_like=fruit`)).body)).toEqual([fresh]);
    expect(ids((await admin.get(`${BASE}?q=${encodeURIComponent("王磊")}`)).body)).toEqual([digital]);
    const many = await admin.get(`${BASE}?id=${platform}&id=${fresh}`);
    expect(ids(many.body)).toEqual([platform, fresh]);
    expect(many.headers.get("x-total-count")).toBe("2");
  });

  it.each([
    ["_start=-1", "_start"],
    ["_start=2&_end=1", "_end"],
    ["_sort=nope", "_sort"],
    ["_sort=id&_order=random", "_order"],
    ["nope=1", "nope"],
    ["id=abc", "id"],
    ["isPlatform=yes", "isPlatform"],
  ])("returns 400 INVALID_QUERY for ?%s and writes nothing", async (query, field) => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.get(`${BASE}?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "INVALID_QUERY", details: { fields: { [field]: expect.any(String) } } });
    expect(t.rowCounts()).toEqual(before);
  });
});

describe("GET /api/admin/suppliers/:id", () => {
  it("returns one supplier", async () => {
    const { admin, fresh } = await setup();
    const res = await admin.get(`${BASE}/${fresh}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: fresh,
      name: "Fresh Fruit",
      code: "fresh-fruit",
      contactName: "李娜",
      contactPhone: "13998765432",
      contactEmail: "",
      status: "suspended",
      isPlatform: false,
      settlement: {},
      hasApiSecret: false,
      createdAt: "2026-01-15T02:00:00.000Z",
      updatedAt: "2026-01-15T02:00:00.000Z",
    });
  });

  it("returns 404 for a supplier that does not exist", async () => {
    const { admin } = await setup();
    const res = await admin.get(`${BASE}/999`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: "Supplier 999 not found", code: "NOT_FOUND" });
  });

  it.each(["abc", "0", "2.5"])("returns 400 INVALID_PARAM for id %s", async (id) => {
    const { admin } = await setup();
    const res = await admin.get(`${BASE}/${id}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("INVALID_PARAM");
  });
});

describe("supplier staff see only their own supplier", () => {
  it("lists only their own supplier (X-Total-Count 1)", async () => {
    const { t, digital } = await setup();
    const { client } = await t.signIn("supplier", { supplierId: digital });
    const res = await client.get(BASE);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual([digital]);
    expect(res.headers.get("x-total-count")).toBe("1");
  });

  it("finds nothing when filtering or searching for another supplier", async () => {
    const { t, digital, fresh } = await setup();
    const { client } = await t.signIn("supplier", { supplierId: digital });
    for (const query of [`id=${fresh}`, "q=fresh", "status=suspended", `id=${digital}&id=${fresh}`]) {
      const res = await client.get(`${BASE}?${query}`);
      expect(ids(res.body)).not.toContain(fresh);
      expect(res.headers.get("x-total-count")).toBe(query.includes(`id=${digital}`) ? "1" : "0");
    }
  });

  it("returns 404, not 403, for another supplier's id, so its existence is not revealed", async () => {
    const { t, digital, fresh } = await setup();
    const { client } = await t.signIn("supplier", { supplierId: digital });
    const other = await client.get(`${BASE}/${fresh}`);
    const missing = await client.get(`${BASE}/999`);
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ message: `Supplier ${fresh} not found`, code: "NOT_FOUND" });
    expect(missing.status).toBe(404);
    expect((await client.get(`${BASE}/${digital}`)).status).toBe(200);
  });

  it("returns 403 for PATCH, even of their own supplier: suppliers may only read it", async () => {
    const { t, digital, fresh } = await setup();
    const { client } = await t.signIn("supplier", { supplierId: digital });
    const before = t.rowCounts();
    for (const id of [digital, fresh]) {
      const res = await client.patch(`${BASE}/${id}`, { name: "Renamed" });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("FORBIDDEN");
    }
    expect(row(t, digital)!.name).toBe("Digital Select");
    expect(t.rowCounts()).toEqual(before);
  });

  it("returns 404 for PATCH of another supplier when the role is granted update: the scope still applies", async () => {
    const { t, admin, digital, fresh } = await setup();
    const grant = await admin.patch("/api/admin/roles/supplier", {
      permissions: [
        { resource: "suppliers", action: "read" },
        { resource: "suppliers", action: "update" },
      ],
    });
    expect(grant.status).toBe(200);
    const { client } = await t.signIn("supplier", { supplierId: digital });
    const before = t.rowCounts();
    const other = await client.patch(`${BASE}/${fresh}`, { name: "Hijacked" });
    expect(other.status).toBe(404);
    expect(row(t, fresh)!.name).toBe("Fresh Fruit");
    expect(t.rowCounts()).toEqual(before);
    const own = await client.patch(`${BASE}/${digital}`, { contactName: "Wang Lei" });
    expect(own.status).toBe(200);
    expect(row(t, digital)!.contactName).toBe("Wang Lei");
  });

  it("see nothing when their account has lost its supplier", async () => {
    const { t, digital } = await setup();
    const { client, id } = await t.signIn("supplier", { supplierId: digital });
    t.db.$client.pragma("foreign_keys = OFF");
    t.db.$client.prepare("update staff_users set supplier_id = null where id = ?").run(id);
    const res = await client.get(BASE);
    expect(res.body).toEqual([]);
    expect(res.headers.get("x-total-count")).toBe("0");
  });
});

describe("POST /api/admin/suppliers", () => {
  it("creates a supplier with defaults for the fields not given", async () => {
    const { t, admin } = await setup();
    const res = await admin.post(BASE, { name: "Quick Topup", code: "quick-topup" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Quick Topup", code: "quick-topup", status: "active", isPlatform: false, contactName: "", settlement: {} });
    expect(row(t, res.body.id)).toMatchObject({ name: "Quick Topup", code: "quick-topup" });
  });

  it("lets operators create suppliers", async () => {
    const { t } = await setup();
    const { client } = await t.signIn("operator");
    const res = await client.post(BASE, { name: "Quick Topup", code: "quick-topup", contactPhone: "13700001111", settlement: { cycle: "weekly" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contactPhone: "13700001111", settlement: { cycle: "weekly" } });
  });

  it("writes a create audit entry with the new row, code included", async () => {
    const { t, admin, adminId } = await setup();
    const res = await admin.post(BASE, { name: "Quick Topup", code: "quick-topup" });
    expect(t.auditEntries().at(-1)).toMatchObject({
      actorId: adminId,
      action: "create",
      resource: "suppliers",
      resourceId: String(res.body.id),
      before: null,
      after: expect.objectContaining({ id: res.body.id, name: "Quick Topup", code: "quick-topup" }),
    });
  });

  it("returns 409 SUPPLIER_CODE_TAKEN for a taken code and writes nothing", async () => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.post(BASE, { name: "Another", code: "fresh-fruit" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "SUPPLIER_CODE_TAKEN", details: { fields: { code: "already taken" } } });
    expect(t.rowCounts()).toEqual(before);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ["an empty body", {}, ["code", "name"]],
    ["a missing code", { name: "X" }, ["code"]],
    ["a code with capitals", { name: "X", code: "Quick_Topup" }, ["code"]],
    ["a number for name", { name: 7, code: "seven" }, ["name"]],
    ["a bad status", { name: "X", code: "xx", status: "closed" }, ["status"]],
    ["a bad settlement cycle", { name: "X", code: "xx", settlement: { cycle: "daily" } }, ["settlement.cycle"]],
    ["letters in the account number", { name: "X", code: "xx", settlement: { accountNumber: "IBAN-x" } }, ["settlement.accountNumber"]],
    ["an unknown settlement key", { name: "X", code: "xx", settlement: { swift: "CMBCCNBS" } }, ["settlement"]],
    ["a bad email", { name: "X", code: "xx", contactEmail: "nope" }, ["contactEmail"]],
    ["isPlatform (not settable)", { name: "X", code: "xx", isPlatform: true }, ["(root)"]],
    ["an unknown key", { name: "X", code: "xx", owner: "me" }, ["(root)"]],
  ])("returns 422 with details.fields for %s and writes nothing", async (_what, body, fields) => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.post(BASE, body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(res.body.details.fields).sort()).toEqual(fields);
    expect(t.rowCounts()).toEqual(before);
  });

  it.each(['{"name": "X", "code": ', "not json", "{'name': 'X'}"])("returns 400 BAD_JSON for %s and writes nothing", async (rawBody) => {
    const { t, adminCookie } = await setup();
    const before = t.rowCounts();
    const res = await t.request("POST", BASE, { cookie: adminCookie, rawBody, headers: { "content-type": "application/json", origin: ORIGIN } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: "The request body is not valid JSON", code: "BAD_JSON" });
    expect(t.rowCounts()).toEqual(before);
  });

  it.each(["null", "[]", "42", '"supplier"'])("returns 422, not 500, for the JSON value %s", async (rawBody) => {
    const { t, adminCookie } = await setup();
    const before = t.rowCounts();
    const res = await t.request("POST", BASE, { cookie: adminCookie, rawBody, headers: { "content-type": "application/json", origin: ORIGIN } });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty("(root)");
    expect(t.rowCounts()).toEqual(before);
  });
});

describe("PATCH /api/admin/suppliers/:id", () => {
  it("updates the given fields", async () => {
    const { t, admin, fresh } = await setup();
    t.clock.advance(60_000);
    const res = await admin.patch(`${BASE}/${fresh}`, { status: "active", contactEmail: "li.na@fresh.example" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: fresh, status: "active", contactEmail: "li.na@fresh.example", code: "fresh-fruit", updatedAt: "2026-01-15T02:01:00.000Z" });
    expect(row(t, fresh)).toMatchObject({ status: "active", contactEmail: "li.na@fresh.example" });
  });

  it("writes an update audit entry with before and after", async () => {
    const { t, admin, adminId, fresh } = await setup();
    await admin.patch(`${BASE}/${fresh}`, { name: "Fresh Fruit Co." });
    expect(t.auditEntries().at(-1)).toMatchObject({
      actorId: adminId,
      action: "update",
      resource: "suppliers",
      resourceId: String(fresh),
      before: expect.objectContaining({ name: "Fresh Fruit", code: "fresh-fruit" }),
      after: expect.objectContaining({ name: "Fresh Fruit Co.", code: "fresh-fruit" }),
    });
  });

  it("returns 404 for a supplier that does not exist and writes nothing", async () => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.patch(`${BASE}/999`, { name: "Ghost" });
    expect(res.status).toBe(404);
    expect(t.rowCounts()).toEqual(before);
  });

  it("returns 400 INVALID_PARAM for id abc and writes nothing", async () => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    expect((await admin.patch(`${BASE}/abc`, { name: "X" })).status).toBe(400);
    expect(t.rowCounts()).toEqual(before);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a code (fixed once created)", { code: "renamed" }, "(root)"],
    ["an empty name", { name: "" }, "name"],
    ["a bad status", { status: "closed" }, "status"],
    ["a settlement that is not an object", { settlement: "monthly" }, "settlement"],
    ["letters in the phone", { contactPhone: "call me" }, "contactPhone"],
  ])("returns 422 for %s and changes nothing", async (_what, body, field) => {
    const { t, admin, digital } = await setup();
    const stored = row(t, digital);
    const before = t.rowCounts();
    const res = await admin.patch(`${BASE}/${digital}`, body);
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty(field);
    expect(row(t, digital)).toEqual(stored);
    expect(t.rowCounts()).toEqual(before);
  });

  it("returns 400 BAD_JSON for a malformed body and changes nothing", async () => {
    const { t, adminCookie, digital } = await setup();
    const stored = row(t, digital);
    const before = t.rowCounts();
    const res = await t.request("PATCH", `${BASE}/${digital}`, { cookie: adminCookie, rawBody: '{"name":', headers: { "content-type": "application/json", origin: ORIGIN } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("BAD_JSON");
    expect(row(t, digital)).toEqual(stored);
    expect(t.rowCounts()).toEqual(before);
  });
});
