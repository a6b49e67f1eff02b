/** What the catalog API answers (api/routes/products, categories, approvals, import-jobs). */
export type LocalText = { "zh-CN": string; "en-US": string };
export type ProductType = "physical" | "virtual" | "coupon";
export type ProductStatus = "draft" | "pending_review" | "on_sale" | "off_sale" | "rejected";

export const PRODUCT_TYPES: ProductType[] = ["physical", "virtual", "coupon"];
export const PRODUCT_STATUSES: ProductStatus[] = ["draft", "pending_review", "on_sale", "off_sale", "rejected"];

export interface Category {
  id: number;
  parentId: number | null;
  name: LocalText;
  icon: string;
  sortOrder: number;
  status: "active" | "hidden";
  productCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Product {
  id: number;
  supplierId: number;
  supplierName: string;
  categoryId: number | null;
  type: ProductType;
  name: LocalText;
  description: LocalText;
  images: string[];
  tags: string[];
  pointsPrice: number;
  cashPrice: number;
  costCents: number;
  stock: number;
  lowStockThreshold: number;
  perMemberLimit: number;
  minTier: string;
  saleStart: string | null;
  saleEnd: string | null;
  fulfilment: { endpoint: string; productCode: string } | null;
  status: ProductStatus;
  rejectReason: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  submittedAt: string | null;
  sold: number;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
}

export interface ListingChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface Approval extends Product {
  /** Null for a new listing. */
  changes: ListingChange[] | null;
  baselineAt: string | null;
}

export interface ImportJob {
  id: number;
  kind: string;
  targetId: number | null;
  status: "running" | "done" | "failed";
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  errors: { row: number; message: string }[];
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface CodeStats {
  available: number;
  assigned: number;
}
