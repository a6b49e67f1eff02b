import { CreateButton, EditButton, List, ShowButton, useSelect, useTable } from "@refinedev/antd";
import { useGetIdentity, useTranslate, type CrudFilter } from "@refinedev/core";
import { Checkbox, Empty, Space, Table, Tag, TreeSelect, Typography } from "antd";
import { Link } from "react-router";
import { ListToolbar } from "../../components/list-toolbar";
import { PriceText, ProductStatusTag, ProductThumb, ProductTypeTag, StockText, useLocalText } from "../../components/catalog/product-bits";
import { PRODUCT_STATUSES, PRODUCT_TYPES, type Product } from "../../components/catalog/types";
import { useCategories } from "../../components/catalog/use-categories";
import { formatPoints } from "../../components/points/points-amount";
import type { Identity } from "../../providers/auth-provider";
import { formatTime } from "../../providers/preferences";

const valueOf = (filters: CrudFilter[], field: string) => filters.find((f) => "field" in f && f.field === field)?.value;

export function ProductList() {
  const t = useTranslate();
  const text = useLocalText();
  const { data: me } = useGetIdentity<Identity>();
  const isSupplier = me?.role === "supplier";
  const { tree, path } = useCategories();
  const { tableProps, filters, setFilters } = useTable<Product>({ syncWithLocation: true, sorters: { initial: [{ field: "id", order: "desc" }] } });
  const { selectProps: suppliers } = useSelect({ resource: "suppliers", optionLabel: "name", optionValue: "id", pagination: { mode: "off" }, queryOptions: { enabled: !!me && !isSupplier } });
  const set = (field: string, value: unknown) => setFilters([{ field, operator: "eq", value: value ?? undefined }], "merge");

  return (
    <List headerButtons={<CreateButton data-testid="create-product">{t("products.newProduct")}</CreateButton>}>
      {isSupplier && <Typography.Paragraph type="secondary">{t("products.supplierIntro", { supplier: me?.supplierName ?? "" })}</Typography.Paragraph>}
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("products.search")}
        selects={[
          ...(isSupplier ? [] : [{ field: "supplierId", placeholder: t("products.fields.supplier"), options: (suppliers.options ?? []) as { label: string; value: number }[], width: 200 }]),
          { field: "type", placeholder: t("products.fields.type"), options: PRODUCT_TYPES.map((p) => ({ value: p, label: t(`products.types.${p}`) })), width: 130 },
          { field: "status", placeholder: t("products.fields.status"), options: PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`products.status.${s}`) })), width: 140 },
        ]}
        extra={
          <>
            <TreeSelect
              allowClear
              treeDefaultExpandAll
              treeData={tree}
              style={{ width: 180 }}
              placeholder={t("products.fields.category")}
              aria-label={t("products.fields.category")}
              value={valueOf(filters, "categoryId") != null ? Number(valueOf(filters, "categoryId")) : undefined}
              onChange={(v) => set("categoryId", v)}
            />
            <Checkbox checked={String(valueOf(filters, "lowStock")) === "true"} onChange={(e) => set("lowStock", e.target.checked ? "true" : undefined)} data-testid="low-stock-filter">
              {t("products.lowStockOnly")}
            </Checkbox>
          </>
        }
      />
      <Table
        {...tableProps}
        rowKey="id"
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filters.some((f) => "value" in f && f.value != null && f.value !== "") ? t("products.emptyFiltered") : t("products.empty")} /> }}
        data-testid="products-table"
      >
        <Table.Column<Product>
          key="name"
          title={t("products.fields.name")}
          render={(_, p) => (
            <Space align="start">
              <ProductThumb src={p.images[0]} />
              <Space direction="vertical" size={0}>
                <Link to={`/products/show/${p.id}`}>
                  <Typography.Text strong>{text(p.name)}</Typography.Text>
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  #{p.id} · {path(p.categoryId) || t("products.uncategorised")}
                </Typography.Text>
                {p.tags.length > 0 && (
                  <div>
                    {p.tags.map((tag) => (
                      <Tag key={tag} bordered={false} style={{ fontSize: 11, marginTop: 2 }}>
                        {tag}
                      </Tag>
                    ))}
                  </div>
                )}
              </Space>
            </Space>
          )}
        />
        <Table.Column<Product> dataIndex="type" title={t("products.fields.type")} width={110} render={(v) => <ProductTypeTag type={v} />} />
        <Table.Column<Product> dataIndex="pointsPrice" title={t("products.fields.price")} sorter width={170} render={(_, p) => <PriceText points={p.pointsPrice} cash={p.cashPrice} />} />
        <Table.Column<Product> dataIndex="stock" title={t("products.fields.stock")} sorter width={100} align="right" onHeaderCell={() => ({ style: { whiteSpace: "nowrap" } })} render={(_, p) => <StockText product={p} />} />
        <Table.Column<Product> dataIndex="sold" title={t("products.fields.sold")} sorter width={125} align="right" onHeaderCell={() => ({ style: { whiteSpace: "nowrap" } })} render={(v: number) => formatPoints(v)} />
        {!isSupplier && <Table.Column<Product> dataIndex="supplierName" title={t("products.fields.supplier")} width={170} ellipsis />}
        <Table.Column<Product>
          dataIndex="status"
          title={t("products.fields.status")}
          width={140}
          render={(_, p) => (
            <Space direction="vertical" size={0}>
              <ProductStatusTag status={p.status} reason={p.rejectReason} />
              {p.status === "pending_review" && p.submittedAt && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(p.submittedAt)}
                </Typography.Text>
              )}
            </Space>
          )}
        />
        <Table.Column<Product>
          title={t("table.actions")}
          fixed="right"
          width={100}
          render={(_, p) => (
            <Space>
              <ShowButton hideText size="small" recordItemId={p.id} />
              <EditButton hideText size="small" recordItemId={p.id} />
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
