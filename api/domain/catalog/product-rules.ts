import type { FulfilmentSettings, LocalText, ProductType } from "../../../db/schema";

/** The fields the cross-field rules look at, after a PATCH is merged onto the stored product. */
export interface ProductDraft {
  type: ProductType;
  name: LocalText;
  pointsPrice: number;
  cashPrice: number;
  saleStart: Date | null;
  saleEnd: Date | null;
  fulfilment: FulfilmentSettings | null;
  minTier: string;
}

/**
 * Rules that span fields (single fields are checked by the zod contract). Returns field paths and
 * messages for a 422; empty when the product is fine.
 */
export function productProblems(p: ProductDraft, tierCodes: readonly string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!p.name["zh-CN"].trim() && !p.name["en-US"].trim()) problems["name.zh-CN"] = "A name is required in at least one language";
  if (p.pointsPrice === 0 && p.cashPrice === 0) problems.pointsPrice = "A product needs a points price, a cash price or both";
  if (p.saleStart && p.saleEnd && p.saleEnd.getTime() <= p.saleStart.getTime()) problems.saleEnd = "The sale must end after it starts";
  if (p.type === "virtual") {
    if (!p.fulfilment?.endpoint) problems["fulfilment.endpoint"] = "A virtual product needs the supplier's fulfilment endpoint";
    if (!p.fulfilment?.productCode) problems["fulfilment.productCode"] = "A virtual product needs the supplier's product code";
  }
  if (p.minTier && !tierCodes.includes(p.minTier)) problems.minTier = `Unknown tier; one of ${tierCodes.join(", ")}`;
  return problems;
}
