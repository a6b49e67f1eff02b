import type { DbOrTx } from "../../../db/client";
import { themes } from "../../../db/schema";
import { defaultMall, getSetting, type MallSettings } from "../../lib/settings-store";
import type { ResolvedTheme } from "./resolved";

export type ThemeRow = typeof themes.$inferSelect;

/**
 * The theme on at an instant: a festival theme (not the default, with a window) whose window holds the
 * instant (of several, the one that started last, so a short special inside a long season wins),
 * otherwise the default. Windows are half-open: on at startAt, off at endAt.
 */
export function pickActiveTheme(rows: ThemeRow[], now: Date): ThemeRow | undefined {
  const t = now.getTime();
  let festival: ThemeRow | undefined;
  for (const r of rows) {
    if (r.isDefault || !r.startAt || !r.endAt) continue;
    if (r.startAt.getTime() > t || t >= r.endAt.getTime()) continue;
    if (!festival || r.startAt.getTime() > festival.startAt!.getTime() || (r.startAt.getTime() === festival.startAt!.getTime() && r.id > festival.id)) festival = r;
  }
  return festival ?? rows.find((r) => r.isDefault);
}

/** The next instant a festival window opens or closes (the active theme may change then). */
export function nextThemeChange(rows: ThemeRow[], now: Date): number | null {
  let next: number | null = null;
  for (const r of rows) {
    if (r.isDefault) continue;
    for (const at of [r.startAt, r.endAt]) {
      const ms = at?.getTime();
      if (ms !== undefined && ms > now.getTime() && (next === null || ms < next)) next = ms;
    }
  }
  return next;
}

export function themeView(row: ThemeRow | undefined, db: DbOrTx): ResolvedTheme {
  if (row) return { id: row.id, name: row.name, primaryColor: row.primaryColor, background: row.background, logoUrl: row.logoUrl, festival: !row.isDefault };
  // No theme configured yet: the colours in the mall settings (as before themes existed).
  const mall = getSetting<MallSettings>(db, "mall", defaultMall);
  return { id: null, name: mall.name, ...mall.theme, festival: false };
}

/** The theme members see now, and when that may change. */
export function activeTheme(db: DbOrTx, now: Date): { theme: ResolvedTheme; changesAt: number | null } {
  const rows = db.select().from(themes).all();
  return { theme: themeView(pickActiveTheme(rows, now), db), changesAt: nextThemeChange(rows, now) };
}
