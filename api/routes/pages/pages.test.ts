import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pages, pageVersions } from "../../../db/schema";
import { PAGE_MAX_AGE_MS } from "../../domain/pages/page-cache";
import { runPageSchedule } from "../../domain/pages/publishing";
import { jobs } from "../../jobs";
import { HOUR, MINUTE } from "../../lib/clock";
import { createCampaign, createProduct } from "../../test/campaign-fixtures";
import { buildTestApp, type Client, type TestApp } from "../../test/harness";
import { createPage, createSlot, ICON, IMG, noticeBlock, publishedPage, setProduct, text } from "../../test/page-fixtures";

const BASE = "/api/admin/pages";
const SHOP = "/api/shop/pages";

async function setup() {
  const t = await buildTestApp();
  const op = (await t.signIn("operator")).client;
  return { t, op };
}

/** What members see at a path: the status and, on 200, the page JSON. */
const shop = (t: TestApp, path = "/") => t.request("GET", `${SHOP}?path=${encodeURIComponent(path)}`);
const noticeTexts = (page: { blocks: { type: string; text?: { "zh-CN": string } }[] }) => page.blocks.filter((b) => b.type === "notice").map((b) => b.text!["zh-CN"]);
const pageRow = (t: TestApp, id: number) => t.db.select().from(pages).where(eq(pages.id, id)).get()!;
const versionRows = (t: TestApp, pageId: number) => t.db.select().from(pageVersions).where(eq(pageVersions.pageId, pageId)).all();
/** Staff sessions end after 2 idle hours: sign in again after moving the clock far. */
const again = async (t: TestApp) => t.as(await t.login("operator"));

describe("POST /api/admin/pages", () => {
  it("creates a topic page with a validated draft, nothing published yet, and writes the audit log", async () => {
    const { t, op } = await setup();
    const res = await op.post(BASE, { path: "/topics/new-year", title: text("新年好礼", "New Year gifts"), blocks: [noticeBlock()] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      path: "/topics/new-year",
      title: { "zh-CN": "新年好礼", "en-US": "New Year gifts" },
      status: "active",
      publishedVersionId: null,
      publishedVersion: null,
      scheduledAt: null,
      blockCount: 1,
      hasUnpublishedChanges: true,
      draft: [{ id: "n1", type: "notice", text: { "zh-CN": "全场包邮", "en-US": "Free delivery" } }],
      versions: [],
    });
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "create", resource: "pages", resourceId: String(res.body.id), actorName: "operator" });
    // Nothing is published: members get a 404 there.
    expect((await shop(t, "/topics/new-year")).status).toBe(404);
  });

  it("creates a page with an empty draft when no blocks are sent", async () => {
    const { op } = await setup();
    const res = await op.post(BASE, { path: "/", title: text("首页", "Home") });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ draft: [], blockCount: 0 });
  });

  it("returns 409 PATH_TAKEN for a path another page lives at, and writes nothing", async () => {
    const { t, op } = await setup();
    await createPage(op, "/topics/tea");
    const audits = t.auditEntries().length;
    const res = await op.post(BASE, { path: "/topics/tea", title: text("茶") });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "PATH_TAKEN", details: { fields: { path: expect.any(String) } } });
    expect(t.count(pages)).toBe(1);
    expect(t.auditEntries()).toHaveLength(audits);
  });

  it.each(["/about", "//evil.example", "/topics/", "/topics/Tea", "/topics/tea party", "/topics/-tea", "topics/tea", `/topics/${"a".repeat(70)}`])("refuses the path %j with 422 on the field path", async (path) => {
    const { t, op } = await setup();
    const res = await op.post(BASE, { path, title: text("页面") });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(res.body.details.fields)).toEqual(["path"]);
    expect(t.count(pages)).toBe(0);
  });

  it("needs a title in at least one language", async () => {
    const { op } = await setup();
    const res = await op.post(BASE, { path: "/topics/a", title: { "zh-CN": " ", "en-US": "" } });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty(["title.zh-CN"]);
  });
});

