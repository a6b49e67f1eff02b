import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { casbinRules } from "../../../db/schema";
import { defaultPolicies } from "../../rbac/default-policies";
import { resourceCatalog } from "../../rbac/resources";
import { buildTestApp, ORIGIN } from "../../test/harness";

const BASE = "/api/admin/roles";

async function setup() {
  const t = await buildTestApp();
  const admin = await t.signIn("admin");
  return { t, admin: admin.client, adminId: admin.id, adminCookie: admin.cookie };
}

/** The default policy lines of one role, "resource:action". */
const linesOf = (role: string) => defaultPolicies.filter(([r]) => r === role).map(([, resource, action]) => `${resource}:${action}`);

/** The policy lines of one role as stored, "resource:action", sorted. */
const stored = (t: Awaited<ReturnType<typeof setup>>["t"], role: string) =>
  t.db
    .select()
    .from(casbinRules)
    .where(and(eq(casbinRules.ptype, "p"), eq(casbinRules.v0, role)))
    .all()
    .map((r) => `${r.v1}:${r.v2}`)
    .sort();

describe("GET /api/admin/roles", () => {
  it("lists the five staff roles with their user and permission counts", async () => {
    const { t, admin } = await setup();
    await t.createStaff("olivia", "operator");
    await t.createStaff("chen", "operator");
    const res = await admin.get(BASE);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-total-count")).toBe("5");
    expect(res.body).toEqual([
      { id: "admin", userCount: 1, permissionCount: linesOf("admin").length, locked: true },
      { id: "operator", userCount: 2, permissionCount: linesOf("operator").length, locked: false },
      { id: "supplier", userCount: 0, permissionCount: linesOf("supplier").length, locked: false },
      { id: "service", userCount: 0, permissionCount: linesOf("service").length, locked: false },
      { id: "auditor", userCount: 0, permissionCount: linesOf("auditor").length, locked: false },
    ]);
  });
});

describe("GET /api/admin/roles/:id", () => {
  it("returns the role's permissions and the catalog of resources and actions to choose from", async () => {
    const { admin } = await setup();
    const res = await admin.get(`${BASE}/supplier`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: "supplier",
      userCount: 0,
      locked: false,
      permissions: defaultPolicies.filter(([role]) => role === "supplier").map(([, resource, action]) => ({ resource, action })),
      catalog: resourceCatalog,
    });
    expect(res.body.permissions).toEqual(expect.arrayContaining([{ resource: "suppliers", action: "read" }]));
  });

  it("returns 404 for a role that does not exist", async () => {
    const { admin } = await setup();
    const res = await admin.get(`${BASE}/member`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: "Role member not found", code: "NOT_FOUND" });
  });
});

describe("PATCH /api/admin/roles/:id", () => {
  it("replaces the role's policy lines with the given permissions", async () => {
    const { t, admin } = await setup();
    const res = await admin.patch(`${BASE}/service`, {
      permissions: [
        { resource: "suppliers", action: "read" },
        { resource: "audit-log", action: "read" },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.permissions).toEqual([
      { resource: "suppliers", action: "read" },
      { resource: "audit-log", action: "read" },
    ]);
    expect(stored(t, "service")).toEqual(["audit-log:read", "suppliers:read"]);
    expect(stored(t, "operator")).toEqual(linesOf("operator").sort());
  });

  it("stores a permission given twice once", async () => {
    const { t, admin } = await setup();
    const twice = { resource: "suppliers", action: "read" };
    expect((await admin.patch(`${BASE}/service`, { permissions: [twice, twice] })).status).toBe(200);
    expect(stored(t, "service")).toEqual(["suppliers:read"]);
  });

  it("accepts an empty list: the role may then do nothing", async () => {
    const { t, admin } = await setup();
    expect((await admin.patch(`${BASE}/service`, { permissions: [] })).status).toBe(200);
    expect(stored(t, "service")).toEqual([]);
    const { client } = await t.signIn("service");
    expect((await client.get("/api/admin/suppliers")).status).toBe(403);
  });

  it("accepts wildcards: * for the action of a known resource, or * as the resource", async () => {
    const { t, admin } = await setup();
    const res = await admin.patch(`${BASE}/service`, {
      permissions: [
        { resource: "suppliers", action: "*" },
        { resource: "*", action: "read" },
      ],
    });
    expect(res.status).toBe(200);
    expect(stored(t, "service")).toEqual(["*:read", "suppliers:*"]);
  });

  it("writes an update audit entry with the permissions before and after", async () => {
    const { t, admin, adminId } = await setup();
    await admin.patch(`${BASE}/auditor`, { permissions: [{ resource: "audit-log", action: "read" }] });
    expect(t.auditEntries().at(-1)).toMatchObject({
      actorId: adminId,
      action: "update",
      resource: "roles",
      resourceId: "auditor",
      before: [{ resource: "*", action: "read" }],
      after: [{ resource: "audit-log", action: "read" }],
    });
  });

  it("returns 409 ROLE_LOCKED for the admin role and changes nothing", async () => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.patch(`${BASE}/admin`, { permissions: [{ resource: "suppliers", action: "read" }] });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ message: "The admin role cannot be edited", code: "ROLE_LOCKED" });
    expect(stored(t, "admin")).toEqual(["*:*"]);
    expect(t.rowCounts()).toEqual(before);
  });

  it("returns 404 for a role that does not exist and writes no policy line", async () => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const res = await admin.patch(`${BASE}/member`, { permissions: [{ resource: "suppliers", action: "read" }] });
    expect(res.status).toBe(404);
    expect(stored(t, "member")).toEqual([]);
    expect(t.rowCounts()).toEqual(before);
  });

  it.each<[string, unknown, string[]]>([
    ["a missing permissions list", {}, ["permissions"]],
    ["permissions that are not a list", { permissions: "all" }, ["permissions"]],
    ["a permission without an action", { permissions: [{ resource: "suppliers" }] }, ["permissions.0.action"]],
    ["an empty resource", { permissions: [{ resource: "", action: "read" }] }, ["permissions.0.resource"]],
    ["an unknown key", { permissions: [], reason: "why not" }, ["(root)"]],
    ["an action the resource does not know", { permissions: [{ resource: "suppliers", action: "read" }, { resource: "suppliers", action: "delete" }] }, ["permissions.1"]],
    ["a resource that does not exist", { permissions: [{ resource: "rockets", action: "read" }] }, ["permissions.0"]],
    ["a resource that does not exist, with a wildcard action", { permissions: [{ resource: "rockets", action: "*" }] }, ["permissions.0"]],
    ["a wildcard resource with an action no resource knows", { permissions: [{ resource: "*", action: "launch" }] }, ["permissions.0"]],
  ])("returns 422 with details.fields for %s and changes nothing", async (_what, body, fields) => {
    const { t, admin } = await setup();
    const before = t.rowCounts();
    const lines = stored(t, "operator");
    const res = await admin.patch(`${BASE}/operator`, body);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.details.fields).sort()).toEqual(fields);
    expect(stored(t, "operator")).toEqual(lines);
    expect(t.rowCounts()).toEqual(before);
  });

  it("returns 400 BAD_JSON for a malformed body and changes nothing", async () => {
    const { t, adminCookie } = await setup();
    const before = t.rowCounts();
    const res = await t.request("PATCH", `${BASE}/operator`, { cookie: adminCookie, rawBody: '{"permissions": [', headers: { "content-type": "application/json", origin: ORIGIN } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("BAD_JSON");
    expect(t.rowCounts()).toEqual(before);
  });
});
