import { describe, expect, it } from "vitest";
import { buildTestApp, ORIGIN } from "./test/harness";

/**
 * Whatever a client sends, the API answers with the one error shape and a 4xx, writes nothing, and
 * never falls into the 500 handler. Every foundation endpoint that reads a body or a query is swept here;
 * each resource's own tests check the exact status and field paths.
 */
const bodyEndpoints: Array<[method: string, path: string]> = [
  ["POST", "/api/admin/auth/login"],
  ["POST", "/api/admin/me/password"],
  ["POST", "/api/admin/staff-users"],
  ["PATCH", "/api/admin/staff-users/{staff}"],
  ["POST", "/api/admin/staff-users/{staff}/reset-password"],
  ["PATCH", "/api/admin/roles/operator"],
  ["POST", "/api/admin/suppliers"],
  ["PATCH", "/api/admin/suppliers/{supplier}"],
];

const deep = "[".repeat(2000) + "]".repeat(2000);
const hostileBodies: Array<[what: string, raw: string, contentType?: string]> = [
  ["an empty body", ""],
  ["truncated JSON", '{"name": "x"'],
  ["a JSON null", "null"],
  ["a JSON array", "[]"],
  ["a JSON number", "42"],
  ["a JSON string", '"hello"'],
  ["a __proto__ key", '{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"x": 1}}}'],
  ["2000 nested arrays", deep],
  ["a 1 MB string in every field", JSON.stringify(Object.fromEntries(["username", "password", "displayName", "name", "code", "currentPassword", "newPassword", "role"].map((k) => [k, "x".repeat(1_000_000)])))],
  ["numbers where strings go", JSON.stringify({ username: 1, password: 2, name: 3, code: 4, displayName: 5, role: 6, permissions: 7 })],
  ["NUL and lone surrogates", JSON.stringify({ username: "a\u0000b", password: "\ud800", name: "\udfff", code: "a\u0000" })],
  ["a form body", "name=x&code=y", "application/x-www-form-urlencoded"],
  ["plain text", "hello", "text/plain"],
];

const listEndpoints = ["/api/admin/staff-users", "/api/admin/suppliers", "/api/admin/audit-log", "/api/admin/roles"];
const hostileQueries = [
  "_start=1e400",
  "_end=NaN",
  "_start=0x10&_end=-0",
  "_start=99999999999999999999999",
  "_sort=id,,id&_order=,",
  "_sort[]=id",
  "id[]=1",
  "q=%25%5F%5C",
  "q=%ZZ",
  "id=%E0%A4%A",
  "createdAt_gte=9999999999999999999999",
  "createdAt_lte=-271821-04-20",
  "__proto__=1",
  "constructor=1",
  "q=" + "x".repeat(10_000),
];

const pathIds = ["abc", "%ZZ", "1e3", "-0", "1.0e-3", "1;DROP TABLE staff_users", "9".repeat(400)];

async function setup() {
  const t = await buildTestApp();
  const admin = await t.signIn("admin");
  const supplier = t.createSupplier("digital-select");
  const staff = await t.createStaff("olivia", "operator");
  const fill = (path: string) => path.replace("{staff}", String(staff)).replace("{supplier}", String(supplier));
  return { t, cookie: admin.cookie, fill };
}

describe("every endpoint answers bad input with a 4xx in the one error shape, never a 500", () => {
  it.each(hostileBodies)("bodies: %s", async (what, raw, contentType = "application/json") => {
    const { t, cookie, fill } = await setup();
    for (const [method, path] of bodyEndpoints) {
      const before = t.rowCounts();
      const res = await t.request(method, fill(path), { cookie, rawBody: raw, headers: { "content-type": contentType, origin: ORIGIN } });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(res.body).toEqual(expect.objectContaining({ message: expect.any(String), code: expect.any(String) }));
      expect(t.rowCounts(), `${method} ${path} wrote`).toEqual(before);
      if (what === "truncated JSON") expect(res.body, `${method} ${path}`).toEqual({ message: "The request body is not valid JSON", code: "BAD_JSON" });
      if (["a JSON null", "a JSON array", "a JSON number", "2000 nested arrays"].includes(what)) expect(res.status, `${method} ${path}`).toBe(422);
    }
  });

  it.each(hostileQueries)("queries: ?%s", async (query) => {
    const { t, cookie } = await setup();
    const before = t.rowCounts();
    for (const path of listEndpoints) {
      const res = await t.as(cookie).get(`${path}?${query}`);
      expect(res.status, `${path}: ${JSON.stringify(res.body).slice(0, 200)}`).toBeLessThan(500);
      if (res.status >= 400) expect(res.body.code).toEqual(expect.any(String));
    }
    expect(t.rowCounts()).toEqual(before);
  });

  it.each(pathIds)("path ids: %s", async (id) => {
    const { t, cookie } = await setup();
    const client = t.as(cookie);
    const before = t.rowCounts();
    const p = `/${encodeURIComponent(id).replace("%25ZZ", "%ZZ")}`;
    for (const res of [
      await client.get(`/api/admin/staff-users${p}`),
      await client.patch(`/api/admin/staff-users${p}`, { displayName: "X" }),
      await client.post(`/api/admin/staff-users${p}/reset-password`, {}),
      await client.get(`/api/admin/suppliers${p}`),
      await client.patch(`/api/admin/suppliers${p}`, { name: "X" }),
      await client.get(`/api/admin/audit-log${p}`),
      await client.get(`/api/admin/roles${p}`),
      await client.patch(`/api/admin/roles${p}`, { permissions: [] }),
    ]) {
      expect(res.status, JSON.stringify(res.body).slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(t.rowCounts()).toEqual(before);
  });
});
