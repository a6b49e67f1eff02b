import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../db/client";
import { casbinRules, settings } from "../../db/schema";
import { buildTestApp } from "../test/harness";
import { applyDefaultPolicies, Authorizer, modelText } from "./authorizer";
import { defaultPolicies } from "./default-policies";

/**
 * The real model (model.conf) and the real default policy lines (default-policies.ts),
 * loaded through the Authorizer on a fresh database. Each test is named after the line it checks.
 */
let authz: Authorizer;
beforeAll(async () => {
  const db = createTestDb();
  applyDefaultPolicies(db, new Date("2026-01-15T02:00:00Z"));
  authz = await Authorizer.create(db);
});

const may = (role: string, resource: string, action: string) => authz.can(role, resource, action);

describe("the model", () => {
  it("is the model file the server loads: role, resource and action, with * wildcards and role inheritance", () => {
    expect(modelText).toContain("r = sub, obj, act");
    expect(modelText).toContain('(p.obj == "*" || r.obj == p.obj)');
    expect(modelText).toContain("g = _, _");
  });

  it("loads exactly the default lines into the policy", async () => {
    const lines = await authz.enforcer.getPolicy();
    expect(lines.map((l) => l.join(", ")).sort()).toEqual(defaultPolicies.map((l) => l.join(", ")).sort());
  });

  it("g, <role>, <parent>: a role inherits every line of its parent", async () => {
    const db = createTestDb();
    applyDefaultPolicies(db, new Date());
    const local = await Authorizer.create(db);
    await local.enforcer.addGroupingPolicy("senior-service", "service");
    expect(local.can("senior-service", "suppliers", "read")).toBe(true);
    expect(local.can("senior-service", "suppliers", "update")).toBe(false);
    expect(await local.permissionsOf("senior-service")).toContainEqual(["suppliers", "read"]);
  });

  it("a role with no lines may do nothing", () => {
    expect(may("member", "suppliers", "read")).toBe(false);
    expect(may("", "suppliers", "read")).toBe(false);
  });
});

describe("admin", () => {
  it.each([
    ["create", "staff-users"],
    ["reset-password", "staff-users"],
    ["update", "roles"],
    ["update", "suppliers"],
    ["unmask", "pii"],
    ["refund", "orders"],
  ])("p, admin, *, *: admin may %s %s (any resource, any action, including ones added later)", (action, resource) => {
    expect(may("admin", resource, action)).toBe(true);
  });
});

describe("operator", () => {
  it("p, operator, dashboard, read: operator may read the dashboard", () => {
    expect(may("operator", "dashboard", "read")).toBe(true);
  });

  it.each(["read", "create", "update"].map((a) => [a, a]))("p, operator, suppliers, %s: operator may %s suppliers", (action) => {
    expect(may("operator", "suppliers", action)).toBe(true);
  });

  it.each(["read", "update"].map((a) => [a, a]))("p, operator, settings, %s: operator may %s settings", (action) => {
    expect(may("operator", "settings", action)).toBe(true);
  });

  it("p, operator, pii, unmask: operator sees personal data in full", () => {
    expect(may("operator", "pii", "unmask")).toBe(true);
  });

  it("operator may not delete suppliers (no line grants it)", () => {
    expect(may("operator", "suppliers", "delete")).toBe(false);
  });

  it.each([
    ["read", "staff-users"],
    ["create", "staff-users"],
    ["reset-password", "staff-users"],
    ["read", "roles"],
    ["update", "roles"],
    ["read", "audit-log"],
  ])("operator may not %s %s (users, roles and the audit log are the admin's)", (action, resource) => {
    expect(may("operator", resource, action)).toBe(false);
  });
});

describe("supplier", () => {
  it("p, supplier, dashboard, read: supplier staff may read their dashboard", () => {
    expect(may("supplier", "dashboard", "read")).toBe(true);
  });

  it("p, supplier, suppliers, read: supplier staff may read suppliers (row scope limits it to their own)", () => {
    expect(may("supplier", "suppliers", "read")).toBe(true);
  });

  it("p, supplier, pii, unmask: supplier staff see the addresses of the orders they ship", () => {
    expect(may("supplier", "pii", "unmask")).toBe(true);
  });

  it.each(["create", "update", "delete"])("supplier staff may not %s suppliers (no line grants it)", (action) => {
    expect(may("supplier", "suppliers", action)).toBe(false);
  });

  it.each([
    ["read", "staff-users"],
    ["read", "roles"],
    ["read", "audit-log"],
    ["read", "settings"],
  ])("supplier staff may not %s %s", (action, resource) => {
    expect(may("supplier", resource, action)).toBe(false);
  });
});

describe("service", () => {
  it("p, service, dashboard, read: customer service may read the dashboard", () => {
    expect(may("service", "dashboard", "read")).toBe(true);
  });

  it("p, service, suppliers, read: customer service may read suppliers", () => {
    expect(may("service", "suppliers", "read")).toBe(true);
  });

  it("p, service, pii, unmask: customer service sees members' contact details in full", () => {
    expect(may("service", "pii", "unmask")).toBe(true);
  });

  it.each([
    ["create", "suppliers"],
    ["update", "suppliers"],
    ["read", "staff-users"],
    ["read", "roles"],
    ["read", "audit-log"],
    ["update", "settings"],
  ])("customer service may not %s %s (no line grants it)", (action, resource) => {
    expect(may("service", resource, action)).toBe(false);
  });
});

