import { useList, useTranslate } from "@refinedev/core";
import { Button, Empty, Table } from "antd";
import { Link } from "react-router";
import { useDeliveryColumns } from "./delivery-columns";
import type { Delivery } from "./types";

/** The link to the deliveries list filtered to one app (Refine's filter format in the URL). */
export const deliveriesOfApp = (appId: number) => `/deliveries?filters[0][field]=appId&filters[0][operator]=eq&filters[0][value]=${appId}`;

/** An app's ten latest webhook deliveries, with their status and a retry button. */
export function AppDeliveries({ appId }: { appId: number }) {
  const t = useTranslate();
  const columns = useDeliveryColumns();
  const { result, query } = useList<Delivery>({
    resource: "deliveries",
    filters: [{ field: "appId", operator: "eq", value: appId }],
    sorters: [{ field: "id", order: "desc" }],
    pagination: { pageSize: 10 },
  });
  return (
    <>
      <Table<Delivery>
        data-testid="app-deliveries"
        rowKey="id"
        size="small"
        loading={query.isLoading}
        dataSource={result?.data ?? []}
        columns={columns.filter((c) => c.key !== "next").map((c) => ({ ...c, sorter: false }))}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("apps.deliveries.empty")} /> }}
      />
      {(result?.total ?? 0) > 10 && (
        <Link to={deliveriesOfApp(appId)}>
          <Button type="link">{t("apps.deliveries.all", { count: result?.total })}</Button>
        </Link>
      )}
    </>
  );
}
