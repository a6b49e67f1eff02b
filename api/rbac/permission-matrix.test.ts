import { describe, expect, it } from "vitest";
import { buildTestApp } from "../test/harness";

/**
 * Every foundation endpoint against every role: the permission matrix as the console shows it.
 * "2xx" means the request went through (the handler answered 200 or 201); 403 is FORBIDDEN from
 * Casbin; 401 is a request without a session.
 */
type Expect = "2xx" | 403 | 401;
const Y: Expect = "2xx";
const N: Expect = 403;

interface Fixture {
  /** A staff user the requests act on. */
  target: number;
  /** The supplier the supplier-role user belongs to. */
  ownSupplier: number;
  /** An audit entry that exists. */
  auditId: number;
}

interface Endpoint {
  method: "GET" | "POST" | "PATCH";
  path: (f: Fixture) => string;
  body?: unknown;
}

const endpoints: Record<string, Endpoint> = {
  "GET /staff-users": { method: "GET", path: () => "/staff-users" },
  "GET /staff-users/:id": { method: "GET", path: (f) => `/staff-users/${f.target}` },
  "POST /staff-users": { method: "POST", path: () => "/staff-users", body: { username: "newbie", displayName: "Newbie", password: "a-long-password", role: "service" } },
  "PATCH /staff-users/:id": { method: "PATCH", path: (f) => `/staff-users/${f.target}`, body: { displayName: "Renamed" } },
  "POST /staff-users/:id/reset-password": { method: "POST", path: (f) => `/staff-users/${f.target}/reset-password`, body: {} },
  "GET /roles": { method: "GET", path: () => "/roles" },
  "GET /roles/:id": { method: "GET", path: () => "/roles/operator" },
  "PATCH /roles/:id": { method: "PATCH", path: () => "/roles/service", body: { permissions: [{ resource: "suppliers", action: "read" }] } },
  "GET /audit-log": { method: "GET", path: () => "/audit-log" },
  "GET /audit-log/:id": { method: "GET", path: (f) => `/audit-log/${f.auditId}` },
  "GET /suppliers": { method: "GET", path: () => "/suppliers" },
  "GET /suppliers/:id": { method: "GET", path: (f) => `/suppliers/${f.ownSupplier}` },
  "POST /suppliers": { method: "POST", path: () => "/suppliers", body: { name: "Quick Topup", code: "quick-topup" } },
  "PATCH /suppliers/:id": { method: "PATCH", path: (f) => `/suppliers/${f.ownSupplier}`, body: { contactName: "Renamed" } },
  "GET /me": { method: "GET", path: () => "/me" },
  "GET /me/permissions": { method: "GET", path: () => "/me/permissions" },
};

const roles = ["admin", "operator", "supplier", "service", "auditor", "anonymous"] as const;

// prettier-ignore
const matrix: Record<keyof typeof endpoints, [Expect, Expect, Expect, Expect, Expect, Expect]> = {
  //                                         admin operator supplier service auditor anonymous
  "GET /staff-users":                        [Y,    N,       N,       N,      Y,      401],
  "GET /staff-users/:id":                    [Y,    N,       N,       N,      Y,      401],
  "POST /staff-users":                       [Y,    N,       N,       N,      N,      401],
  "PATCH /staff-users/:id":                  [Y,    N,       N,       N,      N,      401],
  "POST /staff-users/:id/reset-password":    [Y,    N,       N,       N,      N,      401],
  "GET /roles":                              [Y,    N,       N,       N,      Y,      401],
  "GET /roles/:id":                          [Y,    N,       N,       N,      Y,      401],
  "PATCH /roles/:id":                        [Y,    N,       N,       N,      N,      401],
  "GET /audit-log":                          [Y,    N,       N,       N,      Y,      401],
  "GET /audit-log/:id":                      [Y,    N,       N,       N,      Y,      401],
  "GET /suppliers":                          [Y,    Y,       Y,       Y,      Y,      401],
  "GET /suppliers/:id":                      [Y,    Y,       Y,       Y,      Y,      401],
  "POST /suppliers":                         [Y,    Y,       N,       N,      N,      401],
  "PATCH /suppliers/:id":                    [Y,    Y,       N,       N,      N,      401],
  "GET /me":                                 [Y,    Y,       Y,       Y,      Y,      401],
  "GET /me/permissions":                     [Y,    Y,       Y,       Y,      Y,      401],
};

const rows = Object.entries(matrix).flatMap(([endpoint, expected]) => roles.map((role, i) => [role, endpoint, expected[i]] as const));

describe("permission matrix of the foundation endpoints", () => {
  it("covers every role against every endpoint", () => {
    expect(rows).toHaveLength(Object.keys(endpoints).length * roles.length);
  });

  it.each(rows)("%s: %s → %s", async (role, endpoint, expected) => {
    const t = await buildTestApp();
    const ownSupplier = t.createSupplier("digital-select");
    t.createSupplier("fresh-fruit");
    const target = await t.createStaff("target", "operator");
    const client =
      role === "anonymous" ? t.as("") : (await t.signIn(role, { username: `the-${role}`, supplierId: role === "supplier" ? ownSupplier : null })).client;
    // Signing in wrote the first audit entry (an anonymous caller is refused before the id matters).
    const auditId = t.auditEntries()[0]?.id ?? 1;
    const { method, path, body } = endpoints[endpoint];
    const url = "/api/admin" + path({ target, ownSupplier, auditId });
    const before = t.rowCounts();

    const res = method === "GET" ? await client.get(url) : method === "POST" ? await client.post(url, body) : await client.patch(url, body);

    if (expected === Y) {
      expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
      return;
    }
    expect(res.status).toBe(expected);
    expect(res.body.code).toBe(expected === 403 ? "FORBIDDEN" : "UNAUTHENTICATED");
    // A refused request writes nothing, not even an audit entry.
    expect(t.rowCounts()).toEqual(before);
  });
});
