import { useGetIdentity, useTranslate } from "@refinedev/core";
import { Card, Col, Result, Row, Tabs, Typography } from "antd";
import { LineChartOutlined } from "@ant-design/icons";
import { useSearchParams } from "react-router";
import type { Identity } from "../../providers/auth-provider";
import { SupplierDashboard, SupplierDashboardSection } from "./supplier";

/**
 * Supplier staff see their own supplier's dashboard; everyone else a note until the mall-wide
 * analytics arrive, and the suppliers' dashboards under their own tab (one supplier or all).
 */
export function DashboardPage() {
  const t = useTranslate();
  const { data: me } = useGetIdentity<Identity>();
  const [params, setParams] = useSearchParams();
  const welcome = (
    <Typography.Title level={3} style={{ marginTop: 0 }}>
      {t("dashboard.welcome", { name: me?.displayName ?? "" })}
    </Typography.Title>
  );
  if (!me) return welcome;

  if (me.role === "supplier") {
    return (
      <Row gutter={[16, 16]}>
        <Col span={24}>
          {welcome}
          <Typography.Text type="secondary">{me.supplierName}</Typography.Text>
        </Col>
        <Col span={24}>
          <SupplierDashboard scoped />
        </Col>
      </Row>
    );
  }

  const tab = params.get("tab") === "suppliers" ? "suppliers" : "overview";
  const supplierId = Number(params.get("supplierId")) || undefined;
  const go = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) (v == null ? p.delete(k) : p.set(k, v));
    setParams(p, { replace: true });
  };
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>{welcome}</Col>
      <Col span={24}>
        <Tabs
          activeKey={tab}
          onChange={(k) => go({ tab: k === "overview" ? undefined : k })}
          items={[
            {
              key: "overview",
              label: t("supplierDashboard.overview"),
              children: (
                <Card>
                  <Result icon={<LineChartOutlined />} title={t("dashboard.comingTitle")} subTitle={t("dashboard.comingText")} />
                </Card>
              ),
            },
            {
              key: "suppliers",
              label: <span data-testid="dashboard-tab-suppliers">{t("supplierDashboard.tab")}</span>,
              children: <SupplierDashboardSection supplierId={supplierId} onChange={(id) => go({ supplierId: id == null ? undefined : String(id) })} />,
            },
          ]}
        />
      </Col>
    </Row>
  );
}