describe("block validation (PATCH /api/admin/pages/:id)", () => {
  it("names every block field that points at nothing: slot, category, products, campaigns, link targets; the draft stays as it was", async () => {
    const { t, op } = await setup();
    const now = t.clock.now();
    const product = createProduct(t.db, now);
    const wheel = createCampaign(t.db, now, { template: "wheel", draft: true });
    const page = await createPage(op, "/topics/a");
    const res = await op.patch(`${BASE}/${page.id}`, {
      blocks: [
        { id: "b0", type: "banner", slotCode: "no-such-slot" },
        { id: "b1", type: "product_grid", title: text("精选"), source: "manual", productIds: [product, 9999] },
        { id: "b2", type: "campaign_entry", campaignId: 777 },
        { id: "b3", type: "flash_strip", title: text("秒杀"), campaignIds: [wheel.id, 888] },
        { id: "b4", type: "product_grid", source: "category", categoryId: 4242 },
        {
          id: "b5",
          type: "icon_grid",
          columns: 4,
          items: [
            { icon: ICON, label: text("专题"), link: { type: "page", target: "/topics/missing" } },
            { icon: ICON, label: text("商品"), link: { type: "product", target: String(product) } },
            { icon: ICON, label: text("活动"), link: { type: "campaign", target: "999" } },
          ],
        },
        { id: "b6", type: "notice", text: text("公告"), link: { type: "product", target: "31337" } },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.details.fields).toEqual({
      "blocks.0.slotCode": "No slot has this code",
      "blocks.1.productIds.1": "No product 9999",
      "blocks.2.campaignId": "No such campaign",
      "blocks.3.campaignIds.0": `Campaign ${wheel.id} is not a flash sale`,
      "blocks.3.campaignIds.1": "No campaign 888",
      "blocks.4.categoryId": "No such category",
      "blocks.5.items.0.link.target": "No page at this path",
      "blocks.5.items.2.link.target": "No such campaign",
      "blocks.6.link.target": "No such product",
    });
    expect(pageRow(t, page.id).draft).toEqual([noticeBlock()]);
  });

  it("checks each block type's own fields, with their paths", async () => {
    const { op } = await setup();
    const page = await createPage(op, "/topics/a");
    const res = await op.patch(`${BASE}/${page.id}`, {
      blocks: [
        { id: "g1", type: "product_grid", source: "manual", productIds: [] },
        { id: "g2", type: "product_grid", source: "category" },
        { id: "g3", type: "product_grid", source: "tag", tag: "" },
        { id: "g4", type: "product_grid", source: "manual", productIds: [3, 3] },
        { id: "i1", type: "icon_grid", columns: 6, items: [] },
        { id: "f1", type: "flash_strip", title: text("秒杀"), campaignIds: [] },
        { id: "n1", type: "notice", text: text("") },
        { id: "m1", type: "image", url: "javascript:alert(1)" },
        { id: "c1", type: "campaign_entry", campaignId: 0 },
        { id: "b1", type: "banner", slotCode: "Home Top", height: 1000 },
        { id: "x1", type: "carousel" },
        { id: "bad id!", type: "notice", text: text("公告") },
        { id: "e1", type: "notice", text: text("公告"), color: "red" },
        { id: "g5", type: "product_grid", source: "tag", tag: "热门", columns: 4, limit: 0 },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toMatchObject({
      "blocks.0.productIds": "Choose at least one product",
      "blocks.1.categoryId": "Choose a category",
      "blocks.2.tag": "Enter a tag",
      "blocks.3.productIds.1": "Listed twice",
      "blocks.4.columns": expect.any(String),
      "blocks.4.items": "Add at least one icon",
      "blocks.5.campaignIds": "Choose at least one flash sale",
      "blocks.6.text.zh-CN": "Required in at least one language",
      "blocks.7.url": expect.stringContaining("image"),
      "blocks.8.campaignId": expect.any(String),
      "blocks.9.slotCode": "Choose a slot",
      "blocks.9.height": expect.any(String),
      "blocks.10.type": expect.stringContaining("discriminator"),
      "blocks.11.id": expect.any(String),
      "blocks.12": expect.stringContaining("color"),
      "blocks.13.columns": expect.any(String),
      "blocks.13.limit": expect.any(String),
    });
  });

  it("refuses links that are not what their type says: scripts, other hosts disguised as paths, ids that are not ids", async () => {
    const { op } = await setup();
    const page = await createPage(op, "/topics/a");
    const link = (type: string, target: string) => ({ icon: ICON, label: text("入口"), link: { type, target } });
    const res = await op.patch(`${BASE}/${page.id}`, {
      blocks: [
        {
          id: "icons",
          type: "icon_grid",
          items: [
            link("url", "javascript:alert(1)"),
            link("url", "//evil.example/phish"),
            link("url", "/\\evil.example/phish"),
            link("url", "ftp://files.example/x"),
            link("product", "abc"),
            link("campaign", "-1"),
            link("page", "/about"),
            link("url", "https://partner.example/offer?id=1"),
            link("url", "/products?tag=热门"),
            link("none", "ignored"),
          ],
        },
      ],
    });
    expect(res.status).toBe(422);
    const fields = Object.keys(res.body.details.fields);
    expect(fields).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `blocks.0.items.${i}.link.target`));
  });

  it("refuses two blocks with one id, and more than 50 blocks", async () => {
    const { op } = await setup();
    const page = await createPage(op, "/topics/a");
    const twice = await op.patch(`${BASE}/${page.id}`, { blocks: [noticeBlock("same"), noticeBlock("same")] });
    expect(twice.status).toBe(422);
    expect(twice.body.details.fields).toEqual({ "blocks.1.id": "Two blocks have this id" });
    const many = await op.patch(`${BASE}/${page.id}`, { blocks: Array.from({ length: 51 }, (_, i) => noticeBlock(`n${i}`)) });
    expect(many.status).toBe(422);
    expect(many.body.details.fields).toHaveProperty("blocks");
  });

  it("sanitises rich text: script tags and their content, event handlers and unsafe URLs are removed", async () => {
    const { t, op } = await setup();
    const page = await createPage(op, "/topics/a");
    const res = await op.patch(`${BASE}/${page.id}`, {
      blocks: [
        {
          id: "rt",
          type: "rich_text",
          html: {
            "zh-CN": '<p onclick="steal()">新年<b>好礼</b></p><script>alert("x")</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">点我</a>',
            "en-US": '<h3>Gifts</h3><iframe src="https://evil.example"></iframe><a href="https://shop.example/x">more</a>',
          },
        },
      ],
    });
    expect(res.status).toBe(200);
    const html = (pageRow(t, page.id).draft[0] as unknown as { html: Record<string, string> }).html;
    expect(html["zh-CN"]).toBe("<p>新年<b>好礼</b></p><a>点我</a>");
    expect(html["en-US"]).toBe('<h3>Gifts</h3><a href="https://shop.example/x" rel="nofollow noopener noreferrer" target="_blank">more</a>');
    expect(JSON.stringify(res.body.draft)).not.toMatch(/script|onerror|onclick|iframe|javascript/);
  });

  it("stores only the fields a block's type and source use", async () => {
    const { t, op } = await setup();
    const product = createProduct(t.db, t.clock.now());
    const page = await createPage(op, "/topics/a");
    const res = await op.patch(`${BASE}/${page.id}`, {
      blocks: [
        { id: "g", type: "product_grid", title: text("精选"), source: "manual", productIds: [product], categoryId: null, tag: null },
        { id: "n", type: "notice", text: text("公告"), link: { type: "none", target: "whatever" } },
        { id: "c", type: "flash_strip", title: text("秒杀"), campaignIds: [createCampaign(t.db, t.clock.now(), { template: "flash_sale", config: { productId: product, salePoints: 10 }, reservedStock: 1 }).id] },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.draft[0]).toEqual({ id: "g", type: "product_grid", title: text("精选"), source: "manual", productIds: [product], limit: 6, columns: 2 });
    expect(res.body.draft[1]).toEqual({ id: "n", type: "notice", text: text("公告") });
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "save-draft", resource: "pages", resourceId: String(page.id) });
  });
});

describe("GET /api/admin/pages", () => {
  it("follows Refine's conventions: _start/_end/_sort/_order, filters, q, X-Total-Count", async () => {
    const { op } = await setup();
    await publishedPage(op, "/", [noticeBlock()], text("首页", "Home"));
    await createPage(op, "/topics/apple", [noticeBlock()], text("苹果", "Apples"));
    await createPage(op, "/topics/cherry", [noticeBlock()], text("樱桃", "Cherries"));

    const first = await op.get(`${BASE}?_start=0&_end=2&_sort=path&_order=desc`);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-total-count")).toBe("3");
    expect(first.body.map((p: { path: string }) => p.path)).toEqual(["/topics/cherry", "/topics/apple"]);
    const second = await op.get(`${BASE}?_start=2&_end=4&_sort=path&_order=desc`);
    expect(second.body.map((p: { path: string }) => p.path)).toEqual(["/"]);
    expect(second.body[0]).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: false, scheduledAt: null, blockCount: 1 });
    expect(second.body[0]).not.toHaveProperty("draft");

    expect((await op.get(`${BASE}?q=Cherr`)).body.map((p: { path: string }) => p.path)).toEqual(["/topics/cherry"]);
    expect((await op.get(`${BASE}?path=/topics/apple`)).body).toHaveLength(1);
    expect((await op.get(`${BASE}?status=archived`)).headers.get("x-total-count")).toBe("0");
  });

  it("answers 400 for unknown sorts, orders, filters and bad ranges (the draft is not a filter)", async () => {
    const { op } = await setup();
    for (const q of ["_sort=nope", "_order=sideways", "draft=x", "_start=-1", "_start=5&_end=1", "id=abc"]) {
      const res = await op.get(`${BASE}?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.code, q).toBe("INVALID_QUERY");
    }
  });
});

describe("GET /api/admin/pages/:id", () => {
  it("shows the draft and the versions, newest first, with their state", async () => {
    const { t, op } = await setup();
    const page = await publishedPage(op, "/topics/a", [noticeBlock("n1", "一")]);
    await op.patch(`${BASE}/${page.id}`, { blocks: [noticeBlock("n1", "二")] });
    await op.post(`${BASE}/${page.id}/publish`, { note: "second" });
    await op.post(`${BASE}/${page.id}/publish`, { publishAt: new Date(t.clock.now().getTime() + HOUR).toISOString() });
    const res = await op.get(`${BASE}/${page.id}`);
    expect(res.status).toBe(200);
    expect(res.body.versions.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([
      [3, "scheduled"],
      [2, "live"],
      [1, "previous"],
    ]);
    expect(res.body.versions[1]).toMatchObject({ note: "second", createdBy: "operator", blockCount: 1, publishAt: null });
    expect(res.body).toMatchObject({ publishedVersion: 2, scheduledAt: new Date(t.clock.now().getTime() + HOUR).toISOString(), hasUnpublishedChanges: false });
  });

  it("answers 404 for a page that does not exist and 400 for an id that is not one", async () => {
    const { op } = await setup();
    expect((await op.get(`${BASE}/999`)).status).toBe(404);
    expect((await op.get(`${BASE}/abc`)).status).toBe(400);
    expect((await op.get(`${BASE}/0`)).status).toBe(400);
  });
});

describe("PATCH /api/admin/pages/:id", () => {
  it("saves the draft without changing what members see until it is published", async () => {
    const { t, op } = await setup();
    const page = await publishedPage(op, "/", [noticeBlock("n1", "旧公告")]);
    const res = await op.patch(`${BASE}/${page.id}`, { title: text("新首页", "New home"), blocks: [noticeBlock("n1", "新公告")] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ hasUnpublishedChanges: true, publishedVersion: 1 });

    const live = await shop(t);
    expect(live.status).toBe(200);
    expect(noticeTexts(live.body)).toEqual(["旧公告"]);
    // The title is the page's: it is not versioned.
    expect(live.body.version).toBe(1);

    await op.post(`${BASE}/${page.id}/publish`, {});
    const after = await shop(t);
    expect(noticeTexts(after.body)).toEqual(["新公告"]);
    expect(after.body).toMatchObject({ version: 2, title: text("新首页", "New home") });
  });

  it("keeps the path: it cannot be changed", async () => {
    const { op } = await setup();
    const page = await createPage(op, "/topics/a");
    const res = await op.patch(`${BASE}/${page.id}`, { path: "/topics/b" });
    expect(res.status).toBe(422);
    expect(res.body.details.fields["(root)"]).toMatch(/path/);
  });

  it("archives a topic page (members get a 404), but never the home page", async () => {
    const { t, op } = await setup();
    const home = await publishedPage(op, "/");
    const topic = await publishedPage(op, "/topics/a");
    expect((await shop(t, "/topics/a")).status).toBe(200);
    const res = await op.patch(`${BASE}/${topic.id}`, { status: "archived" });
    expect(res.status).toBe(200);
    expect((await shop(t, "/topics/a")).status).toBe(404);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "update", resource: "pages" });

    const refused = await op.patch(`${BASE}/${home.id}`, { status: "archived" });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("HOME_PAGE");
    expect(pageRow(t, home.id).status).toBe("active");
  });

  it("answers 404 for a page that does not exist", async () => {
    const { op } = await setup();
    expect((await op.patch(`${BASE}/999`, { title: text("x") })).status).toBe(404);
  });
});

describe("DELETE /api/admin/pages/:id", () => {
  it("deletes a topic page with its versions, writes the audit log, and members get a 404", async () => {
    const { t, op } = await setup();
    const topic = await publishedPage(op, "/topics/a");
    const res = await op.delete(`${BASE}/${topic.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(t.count(pages)).toBe(0);
    expect(t.count(pageVersions)).toBe(0);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "delete", resource: "pages", resourceId: String(topic.id) });
    expect((await shop(t, "/topics/a")).status).toBe(404);
    expect((await op.delete(`${BASE}/${topic.id}`)).status).toBe(404);
  });

  it("refuses to delete the home page (409 HOME_PAGE)", async () => {
    const { t, op } = await setup();
    const home = await publishedPage(op, "/");
    const res = await op.delete(`${BASE}/${home.id}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("HOME_PAGE");
    expect(t.count(pages)).toBe(1);
    expect((await shop(t)).status).toBe(200);
  });

  it("refuses to delete a page other pages link to (409 PAGE_IN_USE, naming them)", async () => {
    const { t, op } = await setup();
    const topic = await publishedPage(op, "/topics/a");
    await createPage(op, "/", [{ id: "n", type: "notice", text: text("专题"), link: { type: "page", target: "/topics/a" } }]);
    const res = await op.delete(`${BASE}/${topic.id}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "PAGE_IN_USE", details: { pages: ["/"] } });
    expect(t.count(pages)).toBe(2);
  });
});

describe("POST /api/admin/pages/:id/publish", () => {
  it("freezes the draft as version 1, makes it live and audits it", async () => {
    const { t, op } = await setup();
    const page = await createPage(op, "/", [noticeBlock("n1", "欢迎")]);
    expect((await shop(t)).status).toBe(404);
    const res = await op.post(`${BASE}/${page.id}/publish`, { note: "launch" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: false, publishedAt: t.clock.now().toISOString() });
    expect(res.body.versions).toEqual([expect.objectContaining({ version: 1, state: "live", note: "launch", createdBy: "operator", publishedAt: t.clock.now().toISOString() })]);
    const [v] = versionRows(t, page.id);
    expect(v.blocks).toEqual([noticeBlock("n1", "欢迎")]);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "publish", resource: "pages", resourceId: String(page.id), after: expect.objectContaining({ version: 1, note: "launch" }) });

    const live = await shop(t);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ path: "/", version: 1, publishedAt: t.clock.now().toISOString() });
    expect(noticeTexts(live.body)).toEqual(["欢迎"]);
  });

  it("refuses an empty draft (422 DRAFT_EMPTY)", async () => {
    const { t, op } = await setup();
    const page = await createPage(op, "/", []);
    const res = await op.post(`${BASE}/${page.id}/publish`, {});
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("DRAFT_EMPTY");
    expect(t.count(pageVersions)).toBe(0);
  });

  it("refuses a draft whose references have gone since it was saved, naming the block field", async () => {
    const { t, op } = await setup();
    const page = await createPage(op, "/");
    // As if the slot had been removed after the draft was saved (the API would refuse that order).
    t.db.update(pages).set({ draft: [noticeBlock(), { id: "b", type: "banner", slotCode: "gone" }] }).where(eq(pages.id, page.id)).run();
    const res = await op.post(`${BASE}/${page.id}/publish`, {});
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toEqual({ "blocks.1.slotCode": "No slot has this code" });
    expect(t.count(pageVersions)).toBe(0);
  });

  it("publishes at once when publishAt is in the past, and refuses a publishAt that is not a date-time", async () => {
    const { t, op } = await setup();
    const page = await createPage(op, "/");
    const bad = await op.post(`${BASE}/${page.id}/publish`, { publishAt: "tomorrow" });
    expect(bad.status).toBe(422);
    expect(bad.body.details.fields).toHaveProperty("publishAt");
    const res = await op.post(`${BASE}/${page.id}/publish`, { publishAt: new Date(t.clock.now().getTime() - MINUTE).toISOString() });
    expect(res.body.versions[0]).toMatchObject({ state: "live", publishAt: null });
  });
});

