import { and, asc, count, desc, eq, gt, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { categories, products, suppliers } from "../../../db/schema";
import type { AppContext } from "../../context";
import { buildTree, subtreeIds, type TreeNode } from "../../domain/catalog/category-tree";
import { notFound } from "../../lib/errors";
import { newRouter } from "../../lib/router";
import { shopCategories, shopProduct, shopProducts, type ShopCategoryNode } from "./shop-catalog.routes";

type CategoryRow = typeof categories.$inferSelect;

/** On sale, inside the sale window, from a supplier that is not suspended: what a member may redeem now. */
export function onSaleNow(now: Date): SQL {
  return and(
    eq(products.status, "on_sale"),
    or(isNull(products.saleStart), lte(products.saleStart, now)),
    or(isNull(products.saleEnd), gt(products.saleEnd, now)),
    eq(suppliers.status, "active"),
  )!;
}

const columns = {
  id: products.id,
  type: products.type,
  categoryId: products.categoryId,
  name: products.name,
  images: products.images,
  tags: products.tags,
  pointsPrice: products.pointsPrice,
  cashPrice: products.cashPrice,
  stock: products.stock,
  sold: products.sold,
  perMemberLimit: products.perMemberLimit,
  minTier: products.minTier,
  saleStart: products.saleStart,
  saleEnd: products.saleEnd,
  supplierName: suppliers.name,
};
const shape = <T extends { stock: number; saleStart: Date | null; saleEnd: Date | null }>(p: T) => ({ ...p, soldOut: p.stock <= 0, saleStart: p.saleStart?.toISOString() ?? null, saleEnd: p.saleEnd?.toISOString() ?? null });

const ORDER = {
  points_asc: [asc(products.pointsPrice), desc(products.id)],
  points_desc: [desc(products.pointsPrice), desc(products.id)],
  newest: [desc(products.createdAt), desc(products.id)],
  popular: [desc(products.sold), desc(products.id)],
  default: [asc(products.sortOrder), desc(products.id)],
};

function toNode(n: TreeNode<CategoryRow>): ShopCategoryNode {
  return { id: n.id, name: n.name, icon: n.icon, children: n.children.map(toNode) };
}

export function shopCatalogRouter(ctx: AppContext) {
  const router = newRouter();

  router.openapi(shopCategories, (c) => {
    // A hidden category drops out with its subtree (buildTree skips children of missing parents).
    const rows = ctx.db.select().from(categories).where(eq(categories.status, "active")).all();
    c.header("Cache-Control", "no-cache");
    return c.json(buildTree(rows).map(toNode), 200);
  });

  router.openapi(shopProducts, (c) => {
    const { categoryId, tag, q, sort, page, limit } = c.req.valid("query");
    const where: SQL[] = [onSaleNow(ctx.clock.now())];
    if (categoryId) {
      const rows = ctx.db.select({ id: categories.id, parentId: categories.parentId, sortOrder: categories.sortOrder }).from(categories).all();
      where.push(inArray(products.categoryId, [...subtreeIds(rows, categoryId)]));
    }
    if (tag) where.push(sql`exists (select 1 from json_each(${products.tags}) where json_each.value = ${tag})`);
    if (q?.trim()) where.push(sql`${products.name} LIKE ${`%${q.trim().replace(/[\\%_]/g, (m) => "\\" + m)}%`} ESCAPE '\\'`);
    const filter = and(...where);
    const items = ctx.db
      .select(columns)
      .from(products)
      .innerJoin(suppliers, eq(suppliers.id, products.supplierId))
      .where(filter)
      .orderBy(...ORDER[sort ?? "default"])
      .limit(limit)
      .offset((page - 1) * limit)
      .all();
    const [{ total }] = ctx.db.select({ total: count() }).from(products).innerJoin(suppliers, eq(suppliers.id, products.supplierId)).where(filter).all();
    c.header("Cache-Control", "no-cache");
    return c.json({ items: items.map(shape), total, page, limit }, 200);
  });

  router.openapi(shopProduct, (c) => {
    const { id } = c.req.valid("param");
    const row = ctx.db
      .select({ ...columns, description: products.description })
      .from(products)
      .innerJoin(suppliers, eq(suppliers.id, products.supplierId))
      .where(and(eq(products.id, id), onSaleNow(ctx.clock.now())))
      .get();
    if (!row) throw notFound("Product", id);
    c.header("Cache-Control", "no-cache");
    return c.json({ ...shape(row), description: row.description }, 200);
  });

  return router;
}