describe("auditor", () => {
  it.each(["staff-users", "roles", "audit-log", "suppliers", "settings", "dashboard", "orders"])("p, auditor, *, read: auditor may read %s", (resource) => {
    expect(may("auditor", resource, "read")).toBe(true);
  });

  it("auditor may not update suppliers (no line grants it)", () => {
    expect(may("auditor", "suppliers", "update")).toBe(false);
  });

  it.each([
    ["create", "suppliers"],
    ["create", "staff-users"],
    ["update", "staff-users"],
    ["reset-password", "staff-users"],
    ["update", "roles"],
    ["update", "settings"],
  ])("auditor may not %s %s (it reads, it changes nothing)", (action, resource) => {
    expect(may("auditor", resource, action)).toBe(false);
  });

  it("auditor may not unmask pii even though it holds *, read", () => {
    expect(may("auditor", "pii", "read")).toBe(true);
    expect(may("auditor", "pii", "unmask")).toBe(false);
  });
});

describe("policy changes", () => {
  it("editing a role via PATCH /api/admin/roles/operator takes effect on the next request, without a restart", async () => {
    const t = await buildTestApp();
    const admin = await t.signIn("admin");
    const operator = await t.signIn("operator");
    expect((await operator.client.get("/api/admin/staff-users")).status).toBe(403);
    expect((await operator.client.post("/api/admin/suppliers", { name: "A", code: "aa" })).status).toBe(201);

    const res = await admin.client.patch("/api/admin/roles/operator", {
      permissions: [
        { resource: "suppliers", action: "read" },
        { resource: "staff-users", action: "read" },
      ],
    });
    expect(res.status).toBe(200);

    // The same session, no restart: the new line grants, the removed line no longer does.
    expect((await operator.client.get("/api/admin/staff-users")).status).toBe(200);
    const refused = await operator.client.post("/api/admin/suppliers", { name: "B", code: "bb" });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("FORBIDDEN");
    expect((await operator.client.get("/api/admin/me/permissions")).body.permissions).toEqual([
      { resource: "suppliers", action: "read" },
      { resource: "staff-users", action: "read" },
    ]);
  });

  it("the admin role is locked: PATCH /api/admin/roles/admin returns 409 ROLE_LOCKED and admin keeps *, *", async () => {
    const t = await buildTestApp();
    const admin = await t.signIn("admin");
    const res = await admin.client.patch("/api/admin/roles/admin", { permissions: [] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ROLE_LOCKED");
    expect(t.app.ctx.authz.can("admin", "roles", "update")).toBe(true);
    expect((await admin.client.get("/api/admin/roles")).status).toBe(200);
  });

  it("applyDefaultPolicies does not re-add a line an admin removed, on a restart either", async () => {
    const t = await buildTestApp();
    const clock = t.clock;
    const admin = await t.signIn("admin");
    await admin.client.patch("/api/admin/roles/operator", { permissions: [{ resource: "suppliers", action: "read" }] });
    const removed = and(eq(casbinRules.v0, "operator"), eq(casbinRules.v1, "pii"), eq(casbinRules.v2, "unmask"));

    expect(applyDefaultPolicies(t.db, clock.now())).toBe(0);
    expect(t.db.select().from(casbinRules).where(removed).all()).toEqual([]);

    // A restart: a second app on the same database applies the defaults again on start.
    const restarted = await t.restart();
    expect(restarted.ctx.authz.can("operator", "pii", "unmask")).toBe(false);
    expect(restarted.ctx.authz.can("operator", "suppliers", "read")).toBe(true);
  });

  it("applyDefaultPolicies adds each default line once, however often it runs", () => {
    const db = createTestDb();
    expect(applyDefaultPolicies(db, new Date())).toBe(defaultPolicies.length);
    expect(applyDefaultPolicies(db, new Date())).toBe(0);
    expect(db.select().from(casbinRules).all()).toHaveLength(defaultPolicies.length);
  });

  it("applyDefaultPolicies adds a default line this database has never seen (a newer release's line)", () => {
    const db = createTestDb();
    applyDefaultPolicies(db, new Date());
    // Pretend the database predates the "service, pii, unmask" line.
    const key = "service|pii|unmask";
    const row = db.select().from(settings).where(eq(settings.key, "rbac.appliedDefaults")).get()!;
    db.update(settings).set({ value: (row.value as string[]).filter((k) => k !== key) }).where(eq(settings.key, "rbac.appliedDefaults")).run();
    db.delete(casbinRules).where(and(eq(casbinRules.v0, "service"), eq(casbinRules.v1, "pii"))).run();

    expect(applyDefaultPolicies(db, new Date())).toBe(1);
    expect(db.select().from(casbinRules).where(and(eq(casbinRules.v0, "service"), eq(casbinRules.v1, "pii"), eq(casbinRules.v2, "unmask"))).all()).toHaveLength(1);
  });
});
