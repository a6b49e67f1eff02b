import { createRoute, z } from "@hono/zod-openapi";
import { productTypes } from "../../../db/schema";
import { errorResponses, IdParam, IsoDate, json } from "../../lib/schemas";

const LocalText = z.object({ "zh-CN": z.string(), "en-US": z.string() });

export interface ShopCategoryNode {
  id: number;
  name: { "zh-CN": string; "en-US": string };
  icon: string;
  children: ShopCategoryNode[];
}

export const ShopCategorySchema: z.ZodType<ShopCategoryNode> = z
  .object({
    id: z.number(),
    name: LocalText,
    icon: z.string(),
    children: z.lazy(() => z.array(ShopCategorySchema)),
  })
  .openapi("ShopCategory");

/** What members see of a product: no cost, no supplier contact, no review history. */
export const ShopProductSchema = z
  .object({
    id: z.number(),
    type: z.enum(productTypes),
    categoryId: z.number().nullable(),
    name: LocalText,
    images: z.array(z.string()),
    tags: z.array(z.string()),
    pointsPrice: z.number(),
    cashPrice: z.number().openapi({ description: "Cash part in cents (0: points only)" }),
    stock: z.number(),
    soldOut: z.boolean(),
    sold: z.number(),
    perMemberLimit: z.number().openapi({ description: "0: no limit" }),
    minTier: z.string().openapi({ description: "The lowest tier that may redeem it (empty: everyone)" }),
    saleStart: IsoDate.nullable(),
    saleEnd: IsoDate.nullable(),
    supplierName: z.string(),
  })
  .openapi("ShopProduct");

export const ShopProductDetailSchema = ShopProductSchema.extend({ description: LocalText.openapi({ description: "Sanitised HTML per language" }) }).openapi("ShopProductDetail");

export const SHOP_SORTS = ["points_asc", "points_desc", "newest", "popular"] as const;

export const ShopProductQuery = z.object({
  categoryId: z.coerce.number().int().positive().optional().openapi({ description: "That category and its subcategories" }),
  tag: z.string().max(20).optional(),
  q: z.string().max(50).optional().openapi({ description: "Words in the name (either language)" }),
  sort: z.enum(SHOP_SORTS).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const ShopProductPage = z
  .object({ items: z.array(ShopProductSchema), total: z.number(), page: z.number(), limit: z.number() })
  .openapi("ShopProductPage");

const tags = ["Shop"];

export const shopCategories = createRoute({
  method: "get",
  path: "/categories",
  tags,
  summary: "The category tree members browse (hidden categories and what is under them left out)",
  security: [],
  responses: { 200: json(z.array(ShopCategorySchema)) },
});
export const shopProducts = createRoute({
  method: "get",
  path: "/products",
  tags,
  summary: "Products on sale now, paged",
  security: [],
  request: { query: ShopProductQuery },
  responses: { 200: json(ShopProductPage), 400: errorResponses[400] },
});
export const shopProduct = createRoute({
  method: "get",
  path: "/products/{id}",
  tags,
  summary: "One product on sale now (404 otherwise)",
  security: [],
  request: { params: IdParam },
  responses: { 200: json(ShopProductDetailSchema), 400: errorResponses[400], 404: errorResponses[404] },
});
