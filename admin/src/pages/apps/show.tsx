import { EditButton, RefreshButton, Show } from "@refinedev/antd";
import { useShow, useTranslate } from "@refinedev/core";
import { Card, Col, Descriptions, Row, Space, Typography } from "antd";
import { Link } from "react-router";
import { AppDeliveries, deliveriesOfApp } from "../../components/integration/app-deliveries";
import { AppStatusBadge, SecretHint } from "../../components/integration/app-status";
import { RotateSecretButton } from "../../components/integration/rotate-secret";
import { SigningGuide } from "../../components/integration/signing-guide";
import type { HostApp } from "../../components/integration/types";
import { formatTime } from "../../providers/preferences";

export function AppShow() {
  const t = useTranslate();
  const { result: app, query } = useShow<HostApp>();
  return (
    <Show
      isLoading={query.isLoading}
      canDelete={false}
      title={app?.name}
      headerButtons={() =>
        app && (
          <Space wrap>
            <RotateSecretButton app={app} />
            <EditButton recordItemId={app.id} />
            <RefreshButton recordItemId={app.id} />
          </Space>
        )
      }
    >
      {app && (
        <Row gutter={[24, 24]}>
          <Col span={24}>
            <Descriptions bordered column={{ xs: 1, md: 2 }} size="small" data-testid="app-facts">
              <Descriptions.Item label={t("apps.fields.key")}>
                <Typography.Text code copyable>
                  {app.key}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t("apps.fields.status")}>
                <AppStatusBadge status={app.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t("apps.fields.secret")}>
                <Space>
                  <SecretHint hint={app.secretHint} />
                  <Typography.Text type="secondary">{t("apps.secretNeverShown")}</Typography.Text>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t("apps.fields.secretRotatedAt")}>{app.secretRotatedAt ? formatTime(app.secretRotatedAt) : t("apps.neverRotated")}</Descriptions.Item>
              <Descriptions.Item label={t("apps.fields.webhookUrl")} span={2}>
                {app.webhookUrl ? <Typography.Text copyable>{app.webhookUrl}</Typography.Text> : <Typography.Text type="secondary">{t("apps.noWebhookLong")}</Typography.Text>}
              </Descriptions.Item>
              <Descriptions.Item label={t("common.createdAt")}>{formatTime(app.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t("common.updatedAt")}>{formatTime(app.updatedAt)}</Descriptions.Item>
            </Descriptions>
          </Col>
          <Col span={24}>
            <Card size="small" title={t("apps.deliveries.title")} extra={<Link to={deliveriesOfApp(app.id)}>{t("apps.deliveries.viewAll")}</Link>}>
              <AppDeliveries appId={app.id} />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title={t("apps.signing.title")}>
              <SigningGuide appKey={app.key} />
            </Card>
          </Col>
        </Row>
      )}
    </Show>
  );
}
