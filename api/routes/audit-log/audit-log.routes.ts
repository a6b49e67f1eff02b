import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, IdParam, IsoDate, json, ListQuerySchema } from "../../lib/schemas";

export const AuditEntrySchema = z
  .object({
    id: z.number(),
    createdAt: IsoDate,
    actorId: z.number().nullable(),
    actorName: z.string(),
    actorRole: z.string(),
    action: z.string(),
    resource: z.string(),
    resourceId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    ip: z.string(),
    requestId: z.string(),
  })
  .openapi("AuditEntry");

const tags = ["Audit log"];

export const listAudit = createRoute({
  method: "get",
  path: "/audit-log",
  tags,
  summary: "Audit entries, newest first (filters: actorId, actorName, action, resource, resourceId, createdAt_gte, createdAt_lte)",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(AuditEntrySchema)), ...errorResponses },
});

export const getAudit = createRoute({ method: "get", path: "/audit-log/{id}", tags, request: { params: IdParam }, responses: { 200: json(AuditEntrySchema), ...errorResponses } });