describe("POST /api/admin/pages/:id/rollback", () => {
  async function twoVersions() {
    const { t, op } = await setup();
    const page = await publishedPage(op, "/", [noticeBlock("n1", "第一版")]);
    await op.patch(`${BASE}/${page.id}`, { blocks: [noticeBlock("n1", "第二版")] });
    const v2 = await op.post(`${BASE}/${page.id}/publish`, {});
    const byNumber = (n: number) => (v2.body.versions as { id: number; version: number }[]).find((v) => v.version === n)!.id;
    return { t, op, page, v1: byNumber(1), v2: byNumber(2) };
  }

  it("publishes an earlier version again as a new version, and makes it the draft", async () => {
    const { t, op, page, v1 } = await twoVersions();
    expect(noticeTexts((await shop(t)).body)).toEqual(["第二版"]);
    const res = await op.post(`${BASE}/${page.id}/rollback`, { versionId: v1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ publishedVersion: 3, hasUnpublishedChanges: false, draft: [noticeBlock("n1", "第一版")] });
    expect(res.body.versions[0]).toMatchObject({ version: 3, state: "live", note: "Rolled back to v1" });
    const live = await shop(t);
    expect(live.body.version).toBe(3);
    expect(noticeTexts(live.body)).toEqual(["第一版"]);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "rollback", resource: "pages", after: expect.objectContaining({ version: 3, from: v1 }) });
  });

  it("refuses the live version (409), a version never published (409), and another page's version (404)", async () => {
    const { t, op, page, v2 } = await twoVersions();
    const live = await op.post(`${BASE}/${page.id}/rollback`, { versionId: v2 });
    expect(live.status).toBe(409);
    expect(live.body.code).toBe("VERSION_IS_LIVE");

    const scheduled = await op.post(`${BASE}/${page.id}/publish`, { publishAt: new Date(t.clock.now().getTime() + HOUR).toISOString() });
    const waiting = scheduled.body.versions[0].id;
    const never = await op.post(`${BASE}/${page.id}/rollback`, { versionId: waiting });
    expect(never.status).toBe(409);
    expect(never.body.code).toBe("VERSION_NEVER_PUBLISHED");

    const other = await publishedPage(op, "/topics/a");
    const foreign = await op.post(`${BASE}/${page.id}/rollback`, { versionId: other.publishedVersionId });
    expect(foreign.status).toBe(404);
    expect((await op.post(`${BASE}/${page.id}/rollback`, { versionId: 0 })).status).toBe(422);
    expect(pageRow(t, page.id).publishedVersionId).toBe(v2);
  });
});

