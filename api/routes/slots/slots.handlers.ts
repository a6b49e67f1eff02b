import { asc, eq, inArray, max } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { slotItems, slots, type LinkTarget } from "../../../db/schema";
import type { AppContext } from "../../context";
import { linkProblem, pagesUsing } from "../../domain/pages/blocks";
import { audit } from "../../lib/audit";
import { conflict, notFound, unprocessable } from "../../lib/errors";
import { listRows, sendList, specFor } from "../../lib/list-query";
import { newRouter } from "../../lib/router";
import { writeTx } from "../../lib/tx";
import {
  createSlot,
  createSlotItem,
  deleteSlot,
  deleteSlotItem,
  getSlot,
  getSlotItem,
  listSlotItems,
  listSlots,
  reorderSlotItems,
  updateSlot,
  updateSlotItem,
} from "./slots.routes";

type SlotRow = typeof slots.$inferSelect;
type ItemRow = typeof slotItems.$inferSelect;

function itemState(i: ItemRow, now: Date): "active" | "scheduled" | "expired" {
  if (i.endAt && i.endAt.getTime() <= now.getTime()) return "expired";
  if (i.startAt && i.startAt.getTime() > now.getTime()) return "scheduled";
  return "active";
}

const itemDto = (i: ItemRow, now: Date) => ({
  ...i,
  startAt: i.startAt?.toISOString() ?? null,
  endAt: i.endAt?.toISOString() ?? null,
  createdAt: i.createdAt.toISOString(),
  updatedAt: i.updatedAt.toISOString(),
  state: itemState(i, now),
});

const itemsOf = (db: DbOrTx, slotIds: number[]) =>
  slotIds.length ? db.select().from(slotItems).where(inArray(slotItems.slotId, slotIds)).orderBy(asc(slotItems.sortOrder), asc(slotItems.id)).all() : [];

function slotDtos(db: DbOrTx, rows: SlotRow[], now: Date) {
  const items = itemsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((s) => {
    const mine = items.filter((i) => i.slotId === s.id);
    return {
      id: s.id,
      code: s.code,
      name: s.name,
      itemCount: mine.length,
      activeCount: mine.filter((i) => itemState(i, now) === "active").length,
      usedBy: pagesUsing(db, (b) => b.type === "banner" && b.slotCode === s.code),
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
    };
  });
}

function slotDetail(db: DbOrTx, slot: SlotRow, now: Date) {
  return { ...slotDtos(db, [slot], now)[0], items: itemsOf(db, [slot.id]).map((i) => itemDto(i, now)) };
}

function loadSlot(db: DbOrTx, id: number): SlotRow {
  const row = db.select().from(slots).where(eq(slots.id, id)).get();
  if (!row) throw notFound("Slot", id);
  return row;
}

function loadItem(db: DbOrTx, id: number): ItemRow {
  const row = db.select().from(slotItems).where(eq(slotItems.id, id)).get();
  if (!row) throw notFound("Slot item", id);
  return row;
}

function checkItem(db: DbOrTx, item: { link: LinkTarget; startAt: Date | null; endAt: Date | null }) {
  const problems: Record<string, string> = {};
  const bad = linkProblem(db, item.link);
  if (bad) problems["link.target"] = bad;
  if (item.startAt && item.endAt && item.endAt.getTime() <= item.startAt.getTime()) problems.endAt = "Must be after the start";
  if (Object.keys(problems).length) throw unprocessable(`Invalid slot item (${Object.values(problems)[0]})`, problems);
}

const toDate = (v: string | null | undefined) => (v == null ? null : new Date(v));
const slotSpec = specFor(slots, { search: [slots.code, slots.name], defaultSort: { field: "id", order: "asc" } });
const itemSpec = specFor(slotItems, { search: [slotItems.title], defaultSort: { field: "sortOrder", order: "asc" } });

