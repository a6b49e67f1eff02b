import { List, ShowButton, useSelect, useTable } from "@refinedev/antd";
import { useApiUrl, useCan, useCustom, useGetIdentity, useTranslate, type CrudFilter } from "@refinedev/core";
import { Badge, Select, Skeleton, Space, Table, Tabs, Tooltip, Typography } from "antd";
import { Link } from "react-router";
import { ListToolbar } from "../../components/list-toolbar";
import { DateRangeFilter } from "../../components/points/date-range-filter";
import { BulkShipButton } from "../../components/orders/bulk-ship";
import { carrierLabel } from "../../components/orders/carriers";
import { formatCash, formatPointsValue } from "../../components/orders/money";
import { OrderActions } from "../../components/orders/order-actions";
import { OrderStatusTag } from "../../components/orders/order-status-tag";
import { ProductCell, useLocalName } from "../../components/orders/product-cell";
import { ORDER_SOURCES, ORDER_STATUSES, type LocalText, type Order, type OrderStatus } from "../../components/orders/types";
import type { Identity } from "../../providers/auth-provider";
import { formatTime } from "../../providers/preferences";

const valueOf = (filters: CrudFilter[], field: string) => filters.find((f) => "field" in f && f.field === field && f.operator === "eq")?.value as string | number | undefined;
/** The tabs always shown; other statuses appear when some order is in them. */
const ALWAYS: OrderStatus[] = ["awaiting_shipment", "shipped", "completed"];

export function OrderList() {
  const { data: me, isLoading } = useGetIdentity<Identity>();
  // The first filter depends on who is looking (suppliers open on what waits for them), so wait for them.
  if (isLoading || !me)
    return (
      <List>
        <Skeleton active paragraph={{ rows: 8 }} />
      </List>
    );
  return <OrderTable me={me} />;
}

