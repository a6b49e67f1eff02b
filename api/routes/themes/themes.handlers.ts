import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { themes } from "../../../db/schema";
import type { AppContext } from "../../context";
import { pickActiveTheme, type ThemeRow } from "../../domain/pages/themes";
import { audit } from "../../lib/audit";
import { conflict, notFound, unprocessable } from "../../lib/errors";
import { listRows, sendList, specFor } from "../../lib/list-query";
import { newRouter } from "../../lib/router";
import { writeTx } from "../../lib/tx";
import { createTheme, deleteTheme, getTheme, listThemes, updateTheme } from "./themes.routes";

function kindOf(t: ThemeRow, now: Date): "default" | "upcoming" | "on" | "past" {
  if (t.isDefault) return "default";
  if (t.endAt && t.endAt.getTime() <= now.getTime()) return "past";
  if (t.startAt && t.startAt.getTime() > now.getTime()) return "upcoming";
  return "on";
}

function dtos(db: DbOrTx, rows: ThemeRow[], now: Date) {
  const active = pickActiveTheme(db.select().from(themes).all(), now);
  return rows.map((t) => ({
    ...t,
    startAt: t.startAt?.toISOString() ?? null,
    endAt: t.endAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    active: t.id === active?.id,
    kind: kindOf(t, now),
  }));
}

function loadTheme(db: DbOrTx, id: number): ThemeRow {
  const row = db.select().from(themes).where(eq(themes.id, id)).get();
  if (!row) throw notFound("Theme", id);
  return row;
}

/** A default theme has no window; a festival theme needs one, ending after it starts. */
function checkWindow(t: Pick<ThemeRow, "isDefault" | "startAt" | "endAt">) {
  if (t.isDefault) return;
  const problems: Record<string, string> = {};
  if (!t.startAt) problems.startAt = "A festival theme needs a start";
  if (!t.endAt) problems.endAt = "A festival theme needs an end";
  if (t.startAt && t.endAt && t.endAt.getTime() <= t.startAt.getTime()) problems.endAt = "Must be after the start";
  if (Object.keys(problems).length) throw unprocessable(`Invalid festival window (${Object.values(problems)[0]})`, problems);
}

const toDate = (v: string | null | undefined) => (v == null ? null : new Date(v));
const spec = specFor(themes, { search: [themes.name], defaultSort: { field: "id", order: "asc" } });

export function themesRouter(ctx: AppContext) {
  const router = newRouter();
  /** The theme is on every cached storefront page. */
  const changed = <T>(fn: () => T): T => {
    const out = fn();
    ctx.pageCache.invalidate();
    return out;
  };
  const reply = (row: ThemeRow) => dtos(ctx.db, [row], ctx.clock.now())[0];

  router.openapi(listThemes, (c) => {
    const { rows, total } = listRows(c, ctx.db, themes, spec);
    return sendList(c, dtos(ctx.db, rows, ctx.clock.now()), total);
  });

  router.openapi(getTheme, (c) => c.json(reply(loadTheme(ctx.db, c.req.valid("param").id)), 200));

  router.openapi(createTheme, (c) => {
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const row = changed(() =>
      writeTx(ctx.db, (tx) => {
        const hasDefault = !!tx.select({ id: themes.id }).from(themes).where(eq(themes.isDefault, true)).get();
        // The first theme without a window becomes the default: there must be one to fall back on.
        const isDefault = body.isDefault ?? (!hasDefault && !body.startAt && !body.endAt);
        const values = {
          name: body.name,
          primaryColor: body.primaryColor,
          background: body.background,
          logoUrl: body.logoUrl ?? "",
          isDefault,
          startAt: isDefault ? null : toDate(body.startAt),
          endAt: isDefault ? null : toDate(body.endAt),
          createdAt: now,
          updatedAt: now,
        };
        checkWindow(values);
        if (isDefault) tx.update(themes).set({ isDefault: false, updatedAt: now }).where(eq(themes.isDefault, true)).run();
        const created = tx.insert(themes).values(values).returning().get();
        audit(tx, c, now, { action: "create", resource: "themes", resourceId: created.id, after: created });
        return created;
      }),
    );
    return c.json(reply(row), 201);
  });

  router.openapi(updateTheme, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const row = changed(() =>
      writeTx(ctx.db, (tx) => {
        const before = loadTheme(tx, id);
        if (before.isDefault && body.isDefault === false) throw conflict("DEFAULT_THEME", "There must be a default theme: make another theme the default instead");
        const { startAt, endAt, ...rest } = body;
        const patch: Partial<ThemeRow> = { ...rest, updatedAt: now };
        if (startAt !== undefined) patch.startAt = toDate(startAt);
        if (endAt !== undefined) patch.endAt = toDate(endAt);
        const merged = { ...before, ...patch };
        if (merged.isDefault) Object.assign(patch, { startAt: null, endAt: null });
        checkWindow(merged);
        if (merged.isDefault && !before.isDefault)
          tx.update(themes).set({ isDefault: false, updatedAt: now }).where(and(eq(themes.isDefault, true), ne(themes.id, id))).run();
        const after = tx.update(themes).set(patch).where(eq(themes.id, id)).returning().get();
        audit(tx, c, now, { action: "update", resource: "themes", resourceId: id, before, after });
        return after;
      }),
    );
    return c.json(reply(row), 200);
  });

  router.openapi(deleteTheme, (c) => {
    const { id } = c.req.valid("param");
    const now = ctx.clock.now();
    changed(() =>
      writeTx(ctx.db, (tx) => {
        const before = loadTheme(tx, id);
        if (before.isDefault) throw conflict("DEFAULT_THEME", "The default theme cannot be deleted: make another theme the default first");
        tx.delete(themes).where(eq(themes.id, id)).run();
        audit(tx, c, now, { action: "delete", resource: "themes", resourceId: id, before });
      }),
    );
    return c.json({ ok: true as const }, 200);
  });

  return router;
}
