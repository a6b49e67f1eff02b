import { createRoute, z } from "@hono/zod-openapi";
import { staffStatuses } from "../../../db/schema";
import { errorResponses, IdParam, IsoDate, json, jsonBody, ListQuerySchema } from "../../lib/schemas";

export const StaffUserSchema = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    supplierId: z.number().nullable(),
    status: z.enum(staffStatuses),
    phone: z.string(),
    email: z.string(),
    locked: z.boolean(),
    lastLoginAt: IsoDate.nullable(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("StaffUser");

const username = z
  .string()
  .trim()
  .min(3, "At least 3 characters")
  .max(32)
  .regex(/^[a-z0-9._-]+$/, "Lower-case letters, digits, dot, dash and underscore only");
const password = z.string().min(8, "At least 8 characters").max(256);
const phone = z.string().trim().max(32).regex(/^[0-9+\- ]*$/, "Digits, +, - and spaces only");

export const CreateStaffUserBody = z
  .object({
    username,
    displayName: z.string().trim().min(1, "Required").max(64),
    password,
    role: z.string().min(1, "Required"),
    supplierId: z.number().int().positive().nullable().optional(),
    phone: phone.optional(),
    email: z.union([z.email(), z.literal("")]).optional(),
  })
  .strict();

export const UpdateStaffUserBody = z
  .object({
    displayName: z.string().trim().min(1, "Required").max(64),
    role: z.string().min(1),
    supplierId: z.number().int().positive().nullable(),
    status: z.enum(staffStatuses),
    phone,
    email: z.union([z.email(), z.literal("")]),
  })
  .partial()
  .strict();

export const ResetPasswordBody = z.object({ password: password.optional() }).strict();

const tags = ["Staff users"];

export const listStaffUsers = createRoute({
  method: "get",
  path: "/staff-users",
  tags,
  summary: "List staff users (filters: role, status, supplierId; q searches username and name)",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(StaffUserSchema)), ...errorResponses },
});

export const getStaffUser = createRoute({
  method: "get",
  path: "/staff-users/{id}",
  tags,
  request: { params: IdParam },
  responses: { 200: json(StaffUserSchema), ...errorResponses },
});

export const createStaffUser = createRoute({
  method: "post",
  path: "/staff-users",
  tags,
  request: { body: jsonBody(CreateStaffUserBody) },
  responses: { 201: json(StaffUserSchema, "Created"), ...errorResponses },
});

export const updateStaffUser = createRoute({
  method: "patch",
  path: "/staff-users/{id}",
  tags,
  summary: "Edit; disabling or changing the role signs the user out everywhere",
  request: { params: IdParam, body: jsonBody(UpdateStaffUserBody) },
  responses: { 200: json(StaffUserSchema), ...errorResponses },
});

export const resetStaffPassword = createRoute({
  method: "post",
  path: "/staff-users/{id}/reset-password",
  tags,
  summary: "Set a new password (or generate one, shown once); signs the user out everywhere",
  request: { params: IdParam, body: jsonBody(ResetPasswordBody) },
  responses: { 200: json(z.object({ temporaryPassword: z.string().nullable() })), ...errorResponses },
});
