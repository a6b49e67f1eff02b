import { useGetIdentity, useTranslate } from "@refinedev/core";
import { Card, Col, Result, Row, Typography } from "antd";
import { LineChartOutlined } from "@ant-design/icons";
import type { Identity } from "../../providers/auth-provider";

/** Holds a short note until the analytics work fills the dashboard. */
export function DashboardPage() {
  const t = useTranslate();
  const { data: me } = useGetIdentity<Identity>();
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t("dashboard.welcome", { name: me?.displayName ?? "" })}
        </Typography.Title>
      </Col>
      <Col span={24}>
        <Card>
          <Result icon={<LineChartOutlined />} title={t("dashboard.comingTitle")} subTitle={t("dashboard.comingText")} />
        </Card>
      </Col>
    </Row>
  );
}
