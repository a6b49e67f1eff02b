import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses, json, jsonBody, OkSchema } from "../../lib/schemas";

export const MeSchema = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    supplierId: z.number().nullable(),
    supplierName: z.string().nullable(),
  })
  .openapi("Me");

export const PermissionsSchema = z
  .object({
    role: z.string(),
    permissions: z.array(z.object({ resource: z.string(), action: z.string() })),
  })
  .openapi("Permissions");

export const LoginBody = z.object({
  username: z.string().trim().min(1, "Enter your username").max(64),
  password: z.string().min(1, "Enter your password").max(256),
});

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(8, "At least 8 characters").max(256),
});

const tags = ["Auth"];

export const loginRoute = createRoute({
  method: "post",
  path: "/auth/login",
  tags,
  summary: "Sign in as a staff member; sets the pm_staff session cookie",
  request: { body: jsonBody(LoginBody) },
  responses: { 200: json(MeSchema), 401: errorResponses[401], 403: errorResponses[403], 422: errorResponses[422], 429: { description: "Too many failed attempts" } },
});

export const logoutRoute = createRoute({
  method: "post",
  path: "/auth/logout",
  tags,
  summary: "End this session",
  responses: { 200: json(OkSchema) },
});

export const meRoute = createRoute({
  method: "get",
  path: "/me",
  tags,
  summary: "The signed-in staff member",
  responses: { 200: json(MeSchema), 401: errorResponses[401] },
});

export const permissionsRoute = createRoute({
  method: "get",
  path: "/me/permissions",
  tags,
  summary: "What the signed-in staff member's role may do (for the console's access control)",
  responses: { 200: json(PermissionsSchema), 401: errorResponses[401] },
});

export const changePasswordRoute = createRoute({
  method: "post",
  path: "/me/password",
  tags,
  summary: "Change your own password; other sessions are signed out",
  request: { body: jsonBody(ChangePasswordBody) },
  responses: { 200: json(OkSchema), 401: errorResponses[401], 422: errorResponses[422] },
});
