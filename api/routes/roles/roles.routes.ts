import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, json, jsonBody } from "../../lib/schemas";

const Permission = z.object({ resource: z.string().min(1), action: z.string().min(1) });

export const RoleSummarySchema = z
  .object({ id: z.string(), userCount: z.number(), permissionCount: z.number(), locked: z.boolean() })
  .openapi("RoleSummary");

export const RoleSchema = z
  .object({
    id: z.string(),
    userCount: z.number(),
    locked: z.boolean(),
    permissions: z.array(Permission),
    catalog: z.array(z.object({ resource: z.string(), actions: z.array(z.string()) })),
  })
  .openapi("Role");

export const UpdateRoleBody = z.object({ permissions: z.array(Permission).max(500) }).strict();

const RoleParam = z.object({ id: z.string().min(1).openapi({ param: { name: "id", in: "path" }, example: "operator" }) });
const tags = ["Roles"];

export const listRoles = createRoute({ method: "get", path: "/roles", tags, responses: { 200: json(z.array(RoleSummarySchema)), ...errorResponses } });
export const getRole = createRoute({ method: "get", path: "/roles/{id}", tags, request: { params: RoleParam }, responses: { 200: json(RoleSchema), ...errorResponses } });
export const updateRole = createRoute({
  method: "patch",
  path: "/roles/{id}",
  tags,
  summary: "Replace a role's permissions (Casbin policy lines); takes effect at once",
  request: { params: RoleParam, body: jsonBody(UpdateRoleBody) },
  responses: { 200: json(RoleSchema), ...errorResponses },
});
