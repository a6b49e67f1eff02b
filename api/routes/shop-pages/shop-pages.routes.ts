import { createRoute, z } from "@hono/zod-openapi";
import { PAGE_PATH } from "../../domain/pages/blocks";
import type { ResolvedPage } from "../../domain/pages/resolved";
import { ErrorSchema, IsoDate, json } from "../../lib/schemas";

/**
 * The OpenAPI description of the resolved page JSON. The TypeScript types in
 * api/domain/pages/resolved.ts are the source of truth (the storefront imports them); the check at
 * the bottom keeps this schema and those types in step.
 */
const Text = z.object({ "zh-CN": z.string(), "en-US": z.string() });
const Link = z
  .object({
    type: z.enum(["product", "campaign", "page", "url", "none"]),
    target: z.string(),
    href: z.string().nullable().openapi({ description: 'product → "/products/<id>", campaign → "/campaigns/<id>", page → its path, url → as configured, none → null' }),
    external: z.boolean().openapi({ description: "An http(s) URL to another site" }),
  })
  .openapi("ResolvedLink");
const Theme = z
  .object({ id: z.number().nullable(), name: Text, primaryColor: z.string(), background: z.string(), logoUrl: z.string(), festival: z.boolean() })
  .openapi("ResolvedTheme");
const Product = z
  .object({ id: z.number(), name: Text, image: z.string(), pointsPrice: z.number(), cashPrice: z.number(), soldOut: z.boolean(), href: z.string() })
  .openapi("ResolvedProduct");
const campaignFields = {
  id: z.number(),
  template: z.enum(["wheel", "scratch", "quiz", "flash_sale", "sign_in", "auction"]),
  title: Text,
  image: z.string(),
  status: z.enum(["scheduled", "live", "ended"]),
  startAt: IsoDate,
  endAt: IsoDate,
  entryCost: z.number(),
  href: z.string(),
};
const Campaign = z.object(campaignFields).openapi("ResolvedCampaign");
const FlashSale = z
  .object({
    ...campaignFields,
    template: z.literal("flash_sale"),
    product: z.object({ id: z.number(), name: Text, image: z.string(), pointsPrice: z.number(), cashPrice: z.number() }),
    salePoints: z.number(),
    saleCash: z.number(),
    reservedStock: z.number(),
    stockLeft: z.number(),
    perMemberLimit: z.number(),
  })
  .openapi("ResolvedFlashSale");

const Block = z
  .discriminatedUnion("type", [
    z.object({ id: z.string(), type: z.literal("banner"), slotCode: z.string(), height: z.number(), items: z.array(z.object({ id: z.number(), title: Text, image: z.string(), link: Link })) }),
    z.object({ id: z.string(), type: z.literal("icon_grid"), columns: z.number(), items: z.array(z.object({ icon: z.string(), label: Text, link: Link })) }),
    z.object({
      id: z.string(),
      type: z.literal("product_grid"),
      title: Text,
      source: z.enum(["category", "tag", "manual"]),
      columns: z.union([z.literal(2), z.literal(3)]),
      moreHref: z.string().nullable(),
      products: z.array(Product),
    }),
    z.object({ id: z.string(), type: z.literal("campaign_entry"), title: Text, image: z.string(), campaign: Campaign }),
    z.object({ id: z.string(), type: z.literal("flash_strip"), title: Text, sales: z.array(FlashSale) }),
    z.object({ id: z.string(), type: z.literal("notice"), text: Text, link: Link.nullable() }),
    z.object({ id: z.string(), type: z.literal("rich_text"), html: Text.openapi({ description: "Sanitised HTML per language" }) }),
    z.object({ id: z.string(), type: z.literal("image"), url: z.string(), alt: Text, link: Link.nullable() }),
  ])
  .openapi("ResolvedBlock");

export const ResolvedPageSchema = z
  .object({ path: z.string(), title: Text, version: z.number().nullable(), publishedAt: IsoDate.nullable(), theme: Theme, blocks: z.array(Block) })
  .openapi("ResolvedPage", { description: "A page as members see it now; the TypeScript types are in api/domain/pages/resolved.ts." });

// Compile-time: the documented schema and the exported types describe the same JSON.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _inStep: Same<z.infer<typeof ResolvedPageSchema>, ResolvedPage> = true;
void _inStep;

export const PagePathQuery = z.object({
  path: z.string().max(80).regex(PAGE_PATH, '"/" or "/topics/<slug>"').default("/").openapi({ example: "/" }),
});

export const shopPageRoute = createRoute({
  method: "get",
  path: "/pages",
  tags: ["Shop"],
  summary: "A published page, resolved for members (cached; ETag, gzip)",
  description:
    "The published version of the page at `path` with every block resolved: banner items active now, products on sale now, campaigns with their status and times. Served from memory (rebuilt at most every 30 s, and at once after a publish, rollback, slot or theme change). Send If-None-Match for a 304; Accept-Encoding: gzip for a compressed body.",
  security: [],
  request: { query: PagePathQuery },
  responses: {
    200: json(ResolvedPageSchema),
    304: { description: "Not modified (If-None-Match matched the ETag)" },
    400: { description: "Not a page path", content: { "application/json": { schema: ErrorSchema } } },
    404: { description: "Nothing published at this path", content: { "application/json": { schema: ErrorSchema } } },
  },
});
