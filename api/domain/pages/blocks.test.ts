import { describe, expect, it } from "vitest";
import { BlocksSchema, LinkSchema, normalizeBlocks } from "./blocks";

describe("LinkSchema", () => {
  const ok = (type: string, target: string) => LinkSchema.safeParse({ type, target }).success;

  it("takes ids for products and campaigns, page paths for pages", () => {
    expect(ok("product", "12")).toBe(true);
    expect(ok("campaign", "3")).toBe(true);
    expect(ok("page", "/")).toBe(true);
    expect(ok("page", "/topics/new-year")).toBe(true);
    expect(ok("product", "0")).toBe(false);
    expect(ok("product", "12a")).toBe(false);
    expect(ok("campaign", "")).toBe(false);
    expect(ok("page", "/me")).toBe(false);
  });

  it("takes http(s) URLs and paths on this site for url links, and nothing that leaves the site in disguise", () => {
    expect(ok("url", "https://partner.example/offer?id=1")).toBe(true);
    expect(ok("url", "/me")).toBe(true);
    expect(ok("url", "/products?tag=热门")).toBe(true);
    for (const bad of ["javascript:alert(1)", "//evil.example", "/\\evil.example", "/\\/evil.example", "data:text/html,x", "me", "https://", "/a b"]) expect(ok("url", bad), bad).toBe(false);
  });

  it("ignores the target of a none link", () => {
    expect(ok("none", "anything")).toBe(true);
  });
});

describe("normalizeBlocks", () => {
  it("keeps only the fields a block's type and source use, applies defaults, drops none links and repeated campaigns", () => {
    const parsed = BlocksSchema.parse([
      { id: "g", type: "product_grid", source: "tag", tag: "热门", productIds: [1], categoryId: 2 },
      { id: "n", type: "notice", text: { "zh-CN": "公告" }, link: { type: "none", target: "x" } },
      { id: "f", type: "flash_strip", title: { "en-US": "Flash" }, campaignIds: [3, 3, 4] },
      { id: "c", type: "campaign_entry", campaignId: 5, title: { "zh-CN": "", "en-US": "" }, image: "" },
      { id: "b", type: "banner", slotCode: "home-top" },
    ]);
    expect(normalizeBlocks(parsed)).toEqual([
      { id: "g", type: "product_grid", title: { "zh-CN": "", "en-US": "" }, source: "tag", tag: "热门", limit: 6, columns: 2 },
      { id: "n", type: "notice", text: { "zh-CN": "公告", "en-US": "" } },
      { id: "f", type: "flash_strip", title: { "zh-CN": "", "en-US": "Flash" }, campaignIds: [3, 4] },
      { id: "c", type: "campaign_entry", campaignId: 5 },
      { id: "b", type: "banner", slotCode: "home-top" },
    ]);
  });

  it("sanitises rich text in both languages", () => {
    const [b] = normalizeBlocks(BlocksSchema.parse([{ id: "r", type: "rich_text", html: { "zh-CN": "<p>好</p><script>x()</script>", "en-US": '<b onmouseover="x()">ok</b>' } }]));
    expect(b).toEqual({ id: "r", type: "rich_text", html: { "zh-CN": "<p>好</p>", "en-US": "<b>ok</b>" } });
  });
});