describe("scheduled publish", () => {
  it("waits until publishAt: the storefront keeps the live version until the job runs past that time", async () => {
    const { t, op } = await setup();
    const page = await publishedPage(op, "/", [noticeBlock("n1", "现在")]);
    await op.patch(`${BASE}/${page.id}`, { blocks: [noticeBlock("n1", "新年")] });
    const at = new Date(t.clock.now().getTime() + 3 * HOUR);
    const res = await op.post(`${BASE}/${page.id}/publish`, { note: "new year", publishAt: at.toISOString() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ publishedVersion: 1, scheduledAt: at.toISOString() });
    expect(res.body.versions[0]).toMatchObject({ version: 2, state: "scheduled", publishAt: at.toISOString(), publishedAt: null });
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "schedule-publish", resource: "pages" });
    expect((await shop(t)).body.version).toBe(1);

    // Before the time: the job publishes nothing.
    t.clock.advance(3 * HOUR - MINUTE);
    expect(runPageSchedule(t.app.ctx)).toMatchObject({ published: 0 });
    expect(noticeTexts((await shop(t)).body)).toEqual(["现在"]);

    // Past it: the registered job publishes it, and the storefront serves it at once.
    t.clock.advance(2 * MINUTE);
    const job = jobs.find((j) => j.name === "page-schedule")!;
    expect(job.everyMs).toBeLessThanOrEqual(10_000);
    expect(await job.run(t.app.ctx)).toMatchObject({ published: 1 });
    const live = await shop(t);
    expect(live.body.version).toBe(2);
    expect(noticeTexts(live.body)).toEqual(["新年"]);
    expect(pageRow(t, page.id).publishedVersionId).toBe(res.body.versions[0].id);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "publish", resource: "pages", actorName: "scheduler", actorRole: "system", after: expect.objectContaining({ version: 2, scheduledBy: "operator" }) });

    const detail = await (await again(t)).get(`${BASE}/${page.id}`);
    expect(detail.body).toMatchObject({ publishedVersion: 2, scheduledAt: null });
    expect(detail.body.versions.map((v: { state: string }) => v.state)).toEqual(["live", "previous"]);
    // The job is idempotent.
    expect(runPageSchedule(t.app.ctx).published).toBe(0);
  });

  it("publishes the first version of a page that had none, on time", async () => {
    const { t, op } = await setup();
    const page = await createPage(op, "/topics/sale");
    await op.post(`${BASE}/${page.id}/publish`, { publishAt: new Date(t.clock.now().getTime() + 10 * MINUTE).toISOString() });
    expect((await shop(t, "/topics/sale")).status).toBe(404);
    t.clock.advance(10 * MINUTE);
    runPageSchedule(t.app.ctx);
    expect((await shop(t, "/topics/sale")).status).toBe(200);
  });

  it("can be cancelled before it happens; then nothing is published", async () => {
    const { t, op } = await setup();
    const page = await publishedPage(op, "/", [noticeBlock("n1", "现在")]);
    await op.patch(`${BASE}/${page.id}`, { blocks: [noticeBlock("n1", "以后")] });
    const scheduled = await op.post(`${BASE}/${page.id}/publish`, { publishAt: new Date(t.clock.now().getTime() + HOUR).toISOString() });
    const versionId = scheduled.body.versions[0].id;

    const res = await op.post(`${BASE}/${page.id}/versions/${versionId}/cancel-publish`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ scheduledAt: null, publishedVersion: 1 });
    expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "cancel-publish", resource: "pages", before: expect.objectContaining({ versionId }) });

    t.clock.advance(2 * HOUR);
    expect(runPageSchedule(t.app.ctx).published).toBe(0);
    expect(noticeTexts((await shop(t)).body)).toEqual(["现在"]);

    const op2 = await again(t);
    expect((await op2.post(`${BASE}/${page.id}/versions/${versionId}/cancel-publish`, {})).status).toBe(404);
    const notScheduled = await op2.post(`${BASE}/${page.id}/versions/${page.publishedVersionId}/cancel-publish`, {});
    expect(notScheduled.status).toBe(409);
    expect(notScheduled.body.code).toBe("NOT_SCHEDULED");
  });
});