function OrderTable({ me }: { me: Identity }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const name = useLocalName();
  const isSupplier = me.role === "supplier";
  const { data: canMembers } = useCan({ resource: "members", action: "list" });
  const { tableProps, filters, setFilters, tableQuery } = useTable<Order>({
    syncWithLocation: true,
    sorters: { initial: [{ field: "id", order: "desc" }] },
    filters: { initial: isSupplier ? [{ field: "status", operator: "eq", value: "awaiting_shipment" }] : [] },
  });

  const status = valueOf(filters, "status") as OrderStatus | undefined;
  const others = filters.filter((f) => !("field" in f) || f.field !== "status");
  const counts = useCustom<Record<string, number>>({
    url: `${apiUrl}/orders/status-counts`,
    method: "get",
    config: { filters: others },
    queryOptions: { queryKey: ["orders", "status-counts", JSON.stringify(others)] },
    errorNotification: false,
  });
  const byStatus = counts.result?.data ?? {};
  const total = Object.values(byStatus).reduce((s, n) => s + n, 0);
  const refresh = () => {
    void counts.query.refetch();
    void tableQuery.refetch();
  };

  const order: OrderStatus[] = [...ALWAYS, ...ORDER_STATUSES.filter((s) => !ALWAYS.includes(s))];
  const shown = order.filter((s) => ALWAYS.includes(s) || (byStatus[s] ?? 0) > 0 || s === status);
  const tab = (key: string, label: string, n: number | undefined) => ({
    key,
    label: (
      <Space size={6} data-testid={`tab-${key}`}>
        {label}
        <Badge count={n ?? 0} showZero overflowCount={99999} color={key === "awaiting_shipment" && n ? "orange" : "#bfbfbf"} />
      </Space>
    ),
  });
  const tabs = [
    ...(isSupplier ? [] : [tab("all", t("orders.tabs.all"), total)]),
    ...shown.map((s) => tab(s, t(`orders.status.${s}`), byStatus[s])),
    ...(isSupplier ? [tab("all", t("orders.tabs.all"), total)] : []),
  ];

  const suppliers = useSelect<{ id: number; name: string }>({
    resource: "suppliers",
    optionLabel: "name",
    optionValue: "id",
    pagination: { pageSize: 100, mode: "server" },
    queryOptions: { enabled: !isSupplier },
    errorNotification: false,
  });
  const supplierId = valueOf(filters, "supplierId");
  const products = useSelect<{ id: number; name: LocalText }>({
    resource: "products",
    optionLabel: (p) => name(p.name),
    optionValue: "id",
    defaultValue: valueOf(filters, "productId") as number | undefined,
    filters: supplierId ? [{ field: "supplierId", operator: "eq", value: supplierId }] : [],
    onSearch: (q) => [{ field: "q", operator: "eq", value: q || undefined }],
    pagination: { pageSize: 50, mode: "server" },
    errorNotification: false,
  });

  const setFilter = (field: string, value: unknown) => setFilters([{ field, operator: "eq", value: value ?? undefined }], "merge");

  return (
    <List headerButtons={<BulkShipButton onFinished={refresh} />}>
      <Tabs
        activeKey={status ?? "all"}
        onChange={(k) => setFilter("status", k === "all" ? undefined : k)}
        items={tabs}
        style={{ marginTop: -8 }}
        data-testid="status-tabs"
      />
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("orders.search")}
        selects={[{ field: "source", placeholder: t("orders.fields.source"), options: ORDER_SOURCES.map((s) => ({ value: s, label: t(`orders.sources.${s}`) })), width: 130 }]}
        extra={
          <Space wrap>
            {!isSupplier && (
              <Select<number>
                options={suppliers.selectProps.options as { label: string; value: number }[]}
                loading={suppliers.selectProps.loading}
                allowClear
                aria-label={t("orders.fields.supplier")}
                placeholder={t("orders.fields.supplier")}
                style={{ width: 200 }}
                value={supplierId == null ? undefined : Number(supplierId)}
                onChange={(v) => setFilter("supplierId", v)}
                data-testid="filter-supplier"
              />
            )}
            <Select<number>
              options={products.selectProps.options as { label: string; value: number }[]}
              loading={products.selectProps.loading}
              onSearch={products.selectProps.onSearch}
              showSearch
              filterOption={false}
              allowClear
              aria-label={t("orders.fields.product")}
              placeholder={t("orders.fields.product")}
              style={{ width: 220 }}
              value={valueOf(filters, "productId") == null ? undefined : Number(valueOf(filters, "productId"))}
              onChange={(v) => setFilter("productId", v)}
              data-testid="filter-product"
            />
            <DateRangeFilter field="createdAt" label={t("orders.fields.createdAt")} filters={filters} setFilters={setFilters} />
          </Space>
        }
      />
      <Table<Order>
        {...tableProps}
        rowKey="id"
        scroll={{ x: 1140 }}
        size="middle"
        locale={{ emptyText: status === "awaiting_shipment" ? t("orders.emptyAwaiting") : t("orders.empty") }}
        data-testid="orders-table"
      >
        <Table.Column<Order>
          dataIndex="createdAt"
          title={t("orders.fields.orderNoTime")}
          sorter
          fixed="left"
          width={190}
          render={(v: string, o) => (
            <Space direction="vertical" size={0}>
              <Link to={`/orders/show/${o.id}`} data-testid={`order-link-${o.id}`} style={{ fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", fontSize: 13, whiteSpace: "nowrap" }}>
                {o.orderNo}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
                {formatTime(v)}
              </Typography.Text>
            </Space>
          )}
        />
        <Table.Column<Order>
          key="product"
          title={t("orders.fields.product")}
          width={220}
          render={(_, o) => <ProductCell name={o.product.name} image={o.product.image} size={36} maxWidth={170} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`orders.types.${o.product.type}`)}</Typography.Text>} />}
        />
        <Table.Column<Order> dataIndex="quantity" title={t("orders.fields.quantity")} align="right" width={56} />
        <Table.Column<Order>
          dataIndex="pointsTotal"
          title={t("orders.fields.price")}
          width={130}
          align="right"
          sorter
          render={(v: number, o) => (
            <Space direction="vertical" size={0} style={{ whiteSpace: "nowrap" }}>
              <Typography.Text strong style={{ fontVariantNumeric: "tabular-nums" }}>
                {t("orders.points", { points: formatPointsValue(v) })}
              </Typography.Text>
              {o.cashTotal > 0 && <Typography.Text type="secondary">+ {formatCash(o.cashTotal)}</Typography.Text>}
            </Space>
          )}
        />
        <Table.Column<Order>
          key="member"
          title={t("orders.fields.member")}
          width={100}
          render={(_, o) => {
            const label = (
              <Space direction="vertical" size={0}>
                <span>{o.member?.nickname || `#${o.memberId}`}</span>
                {o.member && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{o.member.externalId}</Typography.Text>}
              </Space>
            );
            return canMembers?.can ? <Link to={`/members/show/${o.memberId}`}>{label}</Link> : label;
          }}
        />
        <Table.Column<Order> dataIndex="status" title={t("orders.fields.status")} width={130} render={(v: OrderStatus) => <OrderStatusTag status={v} />} />
        <Table.Column<Order>
          key="shipping"
          title={t("orders.fields.tracking")}
          width={150}
          render={(_, o) =>
            o.trackingNo ? (
              <Space direction="vertical" size={0}>
                <span>{carrierLabel(t, o.carrier)}</span>
                <Typography.Text copyable style={{ fontSize: 12, whiteSpace: "nowrap" }}>
                  {o.trackingNo}
                </Typography.Text>
              </Space>
            ) : o.status === "awaiting_shipment" && o.paidAt ? (
              <Tooltip title={t("orders.paidAt", { time: formatTime(o.paidAt) })}>
                <Typography.Text type={Date.now() - Date.parse(o.paidAt) > 48 * 3_600_000 ? "danger" : "secondary"}>{t("orders.waitingSince", { hours: Math.floor((Date.now() - Date.parse(o.paidAt)) / 3_600_000) })}</Typography.Text>
              </Tooltip>
            ) : (
              "—"
            )
          }
        />
        <Table.Column<Order>
          key="actions"
          title={t("table.actions")}
          fixed="right"
          width={190}
          render={(_, o) => (
            <Space size={4}>
              <OrderActions order={o} wrap={false} onDone={() => void counts.query.refetch()} />
              <ShowButton hideText size="small" recordItemId={o.id} />
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
