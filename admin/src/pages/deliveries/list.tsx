import { List, useTable } from "@refinedev/antd";
import { useList, useMany, useTranslate, type CrudFilter } from "@refinedev/core";
import { Card, Col, Empty, Row, Statistic, Table, Typography, theme } from "antd";
import { Link } from "react-router";
import { ListToolbar } from "../../components/list-toolbar";
import { useDeliveryColumns } from "../../components/integration/delivery-columns";
import { DELIVERY_STATUSES, type Delivery, type DeliveryStatus, type HostApp } from "../../components/integration/types";

const valueOf = (filters: CrudFilter[], field: string) => filters.find((f) => "field" in f && f.field === field)?.value;

/** How many deliveries are in each status (of the other filters): cards to look at and click. */
function StatusCounts({ filters, onPick }: { filters: CrudFilter[]; onPick: (s: DeliveryStatus | undefined) => void }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const others = filters.filter((f) => "field" in f && f.field !== "status" && f.value !== undefined && f.value !== "");
  const picked = valueOf(filters, "status");
  const colour: Record<DeliveryStatus, string> = { pending: token.colorInfo, delivered: token.colorSuccess, dead: token.colorError };
  const counts = {
    pending: useList({ resource: "deliveries", filters: [...others, { field: "status", operator: "eq", value: "pending" }], pagination: { pageSize: 1 }, errorNotification: false }),
    delivered: useList({ resource: "deliveries", filters: [...others, { field: "status", operator: "eq", value: "delivered" }], pagination: { pageSize: 1 }, errorNotification: false }),
    dead: useList({ resource: "deliveries", filters: [...others, { field: "status", operator: "eq", value: "dead" }], pagination: { pageSize: 1 }, errorNotification: false }),
  };
  return (
    <Row gutter={16} style={{ marginBottom: 16 }} data-testid="delivery-counts">
      {DELIVERY_STATUSES.map((s) => (
        <Col key={s} xs={24} sm={8}>
          <Card
            size="small"
            hoverable
            onClick={() => onPick(picked === s ? undefined : s)}
            style={{ borderColor: picked === s ? colour[s] : undefined, borderWidth: picked === s ? 2 : 1 }}
            aria-pressed={picked === s}
          >
            <Statistic
              title={t(`deliveries.counts.${s}`)}
              value={counts[s].result?.total ?? 0}
              loading={counts[s].query.isLoading}
              valueStyle={{ color: colour[s] }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function DeliveryList() {
  const t = useTranslate();
  const { tableProps, filters, setFilters } = useTable<Delivery>({ syncWithLocation: true, sorters: { initial: [{ field: "id", order: "desc" }] } });
  const { result: apps } = useList<HostApp>({ resource: "apps", pagination: { pageSize: 200 }, errorNotification: false });
  const appIds = [...new Set((tableProps.dataSource ?? []).map((d) => d.appId).filter((id): id is number => id != null))];
  const missing = appIds.filter((id) => !apps?.data?.some((a) => a.id === id));
  const { result: more } = useMany<HostApp>({ resource: "apps", ids: missing, queryOptions: { enabled: missing.length > 0 }, errorNotification: false });
  const appName = (id: number | null) => {
    if (id == null) return "—";
    const app = apps?.data?.find((a) => a.id === id) ?? more?.data?.find((a) => a.id === id);
    return <Link to={`/apps/show/${id}`}>{app?.name ?? `#${id}`}</Link>;
  };
  const columns = useDeliveryColumns({ appName });

  return (
    <List>
      <Typography.Paragraph type="secondary">{t("deliveries.intro")}</Typography.Paragraph>
      <StatusCounts filters={filters} onPick={(s) => setFilters([{ field: "status", operator: "eq", value: s }], "merge")} />
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("deliveries.search")}
        selects={[
          { field: "status", placeholder: t("deliveries.fields.status"), options: DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`deliveries.status.${s}`) })) },
          { field: "appId", placeholder: t("deliveries.fields.app"), width: 220, options: (apps?.data ?? []).map((a) => ({ value: a.id, label: a.name })) },
          { field: "kind", placeholder: t("deliveries.fields.kind"), options: ["webhook", "fulfilment"].map((k) => ({ value: k, label: t(`deliveries.kinds.${k}`) })) },
          { field: "topic", placeholder: t("deliveries.fields.topic"), options: ["points.changed", "order.shipped"].map((k) => ({ value: k, label: k })) },
        ]}
      />
      <Table<Delivery> {...tableProps} rowKey="id" columns={columns} scroll={{ x: true }} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("deliveries.empty")} /> }} />
    </List>
  );
}