describe("preview", () => {
  it("GET resolves the saved draft as the storefront would show it now, or a given version", async () => {
    const { t, op } = await setup();
    const page = await publishedPage(op, "/", [noticeBlock("n1", "已发布")]);
    await op.patch(`${BASE}/${page.id}`, { blocks: [noticeBlock("n1", "草稿")] });

    const draft = await op.get(`${BASE}/${page.id}/preview`);
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ path: "/", version: null, publishedAt: null });
    expect(noticeTexts(draft.body)).toEqual(["草稿"]);

    const v1 = await op.get(`${BASE}/${page.id}/preview?versionId=${page.publishedVersionId}`);
    expect(v1.body).toMatchObject({ version: 1, publishedAt: t.clock.now().toISOString() });
    expect(noticeTexts(v1.body)).toEqual(["已发布"]);

    const other = await publishedPage(op, "/topics/a");
    expect((await op.get(`${BASE}/${page.id}/preview?versionId=${other.publishedVersionId}`)).status).toBe(404);
    expect((await op.get(`${BASE}/${page.id}/preview?versionId=abc`)).status).toBe(400);
    // Members still see the published version.
    expect(noticeTexts((await shop(t)).body)).toEqual(["已发布"]);
  });

  it("POST validates and resolves unsaved blocks without saving anything", async () => {
    const { t, op } = await setup();
    const page = await createPage(op, "/topics/a", [noticeBlock("n1", "已保存")], text("专题", "Topic"));
    const audits = t.auditEntries().length;
    createSlot(t.db, t.clock.now(), "top", [{ title: "横幅", link: { type: "url", target: "https://partner.example/x" } }]);

    const res = await op.post(`${BASE}/${page.id}/preview`, {
      blocks: [{ id: "b", type: "banner", slotCode: "top" }, noticeBlock("n1", "未保存")],
      title: text("", ""),
    });
    expect(res.status).toBe(200);
    expect(res.body.title).toEqual(text("专题", "Topic"));
    expect(res.body.blocks[0]).toMatchObject({ type: "banner", height: 150, items: [{ title: text("横幅", "横幅"), link: { type: "url", href: "https://partner.example/x", external: true } }] });
    expect(noticeTexts(res.body)).toEqual(["未保存"]);
    expect(pageRow(t, page.id).draft).toEqual([noticeBlock("n1", "已保存")]);
    expect(t.auditEntries()).toHaveLength(audits);

    const bad = await op.post(`${BASE}/${page.id}/preview`, { blocks: [{ id: "b", type: "banner", slotCode: "nope" }] });
    expect(bad.status).toBe(422);
    expect(bad.body.details.fields).toEqual({ "blocks.0.slotCode": "No slot has this code" });
    expect((await op.post(`${BASE}/999/preview`, { blocks: [] })).status).toBe(404);
  });
});

