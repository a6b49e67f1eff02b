import { describe, expect, it } from "vitest";
import { nextThemeChange, pickActiveTheme, type ThemeRow } from "./themes";

const at = (iso: string) => new Date(iso);
let id = 0;
const row = (o: Partial<ThemeRow>): ThemeRow => ({
  id: ++id,
  name: { "zh-CN": `主题 ${id}`, "en-US": `Theme ${id}` },
  primaryColor: "#e4393c",
  background: "#ffffff",
  logoUrl: "",
  isDefault: false,
  startAt: null,
  endAt: null,
  createdAt: at("2026-01-01T00:00:00Z"),
  updatedAt: at("2026-01-01T00:00:00Z"),
  ...o,
});

describe("pickActiveTheme", () => {
  const base = row({ isDefault: true });
  const spring = row({ startAt: at("2026-02-10T00:00:00Z"), endAt: at("2026-02-24T00:00:00Z") });
  const lantern = row({ startAt: at("2026-02-20T00:00:00Z"), endAt: at("2026-02-22T00:00:00Z") });
  const rows = [base, spring, lantern];

  it("answers the default outside every festival window", () => {
    expect(pickActiveTheme(rows, at("2026-02-01T00:00:00Z"))).toBe(base);
  });

  it("answers a festival theme inside its window, which is half-open (on at startAt, off at endAt)", () => {
    expect(pickActiveTheme(rows, at("2026-02-10T00:00:00Z"))).toBe(spring);
    expect(pickActiveTheme(rows, at("2026-02-23T23:59:59Z"))).toBe(spring);
    expect(pickActiveTheme(rows, at("2026-02-24T00:00:00Z"))).toBe(base);
  });

  it("of overlapping festivals, picks the one that started last (a short special inside a long season)", () => {
    expect(pickActiveTheme(rows, at("2026-02-21T00:00:00Z"))).toBe(lantern);
    expect(pickActiveTheme(rows, at("2026-02-22T00:00:00Z"))).toBe(spring);
  });

  it("ignores a non-default theme without a full window, and answers nothing when there are no themes", () => {
    const loose = row({ startAt: at("2026-01-01T00:00:00Z") });
    expect(pickActiveTheme([base, loose], at("2026-03-01T00:00:00Z"))).toBe(base);
    expect(pickActiveTheme([], at("2026-03-01T00:00:00Z"))).toBeUndefined();
  });
});

describe("nextThemeChange", () => {
  it("answers the next festival start or end after now, or null when none is ahead", () => {
    const rows = [row({ isDefault: true }), row({ startAt: at("2026-02-10T00:00:00Z"), endAt: at("2026-02-24T00:00:00Z") })];
    expect(nextThemeChange(rows, at("2026-02-01T00:00:00Z"))).toBe(at("2026-02-10T00:00:00Z").getTime());
    expect(nextThemeChange(rows, at("2026-02-10T00:00:00Z"))).toBe(at("2026-02-24T00:00:00Z").getTime());
    expect(nextThemeChange(rows, at("2026-03-01T00:00:00Z"))).toBeNull();
  });
});
