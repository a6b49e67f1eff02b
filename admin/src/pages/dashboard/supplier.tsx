import { lazy, Suspense } from "react";
import { useApiUrl, useCan, useCustom, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, Card, Col, Empty, Row, Select, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography, theme } from "antd";
import { ClockCircleOutlined, EditOutlined, ExclamationCircleOutlined, RocketOutlined, RollbackOutlined, WarningOutlined } from "@ant-design/icons";
import { useSelect } from "@refinedev/antd";
import { Link } from "react-router";
import { ProductCell } from "../../components/orders/product-cell";
import type { LocalText } from "../../components/orders/types";
import { formatTime } from "../../providers/preferences";

const RedemptionsChart = lazy(() => import("../../components/orders/redemptions-chart"));

export interface SupplierDashboardData {
  supplier: { id: number; name: string } | null;
  windowDays: number;
  from: string;
  to: string;
  days: { day: string; redemptions: number; units: number; points: number }[];
  awaitingShipment: { count: number; oldestPaidAt: string | null; oldestAgeHours: number | null; overdue: number };
  onTime: { due: number; onTime: number; rate: number | null };
  returns: { shipped: number; returned: number; defects: number; returnRate: number | null; defectRate: number | null };
  lowStock: { id: number; name: LocalText; image: string; stock: number; lowStockThreshold: number; status: string; sold: number }[];
  rejected: { id: number; name: LocalText; image: string; rejectReason: string | null; reviewedBy: string | null; reviewedAt: string | null }[];
}

const percent = (rate: number | null) => (rate == null ? null : Math.round(rate * 1000) / 10);

/** The orders list filtered to what waits for shipment (and to one supplier, for operators). */
function awaitingLink(supplierId: number | null | undefined) {
  const q = new URLSearchParams({ "filters[0][field]": "status", "filters[0][operator]": "eq", "filters[0][value]": "awaiting_shipment" });
  if (supplierId != null) {
    q.set("filters[1][field]", "supplierId");
    q.set("filters[1][operator]", "eq");
    q.set("filters[1][value]", String(supplierId));
  }
  return `/orders?${q}`;
}

/**
 * A supplier's dashboard: redemptions and points by day, what waits for shipment, how fast and how
 * well they ship, and the listings that need them (low stock, rejected). Supplier staff get their own;
 * `supplierId` picks one for operators (undefined: all suppliers together).
 */
export function SupplierDashboard({ supplierId, scoped = false }: { supplierId?: number; scoped?: boolean }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { token } = theme.useToken();
  const { result, query } = useCustom<SupplierDashboardData>({
    url: `${apiUrl}/dashboard/supplier`,
    method: "get",
    config: { query: supplierId ? { supplierId } : undefined },
    queryOptions: { queryKey: ["dashboard", "supplier", supplierId ?? "all"] },
    errorNotification: false,
  });
  const d = query.isSuccess ? result?.data : undefined;

  if (query.isError) return <Alert type="error" showIcon message={t("supplierDashboard.loadFailed")} description={(query.error as HttpError)?.message} />;
  if (!d) return <Skeleton active paragraph={{ rows: 8 }} />;

  const danger = token.colorError;
  const rateColor = (rate: number | null, good: (r: number) => boolean) => (rate == null ? undefined : good(rate) ? token.colorSuccess : danger);
  const totalRedemptions = d.days.reduce((s, x) => s + x.redemptions, 0);

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="supplier-dashboard">
      <Typography.Text type="secondary">
        {!scoped && d.supplier ? `${d.supplier.name} · ` : ""}
        {t("supplierDashboard.window", { days: d.windowDays, from: d.from, to: d.to })}
      </Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} xl={6}>
          <Card size="small" style={{ height: "100%" }}>
            <Statistic
              title={
                <Space>
                  <RocketOutlined />
                  {t("supplierDashboard.awaiting")}
                </Space>
              }
              value={d.awaitingShipment.count}
              formatter={(v) => <span data-testid="stat-awaiting">{v}</span>}
              valueStyle={d.awaitingShipment.overdue > 0 ? { color: danger } : undefined}
            />
            <Space direction="vertical" size={0}>
              {d.awaitingShipment.count === 0 ? (
                <Typography.Text type="secondary">{t("supplierDashboard.noneWaiting")}</Typography.Text>
              ) : (
                <>
                  <Typography.Text type="secondary">
                    <ClockCircleOutlined /> {t("supplierDashboard.oldest", { hours: d.awaitingShipment.oldestAgeHours ?? 0 })}
                  </Typography.Text>
                  {d.awaitingShipment.overdue > 0 && (
                    <Typography.Text type="danger">
                      <ExclamationCircleOutlined /> {t("supplierDashboard.overdue", { count: d.awaitingShipment.overdue })}
                    </Typography.Text>
                  )}
                  <Link to={awaitingLink(scoped ? null : d.supplier?.id)}>{t("supplierDashboard.viewOrders")}</Link>
                </>
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <RateCard
            testId="stat-on-time"
            title={t("supplierDashboard.onTime")}
            icon={<ClockCircleOutlined />}
            value={percent(d.onTime.rate)}
            color={rateColor(d.onTime.rate, (r) => r >= 0.9)}
            note={d.onTime.due ? t("supplierDashboard.onTimeOf", { onTime: d.onTime.onTime, due: d.onTime.due }) : t("supplierDashboard.noData")}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <RateCard
            testId="stat-return-rate"
            title={t("supplierDashboard.returnRate")}
            icon={<RollbackOutlined />}
            value={percent(d.returns.returnRate)}
            color={rateColor(d.returns.returnRate, (r) => r <= 0.05)}
            note={d.returns.shipped ? t("supplierDashboard.ofShipped", { count: d.returns.returned, shipped: d.returns.shipped }) : t("supplierDashboard.noData")}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <RateCard
            testId="stat-defect-rate"
            title={t("supplierDashboard.defectRate")}
            icon={<WarningOutlined />}
            value={percent(d.returns.defectRate)}
            color={rateColor(d.returns.defectRate, (r) => r <= 0.02)}
            note={d.returns.shipped ? t("supplierDashboard.ofShipped", { count: d.returns.defects, shipped: d.returns.shipped }) : t("supplierDashboard.noData")}
          />
        </Col>
      </Row>
      <Card size="small" title={t("supplierDashboard.trend")}>
        {totalRedemptions === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("supplierDashboard.noRedemptions")} />
        ) : (
          <Suspense fallback={<Skeleton active paragraph={{ rows: 5 }} />}>
            <div data-testid="redemptions-chart">
              <RedemptionsChart days={d.days} />
            </div>
          </Suspense>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <LowStockTable rows={d.lowStock} />
        </Col>
        <Col xs={24} xl={12}>
          <RejectedTable rows={d.rejected} />
        </Col>
      </Row>
    </Space>
  );
}

