import { createRoute, z } from "@hono/zod-openapi";
import { supplierStatuses } from "../../../db/schema";
import { errorResponses, IdParam, IsoDate, json, jsonBody, ListQuerySchema } from "../../lib/schemas";

const Settlement = z
  .object({
    bankName: z.string().max(64).optional(),
    accountName: z.string().max(64).optional(),
    accountNumber: z.string().max(40).regex(/^[0-9 -]*$/, "Digits only").optional(),
    cycle: z.enum(["weekly", "monthly"]).optional(),
  })
  .strict();

export const SupplierSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    code: z.string(),
    contactName: z.string(),
    contactPhone: z.string(),
    contactEmail: z.string(),
    status: z.enum(supplierStatuses),
    isPlatform: z.boolean(),
    settlement: Settlement,
    hasApiSecret: z.boolean().openapi({ description: "Whether a fulfilment signing secret is set" }),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("Supplier");

const fields = {
  name: z.string().trim().min(1, "Required").max(100),
  code: z.string().trim().min(2).max(32).regex(/^[a-z0-9-]+$/, "Lower-case letters, digits and dashes"),
  contactName: z.string().trim().max(64),
  contactPhone: z.string().trim().max(32).regex(/^[0-9+\- ]*$/, "Digits, +, - and spaces only"),
  contactEmail: z.union([z.email(), z.literal("")]),
  status: z.enum(supplierStatuses),
  settlement: Settlement,
};

export const CreateSupplierBody = z.object(fields).partial().required({ name: true, code: true }).strict();
export const UpdateSupplierBody = z.object(fields).omit({ code: true }).partial().strict();

const tags = ["Suppliers"];

export const listSuppliers = createRoute({
  method: "get",
  path: "/suppliers",
  tags,
  summary: "Suppliers (supplier staff see only their own)",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(SupplierSchema)), ...errorResponses },
});
export const getSupplier = createRoute({ method: "get", path: "/suppliers/{id}", tags, request: { params: IdParam }, responses: { 200: json(SupplierSchema), ...errorResponses } });
export const createSupplier = createRoute({ method: "post", path: "/suppliers", tags, request: { body: jsonBody(CreateSupplierBody) }, responses: { 201: json(SupplierSchema, "Created"), ...errorResponses } });
export const updateSupplier = createRoute({
  method: "patch",
  path: "/suppliers/{id}",
  tags,
  request: { params: IdParam, body: jsonBody(UpdateSupplierBody) },
  responses: { 200: json(SupplierSchema), ...errorResponses },
});
