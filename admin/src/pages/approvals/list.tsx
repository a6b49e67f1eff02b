import { List, useSelect, useTable } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Button, Empty, Space, Table, Tag, Tooltip, Typography } from "antd";
import { ArrowRightOutlined, EyeOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { Link } from "react-router";
import { ListToolbar } from "../../components/list-toolbar";
import { ProductActions } from "../../components/catalog/product-actions";
import { formatYuan, PriceText, ProductThumb, ProductTypeTag, useLocalText } from "../../components/catalog/product-bits";
import { PRODUCT_TYPES, type Approval, type ListingChange, type LocalText } from "../../components/catalog/types";
import { useCategories } from "../../components/catalog/use-categories";
import { formatPoints } from "../../components/points/points-amount";
import { formatTime } from "../../providers/preferences";

const SHOWN = 4;

/** One changed field as "label: before → after", each value in a form a reviewer reads at a glance. */
function ChangeLine({ change }: { change: ListingChange }) {
  const t = useTranslate();
  const text = useLocalText();
  const { path } = useCategories();
  const show = (v: unknown): React.ReactNode => {
    if (v == null || v === "") return <Typography.Text type="secondary">—</Typography.Text>;
    switch (change.field) {
      case "pointsPrice":
      case "perMemberLimit":
        return formatPoints(v as number);
      case "cashPrice":
      case "costCents":
        return formatYuan(v as number);
      case "name":
        return text(v as LocalText);
      case "images":
        return t("approvals.imageCount", { count: (v as string[]).length });
      case "tags":
        return (v as string[]).join("、") || "—";
      case "saleStart":
      case "saleEnd":
        return formatTime(v as string);
      case "categoryId":
        return path(v as number) || String(v);
      case "minTier":
        return t(`products.tiers.${v as string}`, v as string);
      case "fulfilment":
        return (v as { productCode: string }).productCode;
      default:
        return t("approvals.edited");
    }
  };
  const rich = change.field === "description";
  return (
    <div data-field={change.field}>
      <Typography.Text type="secondary">{t(`products.fields.${change.field}`)}: </Typography.Text>
      {rich ? (
        <Typography.Text>{t("approvals.edited")}</Typography.Text>
      ) : (
        <>
          <Typography.Text delete type="secondary">
            {show(change.before)}
          </Typography.Text>{" "}
          <ArrowRightOutlined style={{ fontSize: 10 }} /> <Typography.Text strong>{show(change.after)}</Typography.Text>
        </>
      )}
    </div>
  );
}

function ChangeSummary({ item }: { item: Approval }) {
  const t = useTranslate();
  if (item.changes === null)
    return (
      <Tag color="green" data-testid="new-listing">
        {t("approvals.newListing")}
      </Tag>
    );
  if (item.changes.length === 0) return <Tag>{t("approvals.unchanged")}</Tag>;
  const rest = item.changes.slice(SHOWN);
  return (
    <div style={{ fontSize: 13 }} data-testid="changes">
      <Tag color="orange" style={{ marginBottom: 4 }}>
        {t("approvals.changedListing", { count: item.changes.length })}
      </Tag>
      {item.changes.slice(0, SHOWN).map((c) => (
        <ChangeLine key={c.field} change={c} />
      ))}
      {rest.length > 0 && (
        <Tooltip title={rest.map((c) => t(`products.fields.${c.field}`)).join(", ")}>
          <Typography.Text type="secondary">{t("approvals.more", { count: rest.length })}</Typography.Text>
        </Tooltip>
      )}
    </div>
  );
}

/** Listings waiting for an operator: oldest first, with what changed since the version that was live. */
export function ApprovalList() {
  const t = useTranslate();
  const text = useLocalText();
  const { tableProps, filters, setFilters } = useTable<Approval>({ syncWithLocation: true, sorters: { initial: [{ field: "submittedAt", order: "asc" }] } });
  const { selectProps: suppliers } = useSelect({ resource: "suppliers", optionLabel: "name", optionValue: "id", pagination: { mode: "off" } });

  return (
    <List>
      <Typography.Paragraph type="secondary">{t("approvals.intro")}</Typography.Paragraph>
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("products.search")}
        selects={[
          { field: "supplierId", placeholder: t("products.fields.supplier"), options: (suppliers.options ?? []) as { label: string; value: number }[], width: 200 },
          { field: "type", placeholder: t("products.fields.type"), options: PRODUCT_TYPES.map((p) => ({ value: p, label: t(`products.types.${p}`) })), width: 130 },
        ]}
      />
      <Table
        {...tableProps}
        rowKey="id"
        scroll={{ x: 1150 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("approvals.empty")} /> }}
        data-testid="approvals-table"
      >
        <Table.Column<Approval>
          key="product"
          title={t("approvals.product")}
          width={250}
          render={(_, p) => (
            <Space align="start">
              <ProductThumb src={p.images[0]} size={56} />
              <Space direction="vertical" size={2}>
                <Typography.Text strong>{text(p.name)}</Typography.Text>
                <Space size={4}>
                  <ProductTypeTag type={p.type} />
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
                    #{p.id}
                  </Typography.Text>
                </Space>
              </Space>
            </Space>
          )}
        />
        <Table.Column<Approval> dataIndex="supplierName" title={t("products.fields.supplier")} width={150} />
        <Table.Column<Approval> key="price" title={t("products.fields.price")} width={150} render={(_, p) => <PriceText points={p.pointsPrice} cash={p.cashPrice} />} />
        <Table.Column<Approval>
          dataIndex="submittedAt"
          title={t("products.fields.submittedAt")}
          sorter
          width={150}
          render={(v: string | null) => (
            <Tooltip title={formatTime(v)}>
              <Space direction="vertical" size={0}>
                <span>{formatTime(v)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v ? dayjs(v).fromNow() : ""}
                </Typography.Text>
              </Space>
            </Tooltip>
          )}
        />
        <Table.Column<Approval> key="changes" title={t("approvals.whatChanged")} render={(_, p) => <ChangeSummary item={p} />} />
        <Table.Column<Approval>
          title={t("table.actions")}
          fixed="right"
          width={190}
          render={(_, p) => (
            <Space wrap size={4}>
              <Link to={`/products/show/${p.id}`}>
                <Button size="small" icon={<EyeOutlined />}>
                  {t("approvals.view")}
                </Button>
              </Link>
              <ProductActions product={p} size="small" />
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
