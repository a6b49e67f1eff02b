import { describe, expect, it } from "vitest";
import { themes } from "../../../db/schema";
import { runPageSchedule } from "../../domain/pages/publishing";
import { DAY, HOUR } from "../../lib/clock";
import { buildTestApp, type Client, type TestApp } from "../../test/harness";
import { createThemeRow, publishedPage, text } from "../../test/page-fixtures";

const THEMES = "/api/admin/themes";

async function setup() {
  const t = await buildTestApp();
  const op = (await t.signIn("operator")).client;
  return { t, op };
}

const iso = (t: TestApp, ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
const shopConfig = async (t: TestApp) => (await t.request("GET", "/api/shop/config")).body as { theme: { primaryColor: string; background: string; logoUrl: string } };
const pageTheme = async (t: TestApp) => (await t.request("GET", "/api/shop/pages?path=/")).body.theme;
const again = async (t: TestApp) => t.as(await t.login("operator"));

const defaultBody = { name: text("默认", "Default"), primaryColor: "#E4393C", background: "#F5F5F7" };
const festivalBody = (t: TestApp, fromMs = DAY, lengthMs = 7 * DAY) => ({
  name: text("春节", "Spring Festival"),
  primaryColor: "#c8102e",
  background: "#fff1f0",
  logoUrl: "https://img.example.com/lantern.png",
  startAt: iso(t, fromMs),
  endAt: iso(t, fromMs + lengthMs),
});

describe("POST /api/admin/themes", () => {
  it("makes the first theme without a window the default (colours lower-cased), and writes the audit log", async () => {
    const { t, op } = await setup();
    const res = await op.post(THEMES, defaultBody);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ isDefault: true, kind: "default", active: true, primaryColor: "#e4393c", background: "#f5f5f7", logoUrl: "", startAt: null, endAt: null });
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "create", resource: "themes", resourceId: String(res.body.id) });
  });

  it("makes a theme with a window a festival theme, on only within it", async () => {
    const { t, op } = await setup();
    await op.post(THEMES, defaultBody);
    const res = await op.post(THEMES, festivalBody(t));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ isDefault: false, kind: "upcoming", active: false, startAt: iso(t, DAY), endAt: iso(t, 8 * DAY) });
  });

  it("refuses a festival theme without a full window, or ending before it starts (422 on the fields)", async () => {
    const { t, op } = await setup();
    await op.post(THEMES, defaultBody);
    const none = await op.post(THEMES, { ...defaultBody, isDefault: false });
    expect(none.status).toBe(422);
    expect(none.body.details.fields).toEqual({ startAt: "A festival theme needs a start", endAt: "A festival theme needs an end" });
    const backwards = await op.post(THEMES, { ...festivalBody(t), endAt: iso(t, HOUR) });
    expect(backwards.status).toBe(422);
    expect(backwards.body.details.fields).toEqual({ endAt: "Must be after the start" });
    expect(t.count(themes)).toBe(1);
  });

  it("checks colours, the logo and the name", async () => {
    const { op } = await setup();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ primaryColor: "red" }, "primaryColor"],
      [{ background: "#fff" }, "background"],
      [{ logoUrl: "javascript:alert(1)" }, "logoUrl"],
      [{ name: text("") }, "name.zh-CN"],
      [{ startAt: "soon" }, "startAt"],
    ];
    for (const [patch, field] of cases) {
      const res = await op.post(THEMES, { ...defaultBody, ...patch });
      expect(res.status, field).toBe(422);
      expect(res.body.details.fields, field).toHaveProperty([field]);
    }
  });

  it("hands the default over when a new theme is created as the default", async () => {
    const { t, op } = await setup();
    const first = await op.post(THEMES, defaultBody);
    const second = await op.post(THEMES, { ...defaultBody, name: text("新默认", "New default"), primaryColor: "#1677ff", isDefault: true, startAt: iso(t, DAY), endAt: iso(t, 2 * DAY) });
    expect(second.body).toMatchObject({ isDefault: true, active: true, startAt: null, endAt: null });
    const list = await op.get(THEMES);
    expect(list.body.map((x: { id: number; isDefault: boolean }) => [x.id, x.isDefault])).toEqual([
      [first.body.id, false],
      [second.body.id, true],
    ]);
  });
});

