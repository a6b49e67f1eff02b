import { describe, expect, it } from "vitest";
import { pickText, textIn } from "./local-text";
import { blocksEn, blocksZh } from "../i18n-blocks";

describe("pickText: operator text in the member's language, else the other one", () => {
  it("uses the member's language when it is filled in", () => {
    expect(pickText({ "zh-CN": "双十一", "en-US": "Singles' Day" }, "en-US")).toEqual({ value: "Singles' Day", lang: "en-US" });
    expect(pickText({ "zh-CN": "双十一", "en-US": "Singles' Day" }, "zh-CN")).toEqual({ value: "双十一", lang: "zh-CN" });
  });
  it("falls back to the other language when it is empty or blank, and says which one it used", () => {
    expect(pickText({ "zh-CN": "双十一", "en-US": "" }, "en-US")).toEqual({ value: "双十一", lang: "zh-CN" });
    expect(pickText({ "zh-CN": "  ", "en-US": "Sale" }, "zh-CN")).toEqual({ value: "Sale", lang: "en-US" });
  });
  it("answers an empty string when neither is there", () => {
    expect(pickText({ "zh-CN": "", "en-US": "" }, "zh-CN")).toEqual({ value: "", lang: "zh-CN" });
    expect(textIn(undefined, "en-US")).toBe("");
    expect(textIn({}, "en-US")).toBe("");
  });
});

describe("the blocks' strings", () => {
  it("exist in both languages, none left empty", () => {
    expect(Object.keys(blocksEn).sort()).toEqual(Object.keys(blocksZh).sort());
    for (const [k, v] of [...Object.entries(blocksZh), ...Object.entries(blocksEn)]) expect(v.trim(), k).not.toBe("");
  });
});
