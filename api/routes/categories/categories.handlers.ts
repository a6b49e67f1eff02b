import { asc, count, eq, inArray, isNull, max } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { categories, products } from "../../../db/schema";
import type { AppContext } from "../../context";
import { depthOf, MAX_CATEGORY_DEPTH, moveProblem, siblingOrder } from "../../domain/catalog/category-tree";
import { audit } from "../../lib/audit";
import { conflict, notFound, unprocessable } from "../../lib/errors";
import { listRows, sendList, specFor } from "../../lib/list-query";
import { newRouter } from "../../lib/router";
import { iso } from "../../lib/serialize";
import { writeTx } from "../../lib/tx";
import { createCategory, deleteCategory, getCategory, listCategories, reorderCategories, updateCategory } from "./categories.routes";

type CategoryRow = typeof categories.$inferSelect;

const spec = specFor(categories, { search: [categories.name], defaultSort: { field: "sortOrder", order: "asc" } });

function productCounts(db: DbOrTx, ids?: number[]): Map<number, number> {
  const q = db.select({ id: products.categoryId, n: count() }).from(products);
  const rows = (ids ? q.where(inArray(products.categoryId, ids)) : q).groupBy(products.categoryId).all();
  return new Map(rows.filter((r) => r.id != null).map((r) => [r.id!, r.n]));
}

const dto = (r: CategoryRow, counts: Map<number, number>) => ({ ...iso(r), productCount: counts.get(r.id) ?? 0 });

const shape = (db: DbOrTx, rows: CategoryRow[]) => {
  const counts = productCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => dto(r, counts));
};

const treeRows = (db: DbOrTx) => db.select({ id: categories.id, parentId: categories.parentId, sortOrder: categories.sortOrder }).from(categories).all();
const parentFilter = (parentId: number | null) => (parentId == null ? isNull(categories.parentId) : eq(categories.parentId, parentId));

/** The next free position under a parent (the end of its siblings). */
function endOf(tx: DbOrTx, parentId: number | null): number {
  const [{ top }] = tx.select({ top: max(categories.sortOrder) }).from(categories).where(parentFilter(parentId)).all();
  return top == null ? 0 : top + 1;
}

function requireParent(tx: DbOrTx, parentId: number | null | undefined) {
  if (parentId == null) return;
  if (!tx.select({ id: categories.id }).from(categories).where(eq(categories.id, parentId)).get())
    throw unprocessable("The parent category does not exist", { parentId: "no such category" });
}

export function categoriesRouter(ctx: AppContext) {
  const router = newRouter();
  const load = (tx: DbOrTx, id: number) => {
    const row = tx.select().from(categories).where(eq(categories.id, id)).get();
    if (!row) throw notFound("Category", id);
    return row;
  };

  router.openapi(listCategories, (c) => {
    const { rows, total } = listRows(c, ctx.db, categories, spec);
    return sendList(c, shape(ctx.db, rows), total);
  });

  router.openapi(getCategory, (c) => {
    const { id } = c.req.valid("param");
    return c.json(shape(ctx.db, [load(ctx.db, id)])[0], 200);
  });

  router.openapi(createCategory, (c) => {
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const row = writeTx(ctx.db, (tx) => {
      const parentId = body.parentId ?? null;
      requireParent(tx, parentId);
      if (parentId != null && depthOf(treeRows(tx), parentId) + 1 > MAX_CATEGORY_DEPTH)
        throw unprocessable(`Categories nest at most ${MAX_CATEGORY_DEPTH} levels deep`, { parentId: `at most ${MAX_CATEGORY_DEPTH} levels` });
      const created = tx
        .insert(categories)
        .values({ name: body.name, parentId, icon: body.icon ?? "", status: body.status ?? "active", sortOrder: endOf(tx, parentId), createdAt: now, updatedAt: now })
        .returning()
        .get();
      audit(tx, c, now, { action: "create", resource: "categories", resourceId: created.id, after: created });
      return created;
    });
    return c.json(dto(row, new Map()), 201);
  });

  router.openapi(updateCategory, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const row = writeTx(ctx.db, (tx) => {
      const before = load(tx, id);
      const patch: Partial<CategoryRow> = { ...body, updatedAt: now };
      if (body.parentId !== undefined && body.parentId !== before.parentId) {
        requireParent(tx, body.parentId);
        const problem = moveProblem(treeRows(tx), [id], body.parentId);
        if (problem) throw unprocessable(problem, { parentId: problem });
        if (body.sortOrder === undefined) patch.sortOrder = endOf(tx, body.parentId);
      }
      const after = tx.update(categories).set(patch).where(eq(categories.id, id)).returning().get();
      audit(tx, c, now, { action: "update", resource: "categories", resourceId: id, before, after });
      return after;
    });
    return c.json(shape(ctx.db, [row])[0], 200);
  });

  router.openapi(deleteCategory, (c) => {
    const { id } = c.req.valid("param");
    const now = ctx.clock.now();
    writeTx(ctx.db, (tx) => {
      const before = load(tx, id);
      const [{ children }] = tx.select({ children: count() }).from(categories).where(eq(categories.parentId, id)).all();
      const [{ items }] = tx.select({ items: count() }).from(products).where(eq(products.categoryId, id)).all();
      if (children || items)
        throw conflict(
          "CATEGORY_NOT_EMPTY",
          `This category still holds ${children} subcategories and ${items} products: move or delete them first`,
          { children, products: items },
        );
      tx.delete(categories).where(eq(categories.id, id)).run();
      audit(tx, c, now, { action: "delete", resource: "categories", resourceId: id, before });
    });
    return c.json({ ok: true as const }, 200);
  });

  router.openapi(reorderCategories, (c) => {
    const { parentId, ids } = c.req.valid("json");
    const now = ctx.clock.now();
    const rows = writeTx(ctx.db, (tx) => {
      requireParent(tx, parentId);
      const all = treeRows(tx);
      const known = new Set(all.map((r) => r.id));
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length) throw unprocessable(`No such categories: ${missing.join(", ")}`, { ids: `unknown ids ${missing.join(", ")}` });
      const problem = moveProblem(all, ids, parentId);
      if (problem) throw unprocessable(problem, { parentId: problem });
      const order = siblingOrder(all, parentId, ids);
      const before = all.filter((r) => order.includes(r.id));
      order.forEach((id, sortOrder) => tx.update(categories).set({ parentId, sortOrder, updatedAt: now }).where(eq(categories.id, id)).run());
      const after = tx.select().from(categories).where(parentFilter(parentId)).orderBy(asc(categories.sortOrder), asc(categories.id)).all();
      audit(tx, c, now, {
        action: "reorder",
        resource: "categories",
        resourceId: parentId,
        before,
        after: after.map((r) => ({ id: r.id, parentId: r.parentId, sortOrder: r.sortOrder })),
      });
      return after;
    });
    return c.json(shape(ctx.db, rows), 200);
  });

  return router;
}