describe("who may do what (api/rbac/default-policies.ts)", () => {
  /** Every page route as a role would call it, with the page and a version to call it on. */
  async function everyRoute(client: Client, t: TestApp, pageId: number, versionId: number) {
    const future = new Date(t.clock.now().getTime() + HOUR).toISOString();
    return {
      list: (await client.get(BASE)).status,
      get: (await client.get(`${BASE}/${pageId}`)).status,
      previewGet: (await client.get(`${BASE}/${pageId}/preview`)).status,
      create: (await client.post(BASE, { path: "/topics/new", title: text("新") })).status,
      update: (await client.patch(`${BASE}/${pageId}`, { title: text("改") })).status,
      previewPost: (await client.post(`${BASE}/${pageId}/preview`, { blocks: [noticeBlock()] })).status,
      publish: (await client.post(`${BASE}/${pageId}/publish`, { publishAt: future })).status,
      rollback: (await client.post(`${BASE}/${pageId}/rollback`, { versionId })).status,
      cancel: (await client.post(`${BASE}/${pageId}/versions/${versionId}/cancel-publish`, {})).status,
      delete: (await client.delete(`${BASE}/${pageId}`)).status,
    };
  }

  async function fixture() {
    const { t, op } = await setup();
    const page = await publishedPage(op, "/topics/a", [noticeBlock("n1", "一")]);
    await op.patch(`${BASE}/${page.id}`, { blocks: [noticeBlock("n1", "二")] });
    await op.post(`${BASE}/${page.id}/publish`, {});
    return { t, op, pageId: page.id, v1: page.publishedVersionId };
  }

  it("operator (operator, pages, read|create|update|delete|publish|cancel-publish|rollback|preview) may do everything", async () => {
    const { t, op, pageId, v1 } = await fixture();
    const got = await everyRoute(op, t, pageId, v1);
    // The cancel answers 409 (v1 is not scheduled): authorised, refused by the rules.
    expect(got).toEqual({ list: 200, get: 200, previewGet: 200, create: 201, update: 200, previewPost: 200, publish: 200, rollback: 200, cancel: 409, delete: 200 });
  });

  it("service (service, pages, read) reads pages and previews them, and changes nothing (403)", async () => {
    const { t, pageId, v1 } = await fixture();
    const service = (await t.signIn("service")).client;
    const before = t.auditEntries().length;
    const got = await everyRoute(service, t, pageId, v1);
    expect(got).toEqual({ list: 200, get: 200, previewGet: 200, create: 403, update: 403, previewPost: 403, publish: 403, rollback: 403, cancel: 403, delete: 403 });
    expect(t.auditEntries()).toHaveLength(before);
    expect(t.count(pageVersions)).toBe(2);
  });

  it("auditor (auditor, *, read) reads everything and changes nothing", async () => {
    const { t, pageId, v1 } = await fixture();
    const auditor = (await t.signIn("auditor")).client;
    const got = await everyRoute(auditor, t, pageId, v1);
    expect(got).toEqual({ list: 200, get: 200, previewGet: 200, create: 403, update: 403, previewPost: 403, publish: 403, rollback: 403, cancel: 403, delete: 403 });
  });

  it("supplier (no pages line) may not even read pages", async () => {
    const { t, pageId, v1 } = await fixture();
    const supplierId = t.createSupplier("digital");
    const supplier = (await t.signIn("supplier", { supplierId })).client;
    const got = await everyRoute(supplier, t, pageId, v1);
    expect(new Set(Object.values(got))).toEqual(new Set([403]));
  });

  it("without a session: 401", async () => {
    const { t, pageId } = await fixture();
    expect((await t.request("GET", BASE)).status).toBe(401);
    expect((await t.request("POST", `${BASE}/${pageId}/publish`, { body: {} })).status).toBe(401);
  });
});

