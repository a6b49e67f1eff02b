import { useSelect } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Avatar, Select, Space, Typography } from "antd";
import { PictureOutlined } from "@ant-design/icons";
import { useLocalText } from "../catalog/product-bits";
import type { Product, ProductType } from "../catalog/types";
import { formatPoints } from "../points/points-amount";

interface Props {
  /** Only products of this type (prizes: coupon prizes need coupon products …). */
  type?: ProductType;
  value?: number | null;
  onChange?: (id: number | null) => void;
  /** The chosen product, for filling in a prize's name and value. */
  onProduct?: (p: Product) => void;
  disabled?: boolean;
  id?: string;
  status?: "error" | "warning" | "";
}

/** A searchable product picker over /products, showing each product's picture, price and stock. */
export function ProductSelect({ type, value, onChange, onProduct, disabled, id, status }: Props) {
  const t = useTranslate();
  const text = useLocalText();
  const { selectProps, query } = useSelect<Product>({
    resource: "products",
    optionLabel: (p) => text(p.name),
    optionValue: "id",
    defaultValue: value ?? undefined,
    filters: type ? [{ field: "type", operator: "eq", value: type }] : [],
    onSearch: (q) => [{ field: "q", operator: "eq", value: q || undefined }],
    pagination: { pageSize: 50, mode: "server" },
    errorNotification: false,
  });
  const byId = new Map((query.data?.data ?? []).map((p) => [p.id, p]));
  const { defaultValue: _ignored, ...select } = selectProps;
  return (
    <Select
      {...(select as object)}
      id={id}
      status={status}
      showSearch
      allowClear
      disabled={disabled}
      value={value ?? undefined}
      placeholder={t("campaigns.form.chooseProduct")}
      style={{ width: "100%" }}
      popupMatchSelectWidth={360}
      onChange={(v) => {
        const pid = (v as unknown as number | undefined) ?? null;
        onChange?.(pid);
        const p = pid != null ? byId.get(pid) : undefined;
        if (p) onProduct?.(p);
      }}
      optionRender={(option) => {
        const p = byId.get(option.value as number);
        if (!p) return option.label;
        return (
          <Space size={8}>
            <Avatar shape="square" size={28} src={p.images[0]} icon={<PictureOutlined />} />
            <span>
              {text(p.name)}
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {t("campaigns.form.productMeta", { points: formatPoints(p.pointsPrice), stock: formatPoints(p.stock) })}
              </Typography.Text>
            </span>
          </Space>
        );
      }}
    />
  );
}