describe("GET /api/admin/themes", () => {
  it("lists themes with the one members see now marked active, with X-Total-Count", async () => {
    const { t, op } = await setup();
    const now = t.clock.now().getTime();
    createThemeRow(t.db, t.clock.now(), { name: "默认", primaryColor: "#e4393c", isDefault: true });
    createThemeRow(t.db, t.clock.now(), { name: "中秋", primaryColor: "#faad14", startAt: new Date(now - 30 * DAY), endAt: new Date(now - 20 * DAY) });
    createThemeRow(t.db, t.clock.now(), { name: "周年", primaryColor: "#722ed1", startAt: new Date(now - DAY), endAt: new Date(now + DAY) });
    createThemeRow(t.db, t.clock.now(), { name: "春节", primaryColor: "#c8102e", startAt: new Date(now + 10 * DAY), endAt: new Date(now + 20 * DAY) });
    const res = await op.get(`${THEMES}?_sort=id&_order=asc&_start=0&_end=10`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-total-count")).toBe("4");
    expect(res.body.map((x: { name: { "zh-CN": string }; kind: string; active: boolean }) => [x.name["zh-CN"], x.kind, x.active])).toEqual([
      ["默认", "default", false],
      ["中秋", "past", false],
      ["周年", "on", true],
      ["春节", "upcoming", false],
    ]);
    expect((await op.get(`${THEMES}?isDefault=true`)).body).toHaveLength(1);
    expect((await op.get(`${THEMES}/999`)).status).toBe(404);
  });
});

describe("PATCH and DELETE /api/admin/themes/:id", () => {
  it("never leaves the mall without a default: it cannot be un-defaulted (409) nor deleted (409)", async () => {
    const { t, op } = await setup();
    const d = await op.post(THEMES, defaultBody);
    const off = await op.patch(`${THEMES}/${d.body.id}`, { isDefault: false, ...festivalBody(t) });
    expect(off.status).toBe(409);
    expect(off.body.code).toBe("DEFAULT_THEME");
    const del = await op.delete(`${THEMES}/${d.body.id}`);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe("DEFAULT_THEME");
    expect(t.count(themes)).toBe(1);
  });

  it("makes a festival theme the default (dropping its window), and the old default gives way", async () => {
    const { t, op } = await setup();
    const d = await op.post(THEMES, defaultBody);
    const f = await op.post(THEMES, festivalBody(t));
    const res = await op.patch(`${THEMES}/${f.body.id}`, { isDefault: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isDefault: true, startAt: null, endAt: null, active: true });
    expect((await op.get(`${THEMES}/${d.body.id}`)).body).toMatchObject({ isDefault: false, active: false });
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "update", resource: "themes", resourceId: String(f.body.id) });
  });

  it("checks a changed window against what is stored", async () => {
    const { t, op } = await setup();
    await op.post(THEMES, defaultBody);
    const f = await op.post(THEMES, festivalBody(t));
    const res = await op.patch(`${THEMES}/${f.body.id}`, { endAt: iso(t, HOUR) });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toEqual({ endAt: "Must be after the start" });
    expect((await op.patch(`${THEMES}/${f.body.id}`, { startAt: null })).status).toBe(422);
  });

  it("deletes a festival theme and writes the audit log", async () => {
    const { t, op } = await setup();
    await op.post(THEMES, defaultBody);
    const f = await op.post(THEMES, festivalBody(t));
    const res = await op.delete(`${THEMES}/${f.body.id}`);
    expect(res.status).toBe(200);
    expect(t.count(themes)).toBe(1);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "delete", resource: "themes", resourceId: String(f.body.id) });
  });
});