export function slotsRouter(ctx: AppContext) {
  const router = newRouter();
  /** Banners are on the storefront's cached pages: any change rebuilds them. */
  const changed = <T>(fn: () => T): T => {
    const out = fn();
    ctx.pageCache.invalidate();
    return out;
  };

  router.openapi(listSlots, (c) => {
    const { rows, total } = listRows(c, ctx.db, slots, slotSpec);
    return sendList(c, slotDtos(ctx.db, rows, ctx.clock.now()), total);
  });

  router.openapi(getSlot, (c) => c.json(slotDetail(ctx.db, loadSlot(ctx.db, c.req.valid("param").id), ctx.clock.now()), 200));

  router.openapi(createSlot, (c) => {
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const slot = writeTx(ctx.db, (tx) => {
      if (tx.select({ id: slots.id }).from(slots).where(eq(slots.code, body.code)).get())
        throw conflict("CODE_TAKEN", `A slot with the code ${body.code} exists already`, { fields: { code: "taken" } });
      const created = tx.insert(slots).values({ code: body.code, name: body.name, createdAt: now, updatedAt: now }).returning().get();
      audit(tx, c, now, { action: "create", resource: "slots", resourceId: created.id, after: created });
      return created;
    });
    return c.json(slotDetail(ctx.db, slot, now), 201);
  });

  router.openapi(updateSlot, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const slot = writeTx(ctx.db, (tx) => {
      const before = loadSlot(tx, id);
      const after = tx.update(slots).set({ name: body.name, updatedAt: now }).where(eq(slots.id, id)).returning().get();
      audit(tx, c, now, { action: "update", resource: "slots", resourceId: id, before, after });
      return after;
    });
    return c.json(slotDetail(ctx.db, slot, now), 200);
  });

  router.openapi(deleteSlot, (c) => {
    const { id } = c.req.valid("param");
    const now = ctx.clock.now();
    changed(() =>
      writeTx(ctx.db, (tx) => {
        const before = loadSlot(tx, id);
        const usedBy = pagesUsing(tx, (b) => b.type === "banner" && b.slotCode === before.code);
        if (usedBy.length) throw conflict("SLOT_IN_USE", `Pages show this slot (${usedBy.join(", ")}): remove their banner blocks first`, { pages: usedBy });
        const items = itemsOf(tx, [id]);
        tx.delete(slots).where(eq(slots.id, id)).run();
        audit(tx, c, now, { action: "delete", resource: "slots", resourceId: id, before: { ...before, items } });
      }),
    );
    return c.json({ ok: true as const }, 200);
  });

  router.openapi(listSlotItems, (c) => {
    const { rows, total } = listRows(c, ctx.db, slotItems, itemSpec);
    const now = ctx.clock.now();
    return sendList(
      c,
      rows.map((r) => itemDto(r, now)),
      total,
    );
  });

  router.openapi(getSlotItem, (c) => c.json(itemDto(loadItem(ctx.db, c.req.valid("param").id), ctx.clock.now()), 200));

  router.openapi(createSlotItem, (c) => {
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const item = changed(() =>
      writeTx(ctx.db, (tx) => {
        loadSlot(tx, body.slotId);
        const values = {
          slotId: body.slotId,
          title: body.title,
          image: body.image,
          link: body.link && body.link.type !== "none" ? body.link : { type: "none" as const, target: "" },
          startAt: toDate(body.startAt),
          endAt: toDate(body.endAt),
        };
        checkItem(tx, values);
        const [{ last }] = tx.select({ last: max(slotItems.sortOrder) }).from(slotItems).where(eq(slotItems.slotId, body.slotId)).all();
        const created = tx
          .insert(slotItems)
          .values({ ...values, sortOrder: (last ?? -1) + 1, createdAt: now, updatedAt: now })
          .returning()
          .get();
        audit(tx, c, now, { action: "create", resource: "slot-items", resourceId: created.id, after: created });
        return created;
      }),
    );
    return c.json(itemDto(item, now), 201);
  });

  router.openapi(updateSlotItem, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const item = changed(() =>
      writeTx(ctx.db, (tx) => {
        const before = loadItem(tx, id);
        const patch: Partial<ItemRow> = { updatedAt: now };
        if (body.title) patch.title = body.title;
        if (body.image) patch.image = body.image;
        if (body.link) patch.link = body.link.type === "none" ? { type: "none", target: "" } : body.link;
        if (body.startAt !== undefined) patch.startAt = toDate(body.startAt);
        if (body.endAt !== undefined) patch.endAt = toDate(body.endAt);
        checkItem(tx, { ...before, ...patch });
        const after = tx.update(slotItems).set(patch).where(eq(slotItems.id, id)).returning().get();
        audit(tx, c, now, { action: "update", resource: "slot-items", resourceId: id, before, after });
        return after;
      }),
    );
    return c.json(itemDto(item, now), 200);
  });

  router.openapi(deleteSlotItem, (c) => {
    const { id } = c.req.valid("param");
    const now = ctx.clock.now();
    changed(() =>
      writeTx(ctx.db, (tx) => {
        const before = loadItem(tx, id);
        tx.delete(slotItems).where(eq(slotItems.id, id)).run();
        audit(tx, c, now, { action: "delete", resource: "slot-items", resourceId: id, before });
      }),
    );
    return c.json({ ok: true as const }, 200);
  });

  router.openapi(reorderSlotItems, (c) => {
    const { slotId, ids } = c.req.valid("json");
    const now = ctx.clock.now();
    const items = changed(() =>
      writeTx(ctx.db, (tx) => {
        loadSlot(tx, slotId);
        const current = itemsOf(tx, [slotId]);
        const have = new Set(current.map((i) => i.id));
        if (ids.length !== have.size || new Set(ids).size !== ids.length || ids.some((i) => !have.has(i)))
          throw unprocessable("Send every item of the slot exactly once", { ids: `expected the ${have.size} items of slot ${slotId}` });
        ids.forEach((itemId, i) => tx.update(slotItems).set({ sortOrder: i, updatedAt: now }).where(eq(slotItems.id, itemId)).run());
        audit(tx, c, now, { action: "reorder", resource: "slot-items", resourceId: slotId, before: current.map((i) => i.id), after: ids });
        return itemsOf(tx, [slotId]);
      }),
    );
    return c.json(
      items.map((i) => itemDto(i, now)),
      200,
    );
  });

  return router;
}
