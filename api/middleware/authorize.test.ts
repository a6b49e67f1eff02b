import { describe, expect, it } from "vitest";
import { buildTestApp } from "../test/harness";
import { accessOf } from "./authorize";

describe("accessOf: the Casbin (resource, action) of a console request", () => {
  it.each([
    ["GET", "/api/admin/staff-users", "staff-users", "read"],
    ["GET", "/api/admin/staff-users/7", "staff-users", "read"],
    ["HEAD", "/api/admin/suppliers", "suppliers", "read"],
    ["POST", "/api/admin/suppliers", "suppliers", "create"],
    ["POST", "/api/admin/suppliers/", "suppliers", "create"],
    ["POST", "/api/admin/staff-users/7/reset-password", "staff-users", "reset-password"],
    ["POST", "/api/admin/orders/12/ship", "orders", "ship"],
    ["POST", "/api/admin/products/import", "products", "import"],
    ["POST", "/api/admin/staff-users/7", "staff-users", "update"],
    ["PATCH", "/api/admin/suppliers/3", "suppliers", "update"],
    ["PUT", "/api/admin/settings/mall", "settings", "update"],
    ["DELETE", "/api/admin/banners/4", "banners", "delete"],
    ["POST", "/api/admin/auth/login", "auth", "login"],
    ["POST", "/api/admin/me/password", "me", "password"],
  ])("%s %s is %s:%s", (method, path, resource, action) => {
    expect(accessOf(method, path)).toEqual({ resource, action });
  });

  it("reads the resource as empty for the console root", () => {
    expect(accessOf("GET", "/api/admin/")).toEqual({ resource: "", action: "read" });
  });
});

describe("authorizeStaff", () => {
  it("returns 401 UNAUTHENTICATED for a console request without a session", async () => {
    const t = await buildTestApp();
    const res = await t.request("GET", "/api/admin/suppliers");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: "Please sign in", code: "UNAUTHENTICATED" });
  });

  it("returns 401, not 403, for a forbidden resource without a session, so nothing about roles leaks", async () => {
    const t = await buildTestApp();
    const res = await t.request("GET", "/api/admin/roles");
    expect(res.status).toBe(401);
  });

  it("returns 403 FORBIDDEN with the resource and action it refused", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("service");
    const res = await client.get("/api/admin/staff-users");
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      message: "Your role (service) may not read staff-users",
      code: "FORBIDDEN",
      details: { resource: "staff-users", action: "read" },
    });
  });

  it("refuses an unknown console path with 403 for a role without a wildcard, before routing", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("operator");
    expect((await client.get("/api/admin/nothing-here")).status).toBe(403);
  });

  it("answers 404 ROUTE_NOT_FOUND for an unknown console path to a role that may do anything", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("admin");
    const res = await client.get("/api/admin/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("ROUTE_NOT_FOUND");
  });

  it("lets any signed-in staff member reach their own account under /me", async () => {
    const t = await buildTestApp();
    const { client } = await t.signIn("auditor");
    expect((await client.get("/api/admin/me")).status).toBe(200);
  });
});
