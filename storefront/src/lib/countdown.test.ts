import { describe, expect, it } from "vitest";
import { countdownTarget, formatDuration, msUntil, phaseAt, spokenDuration, stockShare } from "./countdown";

const start = "2026-11-11T00:00:00.000Z";
const end = "2026-11-12T00:00:00.000Z";
const at = (iso: string) => Date.parse(iso);

describe("phaseAt: a campaign's phase on the open page", () => {
  it("keeps a scheduled campaign scheduled until its start, then turns it live", () => {
    expect(phaseAt("scheduled", start, end, at("2026-11-10T23:59:59.999Z"))).toBe("scheduled");
    expect(phaseAt("scheduled", start, end, at(start))).toBe("live");
  });
  it("ends a live campaign at its end (half-open window)", () => {
    expect(phaseAt("live", start, end, at("2026-11-11T23:59:59.999Z"))).toBe("live");
    expect(phaseAt("live", start, end, at(end))).toBe("ended");
  });
  it("never revives a campaign the server says has ended (ended early by an operator)", () => {
    expect(phaseAt("ended", start, end, at("2026-11-11T12:00:00Z"))).toBe("ended");
  });
  it("counts to the start while scheduled, to the end while live, to nothing after", () => {
    expect(countdownTarget("scheduled", start, end)).toBe(start);
    expect(countdownTarget("live", start, end)).toBe(end);
    expect(countdownTarget("ended", start, end)).toBeNull();
  });
});

describe("formatDuration", () => {
  it("shows hh:mm:ss under a day and days before that, per language", () => {
    expect(formatDuration(93_784_000, "zh-CN")).toBe("1天 02:03:04");
    expect(formatDuration(93_784_000, "en-US")).toBe("1d 02:03:04");
    expect(formatDuration(3_723_000, "en-US")).toBe("01:02:03");
  });
  it("rounds up to the second and never goes below zero", () => {
    expect(formatDuration(200, "zh-CN")).toBe("00:00:01");
    expect(formatDuration(0, "zh-CN")).toBe("00:00:00");
    expect(formatDuration(-5000, "en-US")).toBe("00:00:00");
  });
  it("says it in words for screen readers", () => {
    expect(spokenDuration(93_784_000, "zh-CN")).toBe("1天2小时3分");
    expect(spokenDuration(93_784_000, "en-US")).toBe("1 day 2 hours 3 minutes");
    expect(spokenDuration(42_000, "en-US")).toBe("42 seconds");
    expect(spokenDuration(61_000, "en-US")).toBe("1 minute");
    expect(spokenDuration(0, "zh-CN")).toBe("0秒");
  });
  it("msUntil is the time left, 0 once passed", () => {
    expect(msUntil(end, at(end) - 1500)).toBe(1500);
    expect(msUntil(end, at(end) + 1)).toBe(0);
  });
});

describe("stockShare", () => {
  it("is the share of the reserved stock left, clamped to 0–1", () => {
    expect(stockShare(25, 100)).toBe(0.25);
    expect(stockShare(0, 100)).toBe(0);
    expect(stockShare(120, 100)).toBe(1);
    expect(stockShare(3, 0)).toBe(1);
  });
});