function RateCard({ title, icon, value, color, note, testId }: { title: string; icon: React.ReactNode; value: number | null; color?: string; note: string; testId: string }) {
  return (
    <Card size="small" style={{ height: "100%" }}>
      <Statistic
        title={
          <Space>
            {icon}
            {title}
          </Space>
        }
        value={value ?? "—"}
        precision={value == null ? undefined : 1}
        suffix={value == null ? undefined : "%"}
        valueStyle={color ? { color } : undefined}
        formatter={value == null ? () => <span data-testid={testId}>—</span> : (v) => <span data-testid={testId}>{Number(v).toFixed(1)}</span>}
      />
      <Typography.Text type="secondary">{note}</Typography.Text>
    </Card>
  );
}

function LowStockTable({ rows }: { rows: SupplierDashboardData["lowStock"] }) {
  const t = useTranslate();
  return (
    <Card size="small" title={t("supplierDashboard.lowStock")} style={{ height: "100%" }}>
      <Table
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={rows.length > 6 ? { pageSize: 6, size: "small" } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("supplierDashboard.lowStockEmpty")} /> }}
        data-testid="low-stock"
        columns={[
          { key: "product", title: t("orders.fields.product"), render: (_, p) => <ProductCell name={p.name} image={p.image} size={32} /> },
          {
            dataIndex: "stock",
            title: t("supplierDashboard.stock"),
            align: "right",
            render: (v: number) => (
              <Typography.Text type="danger" strong>
                {v}
              </Typography.Text>
            ),
          },
          { dataIndex: "lowStockThreshold", title: t("supplierDashboard.threshold"), align: "right" },
          { dataIndex: "sold", title: t("supplierDashboard.sold"), align: "right" },
          { dataIndex: "status", title: t("orders.fields.status"), render: (v: string) => <Tag color={v === "on_sale" ? "green" : "default"}>{t(`supplierDashboard.productStatus.${v}`, v)}</Tag> },
        ]}
      />
    </Card>
  );
}

function RejectedTable({ rows }: { rows: SupplierDashboardData["rejected"] }) {
  const t = useTranslate();
  const { data: canEdit } = useCan({ resource: "products", action: "edit" });
  return (
    <Card size="small" title={t("supplierDashboard.rejected")} style={{ height: "100%" }}>
      <Table
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={rows.length > 5 ? { pageSize: 5, size: "small" } : false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("supplierDashboard.rejectedEmpty")} /> }}
        data-testid="rejected-listings"
        columns={[
          { key: "product", title: t("orders.fields.product"), render: (_, p) => <ProductCell name={p.name} image={p.image} size={32} /> },
          {
            dataIndex: "rejectReason",
            title: t("supplierDashboard.reason"),
            render: (v: string | null, p) => (
              <Tooltip title={p.reviewedAt ? `${t("supplierDashboard.reviewedAt")}: ${formatTime(p.reviewedAt)}` : undefined}>
                <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: "…" }} style={{ marginBottom: 0, maxWidth: 320 }}>
                  {v ?? "—"}
                </Typography.Paragraph>
              </Tooltip>
            ),
          },
          {
            key: "edit",
            title: t("table.actions"),
            render: (_, p) =>
              canEdit?.can ? (
                <Link to={`/products/edit/${p.id}`} data-testid={`edit-rejected-${p.id}`}>
                  <EditOutlined /> {t("supplierDashboard.edit")}
                </Link>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

/** Operators pick a supplier (or all of them) and see the same dashboard. */
export function SupplierDashboardSection({ supplierId, onChange }: { supplierId?: number; onChange: (id: number | undefined) => void }) {
  const t = useTranslate();
  const { selectProps } = useSelect<{ id: number; name: string }>({ resource: "suppliers", optionLabel: "name", optionValue: "id", pagination: { pageSize: 100, mode: "server" } });
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Space>
        <Typography.Text>{t("supplierDashboard.pickSupplier")}</Typography.Text>
        <Select<number>
          options={selectProps.options as { label: string; value: number }[]}
          loading={selectProps.loading}
          allowClear
          style={{ width: 260 }}
          placeholder={t("supplierDashboard.allSuppliers")}
          value={supplierId}
          onChange={(v) => onChange(v == null ? undefined : Number(v))}
          data-testid="dashboard-supplier"
          aria-label={t("supplierDashboard.pickSupplier")}
        />
      </Space>
      <SupplierDashboard key={supplierId ?? "all"} supplierId={supplierId} />
    </Space>
  );
}
