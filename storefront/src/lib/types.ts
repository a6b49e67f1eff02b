export type LocalText = Record<string, string>;

export interface ShopProduct {
  id: number;
  type: "physical" | "virtual" | "coupon";
  categoryId: number | null;
  name: LocalText;
  images: string[];
  tags: string[];
  pointsPrice: number;
  cashPrice: number;
  stock: number;
  sold: number;
  perMemberLimit: number;
  minTier: string;
  saleStart: string | null;
  saleEnd: string | null;
  supplierName: string;
  soldOut: boolean;
  description?: LocalText;
}

export interface ProductPage {
  items: ShopProduct[];
  total: number;
  page: number;
  limit: number;
}

export interface CategoryNode {
  id: number;
  name: LocalText;
  icon: string;
  children: CategoryNode[];
}

export interface Address {
  id: number;
  name: string;
  phone: string;
  region: string;
  detail: string;
  isDefault: boolean;
}

export interface OrderEvent {
  id: number;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  note: string;
  createdAt: string;
}

export interface ShopOrder {
  id: number;
  orderNo: string;
  status: string;
  productId: number;
  product: { name: LocalText; image: string; type: ShopProduct["type"]; pointsPrice: number; cashPrice: number };
  quantity: number;
  pointsTotal: number;
  cashTotal: number;
  address: { name: string; phone: string; region: string; detail: string } | null;
  recipient: string | null;
  carrier: string | null;
  trackingNo: string | null;
  payBy: string | null;
  createdAt: string;
  refundEntryId: number | null;
  timeline?: OrderEvent[];
  coupon?: { revealed: boolean } | null;
}
