import { describe, expect, it } from "vitest";
import { contrastRatio, ensureContrast, parseHex, readableOn, themeVariables } from "./theme";

describe("theme colours", () => {
  it("parses #rgb and #rrggbb, refuses anything else", () => {
    expect(parseHex("#e4393c")).toEqual([228, 57, 60]);
    expect(parseHex("#fff")).toEqual([255, 255, 255]);
    expect(parseHex("red")).toBeNull();
    expect(parseHex("#12345")).toBeNull();
  });
  it("measures WCAG contrast (black on white is 21:1)", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    // The default brand red is 4.24:1 on white: enough for large text only.
    expect(contrastRatio("#e4393c", "#ffffff")).toBeCloseTo(4.24, 2);
  });
  it("puts white text on dark primaries and dark text on light ones", () => {
    expect(readableOn("#e4393c")).toBe("#ffffff");
    expect(readableOn("#1d39c4")).toBe("#ffffff");
    expect(readableOn("#ffd666")).toBe("#1f1f1f");
  });
  it("darkens a light primary until it reads as text on white (AA 4.5:1), leaves a dark one alone", () => {
    const gold = ensureContrast("#faad14");
    expect(contrastRatio(gold, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(gold).not.toBe("#faad14");
    expect(ensureContrast("#a8071a")).toBe("#a8071a");
    expect(contrastRatio(ensureContrast("#e4393c"), "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });
  it("derives the CSS variables, skipping invalid colours", () => {
    expect(themeVariables({ primaryColor: "#ffd666", background: "#141414" })).toMatchObject({
      "--primary": "#ffd666",
      "--on-primary": "#1f1f1f",
      "--primary-strong": "#ffd666",
      "--bg": "#141414",
      "--on-bg": "#ffffff",
    });
    expect(themeVariables({ primaryColor: "nope", background: "" })).toEqual({});
    // White text on the brand red: the surfaces get a slightly darker red that reaches AA.
    const red = themeVariables({ primaryColor: "#e4393c", background: "#f5f5f7" });
    expect(red["--on-primary"]).toBe("#ffffff");
    expect(contrastRatio(red["--primary-strong"], "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });
});
