import { createRoute, z } from "@hono/zod-openapi";
import { LinkSchema, LocalTextIn, SLOT_CODE } from "../../domain/pages/blocks";
import { errorResponses, IdParam, IsoDate, json, jsonBody, ListQuerySchema, OkSchema } from "../../lib/schemas";
import { ImageRef } from "../products/products.routes";

const Text = z.object({ "zh-CN": z.string(), "en-US": z.string() });
const DateTime = z.iso.datetime({ offset: true, message: "An ISO date-time" }).nullable();

export const SlotItemSchema = z
  .object({
    id: z.number(),
    slotId: z.number(),
    title: Text,
    image: z.string(),
    link: z.object({ type: z.enum(["product", "campaign", "page", "url", "none"]), target: z.string() }),
    sortOrder: z.number(),
    startAt: IsoDate.nullable(),
    endAt: IsoDate.nullable(),
    /** Now: shown, waiting for its start, or past its end. */
    state: z.enum(["active", "scheduled", "expired"]),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("SlotItem");

export const SlotSchema = z
  .object({
    id: z.number(),
    code: z.string(),
    name: Text,
    itemCount: z.number(),
    activeCount: z.number(),
    /** Pages whose draft or live version shows this slot. */
    usedBy: z.array(z.string()),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .openapi("Slot");
export const SlotDetailSchema = SlotSchema.extend({ items: z.array(SlotItemSchema) }).openapi("SlotDetail");

export const CreateSlotBody = z.object({ code: z.string().trim().regex(SLOT_CODE, "Lower-case letters, digits, - and _ (up to 40)"), name: LocalTextIn(40, true) }).strict();
/** The code is fixed: pages refer to the slot by it. */
export const UpdateSlotBody = z.object({ name: LocalTextIn(40, true) }).strict();

const itemFields = {
  title: LocalTextIn(40, true).openapi({ description: "Also the picture's text alternative" }),
  image: ImageRef,
  link: LinkSchema,
  startAt: DateTime,
  endAt: DateTime,
};
export const CreateSlotItemBody = z
  .object({ slotId: z.number().int().positive(), ...itemFields })
  .partial({ link: true, startAt: true, endAt: true })
  .strict();
export const UpdateSlotItemBody = z.object(itemFields).partial().strict();
export const ReorderSlotItemsBody = z
  .object({ slotId: z.number().int().positive(), ids: z.array(z.number().int().positive()).min(1).max(200) })
  .strict()
  .openapi({ description: "Every item of the slot, in the new order" });

const tags = ["Storefront pages"];
export const listSlots = createRoute({ method: "get", path: "/slots", tags, request: { query: ListQuerySchema }, responses: { 200: json(z.array(SlotSchema)), ...errorResponses } });
export const getSlot = createRoute({ method: "get", path: "/slots/{id}", tags, summary: "A slot with all its items (in order)", request: { params: IdParam }, responses: { 200: json(SlotDetailSchema), ...errorResponses } });
export const createSlot = createRoute({ method: "post", path: "/slots", tags, request: { body: jsonBody(CreateSlotBody) }, responses: { 201: json(SlotDetailSchema, "Created"), ...errorResponses } });
export const updateSlot = createRoute({ method: "patch", path: "/slots/{id}", tags, request: { params: IdParam, body: jsonBody(UpdateSlotBody) }, responses: { 200: json(SlotDetailSchema), ...errorResponses } });
export const deleteSlot = createRoute({
  method: "delete",
  path: "/slots/{id}",
  tags,
  summary: "Deletes a slot and its items (refused while a page shows it)",
  request: { params: IdParam },
  responses: { 200: json(OkSchema), ...errorResponses },
});

export const listSlotItems = createRoute({
  method: "get",
  path: "/slot-items",
  tags,
  summary: "Slot items (filter by slotId); in display order by default",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(SlotItemSchema)), ...errorResponses },
});
export const getSlotItem = createRoute({ method: "get", path: "/slot-items/{id}", tags, request: { params: IdParam }, responses: { 200: json(SlotItemSchema), ...errorResponses } });
export const createSlotItem = createRoute({
  method: "post",
  path: "/slot-items",
  tags,
  summary: "Adds an item at the end of its slot",
  request: { body: jsonBody(CreateSlotItemBody) },
  responses: { 201: json(SlotItemSchema, "Created"), ...errorResponses },
});
export const updateSlotItem = createRoute({ method: "patch", path: "/slot-items/{id}", tags, request: { params: IdParam, body: jsonBody(UpdateSlotItemBody) }, responses: { 200: json(SlotItemSchema), ...errorResponses } });
export const deleteSlotItem = createRoute({ method: "delete", path: "/slot-items/{id}", tags, request: { params: IdParam }, responses: { 200: json(OkSchema), ...errorResponses } });
export const reorderSlotItems = createRoute({
  method: "post",
  path: "/slot-items/reorder",
  tags,
  summary: "Puts a slot's items in the given order",
  request: { body: jsonBody(ReorderSlotItemsBody) },
  responses: { 200: json(z.array(SlotItemSchema)), ...errorResponses },
});
