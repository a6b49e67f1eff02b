import { createRoute, z } from "@hono/zod-openapi";
import { LocalTextIn } from "../../domain/pages/blocks";
import { errorResponses, IdParam, IsoDate, json, jsonBody, ListQuerySchema, OkSchema } from "../../lib/schemas";
import { ImageRef } from "../products/products.routes";

const Text = z.object({ "zh-CN": z.string(), "en-US": z.string() });
const Colour = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "A colour as #rrggbb").transform((v) => v.toLowerCase());
const DateTime = z.iso.datetime({ offset: true, message: "An ISO date-time" }).nullable();

export const ThemeSchema = z
  .object({
    id: z.number(),
    name: Text,
    primaryColor: z.string(),
    background: z.string(),
    logoUrl: z.string(),
    isDefault: z.boolean(),
    startAt: IsoDate.nullable(),
    endAt: IsoDate.nullable(),
    /** The theme members see now. */
    active: z.boolean(),
    /** default; festival: a window in the future, on now, or past. */
    kind: z.enum(["default", "upcoming", "on", "past"]),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("Theme");

const fields = {
  name: LocalTextIn(40, true),
  primaryColor: Colour,
  background: Colour,
  logoUrl: z.union([ImageRef, z.literal("")]),
  /** One theme is the default; making this one the default makes the others festival themes. */
  isDefault: z.boolean(),
  /** A festival theme's window (required unless default). */
  startAt: DateTime,
  endAt: DateTime,
};
export const CreateThemeBody = z.object(fields).partial({ logoUrl: true, isDefault: true, startAt: true, endAt: true }).strict();
export const UpdateThemeBody = z.object(fields).partial().strict();

const tags = ["Storefront pages"];
const reply = { 200: json(ThemeSchema), ...errorResponses };
export const listThemes = createRoute({ method: "get", path: "/themes", tags, request: { query: ListQuerySchema }, responses: { 200: json(z.array(ThemeSchema)), ...errorResponses } });
export const getTheme = createRoute({ method: "get", path: "/themes/{id}", tags, request: { params: IdParam }, responses: reply });
export const createTheme = createRoute({
  method: "post",
  path: "/themes",
  tags,
  summary: "A theme: the default, or a festival theme that is on during its window",
  request: { body: jsonBody(CreateThemeBody) },
  responses: { 201: json(ThemeSchema, "Created"), ...errorResponses },
});
export const updateTheme = createRoute({ method: "patch", path: "/themes/{id}", tags, request: { params: IdParam, body: jsonBody(UpdateThemeBody) }, responses: reply });
export const deleteTheme = createRoute({
  method: "delete",
  path: "/themes/{id}",
  tags,
  summary: "Deletes a festival theme (the default cannot be deleted)",
  request: { params: IdParam },
  responses: { 200: json(OkSchema), ...errorResponses },
});