describe("bad input never answers 500", () => {
  it("answers 4xx to malformed bodies, wrong types and absurd values", async () => {
    const { t, op } = await setup();
    const product = createProduct(t.db, t.clock.now());
    setProduct(t.db, product, { status: "off_sale" });
    const page = await createPage(op, "/topics/a");
    const cookie = (await t.signIn("admin")).cookie;
    const raw = (method: string, path: string, rawBody: string) => t.request(method, path, { cookie, rawBody, headers: { origin: "http://pointmall.test", "content-type": "application/json" } });
    const cases: Array<() => Promise<{ status: number }>> = [
      () => raw("POST", BASE, "{not json"),
      () => raw("PATCH", `${BASE}/${page.id}`, "[1,2,3]"),
      () => raw("POST", `${BASE}/${page.id}/publish`, "null"),
      () => op.post(BASE, { path: 42, title: "x" }),
      () => op.post(BASE, { path: "/topics/x", title: text("x"), blocks: "many" }),
      () => op.patch(`${BASE}/${page.id}`, { blocks: [null] }),
      () => op.patch(`${BASE}/${page.id}`, { blocks: [{}] }),
      () => op.patch(`${BASE}/${page.id}`, { blocks: [{ id: "g", type: "product_grid", source: "manual", productIds: [1.5, "2", -1] }] }),
      () => op.patch(`${BASE}/${page.id}`, { blocks: [{ id: "g", type: "product_grid", source: "manual", productIds: [Number.MAX_SAFE_INTEGER] }] }),
      () => op.patch(`${BASE}/${page.id}`, { blocks: [{ id: "r", type: "rich_text", html: { "zh-CN": "x".repeat(20_001) } }] }),
      () => op.patch(`${BASE}/${page.id}`, { blocks: [{ id: "i", type: "icon_grid", items: [{ icon: IMG, label: text("😀".repeat(20)), link: { type: "product", target: "99999999999" } }] }] }),
      () => op.patch(`${BASE}/${page.id}`, { title: { "zh-CN": ["a"] } }),
      () => op.patch(`${BASE}/${page.id}`, { status: "deleted" }),
      () => op.post(`${BASE}/${page.id}/publish`, { publishAt: 12345 }),
      () => op.post(`${BASE}/${page.id}/publish`, { note: "x".repeat(500) }),
      () => op.post(`${BASE}/${page.id}/rollback`, { versionId: "1" }),
      () => op.post(`${BASE}/${page.id}/rollback`, {}),
      () => op.post(`${BASE}/${page.id}/versions/abc/cancel-publish`, {}),
      () => op.get(`${BASE}/99999999999999999999`),
      () => op.get(`${BASE}/1.5`),
      () => op.get(`${BASE}/${page.id}/preview?versionId=-3`),
      () => op.post(`${BASE}/${page.id}/preview`, { blocks: [{ id: "x", type: "image", url: "data:image/png;base64,@@" }] }),
      () => t.request("GET", `${SHOP}?path=${encodeURIComponent("/topics/" + "é".repeat(40))}`),
      () => t.request("GET", `${SHOP}?path=/&path=/topics/a`),
      () => t.request("GET", `${SHOP}?path=%ZZ`),
    ];
    for (const [i, run] of cases.entries()) {
      const res = await run();
      expect(res.status, `case ${i}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `case ${i}`).toBeLessThan(500);
    }
    expect(pageRow(t, page.id).draft).toEqual([noticeBlock()]);
  });
});

describe("hand-picked products", () => {
  it("accepts a product off sale in a draft (operators prepare ahead); members see it once it is on sale", async () => {
    const { t, op } = await setup();
    const product = createProduct(t.db, t.clock.now(), { name: "年货" });
    setProduct(t.db, product, { status: "off_sale" });
    const page = await publishedPage(op, "/", [{ id: "g", type: "product_grid", title: text("年货"), source: "manual", productIds: [product] }, noticeBlock()]);
    expect(page.publishedVersionId).toBeGreaterThan(0);
    expect((await shop(t)).body.blocks.map((b: { type: string }) => b.type)).toEqual(["notice"]);
    setProduct(t.db, product, { status: "on_sale" });
    // A product going on sale does not invalidate the cache: the page is rebuilt within PAGE_MAX_AGE_MS.
    t.clock.advance(PAGE_MAX_AGE_MS);
    expect((await shop(t)).body.blocks.map((b: { type: string }) => b.type)).toEqual(["product_grid", "notice"]);
  });
});