describe("the festival theme on the storefront", () => {
  it("switches on in its window and off after it, in the shop config and on every page", async () => {
    const { t, op } = await setup();
    await publishedPage(op, "/");
    // Before any theme: the mall settings' colours.
    expect((await pageTheme(t)).id).toBeNull();
    await op.post(THEMES, defaultBody);
    const f = await op.post(THEMES, festivalBody(t, DAY, 7 * DAY));

    expect((await shopConfig(t)).theme).toEqual({ primaryColor: "#e4393c", background: "#f5f5f7", logoUrl: "" });
    expect(await pageTheme(t)).toMatchObject({ festival: false, primaryColor: "#e4393c" });

    // The window opens: the cached page expires at that instant by itself.
    t.clock.advance(DAY);
    expect((await shopConfig(t)).theme).toEqual({ primaryColor: "#c8102e", background: "#fff1f0", logoUrl: "https://img.example.com/lantern.png" });
    expect(await pageTheme(t)).toEqual({ id: f.body.id, name: text("春节", "Spring Festival"), primaryColor: "#c8102e", background: "#fff1f0", logoUrl: "https://img.example.com/lantern.png", festival: true });
    expect((await (await again(t)).get(`${THEMES}/${f.body.id}`)).body).toMatchObject({ kind: "on", active: true });

    // Half-open: off at endAt.
    t.clock.advance(7 * DAY);
    expect((await shopConfig(t)).theme.primaryColor).toBe("#e4393c");
    expect(await pageTheme(t)).toMatchObject({ festival: false, primaryColor: "#e4393c" });
  });

  it("the page-schedule job notices the switch and drops the cached pages", async () => {
    const { t, op } = await setup();
    await publishedPage(op, "/");
    createThemeRow(t.db, t.clock.now(), { primaryColor: "#e4393c", isDefault: true });
    createThemeRow(t.db, t.clock.now(), { primaryColor: "#c8102e", startAt: new Date(t.clock.now().getTime() + HOUR), endAt: new Date(t.clock.now().getTime() + DAY) });
    t.app.ctx.pageCache.invalidate();
    expect(runPageSchedule(t.app.ctx)).toEqual({ published: 0, themeSwitched: false });
    expect(runPageSchedule(t.app.ctx).themeSwitched).toBe(false);
    t.clock.advance(HOUR);
    expect(runPageSchedule(t.app.ctx).themeSwitched).toBe(true);
    expect((await pageTheme(t)).primaryColor).toBe("#c8102e");
  });
});

describe("who may change themes (api/rbac/default-policies.ts)", () => {
  async function everyRoute(client: Client, t: TestApp, id: number) {
    return {
      list: (await client.get(THEMES)).status,
      get: (await client.get(`${THEMES}/${id}`)).status,
      create: (await client.post(THEMES, festivalBody(t))).status,
      update: (await client.patch(`${THEMES}/${id}`, { primaryColor: "#000000" })).status,
      delete: (await client.delete(`${THEMES}/${id}`)).status,
    };
  }

  it("operator (themes: read, create, update, delete) may do everything", async () => {
    const { t, op } = await setup();
    await op.post(THEMES, defaultBody);
    const f = await op.post(THEMES, festivalBody(t));
    expect(await everyRoute(op, t, f.body.id)).toEqual({ list: 200, get: 200, create: 201, update: 200, delete: 200 });
  });

  it("service (themes, read) and auditor (*, read) read and change nothing; supplier may not read", async () => {
    const { t, op } = await setup();
    await op.post(THEMES, defaultBody);
    const f = await op.post(THEMES, festivalBody(t));
    const themeAudits = () => t.auditEntries().filter((e) => e.resource === "themes").length;
    const before = themeAudits();
    for (const role of ["service", "auditor"]) {
      const client = (await t.signIn(role)).client;
      expect(await everyRoute(client, t, f.body.id), role).toEqual({ list: 200, get: 200, create: 403, update: 403, delete: 403 });
    }
    const supplier = (await t.signIn("supplier", { supplierId: t.createSupplier("digital") })).client;
    expect(new Set(Object.values(await everyRoute(supplier, t, f.body.id)))).toEqual(new Set([403]));
    expect(themeAudits()).toBe(before);
    expect(t.count(themes)).toBe(2);
  });
});

describe("bad input never answers 500", () => {
  it("answers 4xx to malformed bodies and wrong types", async () => {
    const { t, op } = await setup();
    const d = await op.post(THEMES, defaultBody);
    const cases = [
      () => op.post(THEMES, {}),
      () => op.post(THEMES, { ...defaultBody, isDefault: "yes" }),
      () => op.post(THEMES, { ...defaultBody, startAt: 0 }),
      () => op.patch(`${THEMES}/${d.body.id}`, { primaryColor: null }),
      () => op.patch(`${THEMES}/${d.body.id}`, { id: 5 }),
      () => op.get(`${THEMES}?startAt_gte=tomorrow`),
      () => op.get(`${THEMES}?isDefault=maybe`),
      () => op.delete(`${THEMES}/abc`),
      () => t.request("PATCH", `${THEMES}/${d.body.id}`, { rawBody: "{", headers: { "content-type": "application/json" } }),
    ];
    for (const [i, run] of cases.entries()) {
      const res = await run();
      expect(res.status, `case ${i}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `case ${i}`).toBeLessThan(500);
    }
  });
});
