import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, IdParam, IsoDate, json, jsonBody, ListQuerySchema, OkSchema } from "../../lib/schemas";

/** A name in both console languages; one of them may be empty (the other is shown instead). */
export const LocalName = (max: number) =>
  z
    .object({ "zh-CN": z.string().trim().max(max).default(""), "en-US": z.string().trim().max(max).default("") })
    .strict()
    .superRefine((v, ctx) => {
      if (!v["zh-CN"] && !v["en-US"]) ctx.addIssue({ code: "custom", path: ["zh-CN"], message: "A name is required in at least one language" });
    })
    .openapi({ example: { "zh-CN": "耳机", "en-US": "Headphones" } });

const categoryStatus = z.enum(["active", "hidden"]);

export const CategorySchema = z
  .object({
    id: z.number(),
    parentId: z.number().nullable(),
    name: z.object({ "zh-CN": z.string(), "en-US": z.string() }),
    icon: z.string(),
    sortOrder: z.number(),
    status: categoryStatus,
    /** Products filed directly under this category (not its subcategories). */
    productCount: z.number(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("Category");

const ParentId = z.number().int().positive().nullable();

export const CreateCategoryBody = z
  .object({ name: LocalName(40), parentId: ParentId.optional(), icon: z.string().trim().max(64).optional(), status: categoryStatus.optional() })
  .strict();
export const UpdateCategoryBody = z
  .object({ name: LocalName(40), parentId: ParentId, icon: z.string().trim().max(64), status: categoryStatus, sortOrder: z.number().int().min(0).max(1_000_000) })
  .partial()
  .strict();
export const ReorderBody = z
  .object({
    parentId: ParentId.openapi({ description: "The parent the categories end up under (null: top level)" }),
    ids: z
      .array(z.number().int().positive())
      .min(1)
      .max(500)
      .refine((ids) => new Set(ids).size === ids.length, "Each category once")
      .openapi({ description: "The parent's children in their new order; children left out follow in their current order" }),
  })
  .strict();

const tags = ["Catalog"];

export const listCategories = createRoute({
  method: "get",
  path: "/categories",
  tags,
  summary: "Categories as flat rows (parentId, sortOrder): the console builds the tree",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(CategorySchema)), ...errorResponses },
});
export const getCategory = createRoute({ method: "get", path: "/categories/{id}", tags, request: { params: IdParam }, responses: { 200: json(CategorySchema), ...errorResponses } });
export const createCategory = createRoute({
  method: "post",
  path: "/categories",
  tags,
  summary: "Adds a category at the end of its siblings",
  request: { body: jsonBody(CreateCategoryBody) },
  responses: { 201: json(CategorySchema, "Created"), ...errorResponses },
});
export const updateCategory = createRoute({
  method: "patch",
  path: "/categories/{id}",
  tags,
  summary: "Renames, hides or moves a category",
  request: { params: IdParam, body: jsonBody(UpdateCategoryBody) },
  responses: { 200: json(CategorySchema), ...errorResponses },
});
export const deleteCategory = createRoute({
  method: "delete",
  path: "/categories/{id}",
  tags,
  summary: "Deletes an empty category (409 while it has subcategories or products)",
  request: { params: IdParam },
  responses: { 200: json(OkSchema), ...errorResponses },
});
export const reorderCategories = createRoute({
  method: "post",
  path: "/categories/reorder",
  tags,
  summary: "Sets the order of a parent's children, moving categories under that parent if they were elsewhere",
  request: { body: jsonBody(ReorderBody) },
  responses: { 200: json(z.array(CategorySchema)), ...errorResponses },
});
