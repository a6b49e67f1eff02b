import { describe, expect, it } from "vitest";
import { buildTestApp } from "../../test/harness";

describe("GET /api/health", () => {
  it("answers ok when the database answers", async () => {
    const t = await buildTestApp();
    const res = await t.request("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", db: "ok" });
  });

  it("answers 503 when the database is closed", async () => {
    const t = await buildTestApp();
    t.db.$client.close();
    const res = await t.request("GET", "/api/health");
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: "degraded", db: "error" });
  });
});

describe("unknown routes", () => {
  it("returns the error shape with 404", async () => {
    const t = await buildTestApp();
    const res = await t.request("GET", "/api/does-not-exist");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ message: "No route for GET /api/does-not-exist", code: "ROUTE_NOT_FOUND" });
  });
});
