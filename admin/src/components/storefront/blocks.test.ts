import { describe, expect, it } from "vitest";
import { BlocksSchema } from "../../../../api/domain/pages/blocks";
import { blockBody, moveItem, newBlock, problemAt, problemsByBlock, sameBlocks } from "./blocks";
import { BLOCK_TYPES, type PageBlock } from "./types";

describe("page editor blocks", () => {
  it("gives every new block an id the API accepts", () => {
    for (const type of BLOCK_TYPES) expect(newBlock(type).id).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
  });

  it("sends a grid only the fields of its source, keeping the others in the editor", () => {
    const grid = { ...newBlock("product_grid"), source: "category", categoryId: 3, productIds: [1, 2] } as PageBlock;
    expect(blockBody(grid)).toEqual({ id: grid.id, type: "product_grid", title: { "zh-CN": "", "en-US": "" }, source: "category", limit: 6, columns: 2, categoryId: 3 });
    expect(blockBody({ ...grid, source: "manual" } as PageBlock)).toMatchObject({ productIds: [1, 2] });
  });

  it("sends no nulls (the API's schemas are strict) and drops an empty optional link", () => {
    const notice = { id: "n1", type: "notice", text: { "zh-CN": "公告", "en-US": "" }, link: { type: "none", target: "" } } as PageBlock;
    expect(blockBody(notice)).toEqual({ id: "n1", type: "notice", text: { "zh-CN": "公告", "en-US": "" } });
    const banner = { id: "b1", type: "banner", slotCode: "home-top", height: null } as unknown as PageBlock;
    expect(blockBody(banner)).toEqual({ id: "b1", type: "banner", slotCode: "home-top" });
  });

  it("builds bodies that pass the API's own block schema once filled in", () => {
    const blocks: PageBlock[] = [
      { ...(newBlock("product_grid") as Extract<PageBlock, { type: "product_grid" }>), productIds: [5] },
      { ...(newBlock("campaign_entry") as PageBlock), campaignId: 2 } as PageBlock,
      { ...(newBlock("rich_text") as Extract<PageBlock, { type: "rich_text" }>), html: { "zh-CN": "<p>你好</p>", "en-US": "" } },
      { ...(newBlock("flash_strip") as Extract<PageBlock, { type: "flash_strip" }>), campaignIds: [7] },
    ];
    expect(BlocksSchema.safeParse(blocks.map(blockBody)).success).toBe(true);
  });

  it("moves one item and leaves the list alone for a move off either end", () => {
    expect(moveItem(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "c", "b"]);
    const list = ["a", "b"];
    expect(moveItem(list, 0, -1)).toBe(list);
    expect(moveItem(list, 1, 2)).toBe(list);
  });

  it("puts the API's field paths on the blocks they name, by id, and the rest on the page", () => {
    const sent = [{ id: "x" }, { id: "y" }];
    const out = problemsByBlock({ "blocks.1.productIds.0": "No product 9", "blocks.0": "bad", "title.zh-CN": "Required", blocks: "the draft is empty" }, sent);
    expect(out.byBlock).toEqual({ y: { "productIds.0": "No product 9" }, x: { "": "bad" } });
    expect(out.page).toEqual({ "title.zh-CN": "Required", blocks: "the draft is empty" });
    expect(problemAt(out.byBlock.y, "productIds")).toBe("No product 9");
    expect(problemAt(out.byBlock.y, "title")).toBeUndefined();
  });

  it("sees no change between the editor's blocks and the saved ones when only unsent fields differ", () => {
    const saved = { id: "g", type: "product_grid", title: { "zh-CN": "", "en-US": "" }, source: "manual", productIds: [1], limit: 6, columns: 2 } as PageBlock;
    expect(sameBlocks([{ ...saved, categoryId: 4 } as PageBlock], [saved])).toBe(true);
    expect(sameBlocks([{ ...saved, productIds: [2] } as PageBlock], [saved])).toBe(false);
  });
});
