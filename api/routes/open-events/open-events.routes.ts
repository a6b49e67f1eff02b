import { createRoute, z } from "@hono/zod-openapi";
import { EventInputSchema } from "../../domain/points/events";
import { errorResponses, json, jsonBody } from "../../lib/schemas";

export const EventResultSchema = z
  .object({
    businessId: z.string(),
    memberId: z.string(),
    type: z.string(),
    outcome: z.enum(["granted", "held", "capped", "ignored"]),
    points: z.number().openapi({ description: "Points granted now (0 when held or ignored)" }),
    balance: z.number(),
    tier: z.string(),
    ruleId: z.number().nullable(),
    ruleVersion: z.number().nullable(),
    reason: z.string().nullable().openapi({ description: "Why points were not (all) granted: no-rule, already-today, below-minimum, daily-cap, total-cap, risk-threshold" }),
    reviewId: z.number().nullable(),
    entryId: z.number().nullable(),
  })
  .openapi("EventResult");

const EventBody = EventInputSchema.openapi("Event", {
  example: { type: "purchase", memberId: "u-10086", businessId: "order-2026-0001", amount: 25800, occurredAt: "2026-11-23T08:00:00+08:00" },
});

const signed = [{ appSignature: [] }];
const tags = ["Host integration"];
const authErrors = { 401: errorResponses[401], 409: errorResponses[409], 422: errorResponses[422] };

export const postEvent = createRoute({
  method: "post",
  path: "/events",
  tags,
  security: signed,
  summary: "Report a member's behaviour; the earning rules decide the points. A replayed businessId answers the same.",
  request: { body: jsonBody(EventBody) },
  responses: { 200: json(EventResultSchema), ...authErrors },
});

export const BatchBody = z.object({ events: z.array(z.unknown()).min(1).max(500) }).strict();
export const BatchItemSchema = z.object({
  index: z.number(),
  ok: z.boolean(),
  result: EventResultSchema.optional(),
  error: z.object({ message: z.string(), code: z.string(), details: z.unknown().optional() }).optional(),
});

export const postEventBatch = createRoute({
  method: "post",
  path: "/events/batch",
  tags,
  security: signed,
  summary: "Up to 500 events; each is applied in its own transaction and answered in order",
  request: { body: jsonBody(BatchBody) },
  responses: { 200: json(z.object({ results: z.array(BatchItemSchema) })), ...authErrors },
});
