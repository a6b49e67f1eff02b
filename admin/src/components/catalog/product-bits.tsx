import { useCallback } from "react";
import { useTranslate } from "@refinedev/core";
import { Avatar, Badge, Space, Tag, Tooltip, Typography, theme } from "antd";
import { CreditCardOutlined, GiftOutlined, InboxOutlined, PictureOutlined, ThunderboltOutlined, WarningFilled } from "@ant-design/icons";
import { usePreferences } from "../../providers/preferences";
import { formatPoints } from "../points/points-amount";
import type { LocalText, Product, ProductStatus, ProductType } from "./types";

/** The text in the console's language, or the other language when that one is empty. */
export function useLocalText() {
  const { locale } = usePreferences();
  return useCallback(
    (v: LocalText | null | undefined) => {
      if (!v) return "";
      const other = locale === "zh-CN" ? "en-US" : "zh-CN";
      return v[locale] || v[other] || "";
    },
    [locale],
  );
}

/** ¥12.90 from cents. */
export const formatYuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

const TYPE_COLOR: Record<ProductType, string> = { physical: "blue", virtual: "purple", coupon: "gold" };
const TYPE_ICON: Record<ProductType, React.ReactNode> = { physical: <InboxOutlined />, virtual: <ThunderboltOutlined />, coupon: <GiftOutlined /> };

export function ProductTypeTag({ type }: { type: ProductType }) {
  const t = useTranslate();
  return (
    <Tag color={TYPE_COLOR[type]} icon={TYPE_ICON[type]} bordered={false} data-type={type}>
      {t(`products.types.${type}`)}
    </Tag>
  );
}

const STATUS_BADGE: Record<ProductStatus, "default" | "processing" | "success" | "warning" | "error"> = {
  draft: "default",
  pending_review: "processing",
  on_sale: "success",
  off_sale: "warning",
  rejected: "error",
};

export function ProductStatusTag({ status, reason }: { status: ProductStatus; reason?: string | null }) {
  const t = useTranslate();
  const badge = <Badge status={STATUS_BADGE[status]} text={t(`products.status.${status}`)} data-status={status} />;
  return status === "rejected" && reason ? <Tooltip title={reason}>{badge}</Tooltip> : badge;
}

/** 12,800 points (+ ¥19.90). */
export function PriceText({ points, cash }: { points: number; cash: number }) {
  const t = useTranslate();
  return (
    <Space size={4} wrap style={{ fontVariantNumeric: "tabular-nums" }}>
      <Typography.Text strong>{formatPoints(points)}</Typography.Text>
      <Typography.Text type="secondary">{t("products.pointsUnit")}</Typography.Text>
      {cash > 0 && (
        <Typography.Text type="secondary">
          <CreditCardOutlined /> + {formatYuan(cash)}
        </Typography.Text>
      )}
    </Space>
  );
}

/** Stock, red with a warning at or under the low-stock threshold. */
export function StockText({ product }: { product: Pick<Product, "stock" | "lowStockThreshold"> }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const low = product.stock <= product.lowStockThreshold;
  const text = (
    <Typography.Text style={{ color: low ? token.colorError : undefined, fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }} strong={low} data-low-stock={low}>
      {low && <WarningFilled style={{ marginInlineEnd: 4 }} />}
      {formatPoints(product.stock)}
    </Typography.Text>
  );
  return low ? <Tooltip title={t("products.lowStockHint", { threshold: product.lowStockThreshold })}>{text}</Tooltip> : text;
}

export function ProductThumb({ src, size = 48 }: { src?: string; size?: number }) {
  return <Avatar shape="square" size={size} src={src} icon={<PictureOutlined />} style={{ flex: "none" }} />;
}
