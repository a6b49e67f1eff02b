import { z } from "@hono/zod-openapi";

export const ErrorSchema = z
  .object({
    message: z.string(),
    code: z.string(),
    details: z.unknown().optional(),
  })
  .openapi("Error");

export const errorResponses = {
  400: { description: "Bad query or path parameter", content: { "application/json": { schema: ErrorSchema } } },
  401: { description: "Not signed in", content: { "application/json": { schema: ErrorSchema } } },
  403: { description: "Not allowed for this role", content: { "application/json": { schema: ErrorSchema } } },
  404: { description: "Not found (or outside the caller's scope)", content: { "application/json": { schema: ErrorSchema } } },
  409: { description: "Conflict", content: { "application/json": { schema: ErrorSchema } } },
  422: { description: "Invalid body, with field paths in details.fields", content: { "application/json": { schema: ErrorSchema } } },
} as const;

export const IdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

/** Refine list parameters; field filters (`field`, `field_gte` ...) pass through. */
export const ListQuerySchema = z
  .object({
    _start: z.string().optional().openapi({ example: "0" }),
    _end: z.string().optional().openapi({ example: "20" }),
    _sort: z.string().optional(),
    _order: z.string().optional(),
    q: z.string().optional(),
  })
  .passthrough();

export const json = <T extends z.ZodType>(schema: T, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const OkSchema = z.object({ ok: z.literal(true) });

/** Dates travel as ISO strings. */
export const IsoDate = z.string().openapi({ format: "date-time", example: "2026-11-23T08:00:00.000Z" });
