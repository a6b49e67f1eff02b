import { describe, expect, it } from "vitest";
import { isHorizontalDrag, isNear, swipeStep, wrapIndex } from "./carousel";

describe("carousel arithmetic", () => {
  it("wraps around both ends", () => {
    expect(wrapIndex(2, 1, 3)).toBe(0);
    expect(wrapIndex(0, -1, 3)).toBe(2);
    expect(wrapIndex(1, 1, 3)).toBe(2);
    expect(wrapIndex(0, 1, 0)).toBe(0);
  });
  it("knows a slide's neighbours in the ring", () => {
    expect(isNear(4, 0, 5)).toBe(true);
    expect(isNear(1, 0, 5)).toBe(true);
    expect(isNear(2, 0, 5)).toBe(false);
  });
  it("steps on a swipe past the threshold only, the way the finger went", () => {
    expect(swipeStep(-70, 375)).toBe(1);
    expect(swipeStep(70, 375)).toBe(-1);
    expect(swipeStep(-30, 375)).toBe(0);
    expect(swipeStep(-25, 160)).toBe(1);
  });
  it("tells a sideways swipe from a tap or a vertical scroll", () => {
    expect(isHorizontalDrag(20, 5)).toBe(true);
    expect(isHorizontalDrag(5, 1)).toBe(false);
    expect(isHorizontalDrag(20, 40)).toBe(false);
  });
});
