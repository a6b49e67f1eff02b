import { Show } from "@refinedev/antd";
import { useCan, useShow, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Table, Tag, Typography } from "antd";
import { EnvironmentOutlined, LockOutlined, UnlockOutlined, UserOutlined } from "@ant-design/icons";
import { Link, useNavigate } from "react-router";
import { carrierLabel } from "../../components/orders/carriers";
import { formatCash, formatPointsValue } from "../../components/orders/money";
import { OrderActions } from "../../components/orders/order-actions";
import { OrderStatusTag } from "../../components/orders/order-status-tag";
import { OrderSteps, OrderTimeline } from "../../components/orders/order-timeline";
import { ProductCell } from "../../components/orders/product-cell";
import type { OrderDetail, Payment } from "../../components/orders/types";
import { formatTime } from "../../providers/preferences";

const PAYMENT_COLORS: Record<Payment["status"], string> = { pending: "gold", succeeded: "green", failed: "red", refunded: "purple" };

export function OrderShow() {
  const t = useTranslate();
  const navigate = useNavigate();
  const { result: order, query } = useShow<OrderDetail>({
    errorNotification: false,
    // Not found (or not yours) will not become found by asking again.
    queryOptions: { retry: (count, e) => (e as HttpError).statusCode !== 404 && count < 1 },
  });
  const error = query.error as HttpError | null;

  if (error) {
    const missing = error.statusCode === 404;
    return (
      <Card data-testid={error.statusCode === 404 ? "order-not-found" : "order-error"}>
        <Result
          status={missing ? "404" : "error"}
          title={missing ? t("orders.notFound.title") : t("orders.loadFailed")}
          subTitle={missing ? t("orders.notFound.text") : error.message}
          extra={
            <Button type="primary" onClick={() => navigate("/orders")}>
              {t("orders.notFound.back")}
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <Show
      isLoading={query.isLoading}
      canEdit={false}
      canDelete={false}
      title={order ? t("orders.titles.showNo", { orderNo: order.orderNo }) : t("orders.titles.show")}
      headerButtons={({ defaultButtons }) => (
        <>
          {order && <OrderActions order={order} size="middle" />}
          {defaultButtons}
        </>
      )}
    >
      {order && (
        <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="order-show" data-status={order.status}>
          <Summary order={order} />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={15}>
              <Space direction="vertical" size={16} style={{ width: "100%" }}>
                <ProductCard order={order} />
                <DeliveryCard order={order} />
                <PaymentsCard order={order} />
              </Space>
            </Col>
            <Col xs={24} lg={9}>
              <Space direction="vertical" size={16} style={{ width: "100%" }}>
                <Card size="small" title={t("orders.timeline.title")}>
                  <OrderTimeline events={order.timeline} />
                </Card>
                <MemberCard order={order} />
              </Space>
            </Col>
          </Row>
        </Space>
      )}
    </Show>
  );
}

function Summary({ order }: { order: OrderDetail }) {
  const t = useTranslate();
  return (
    <Card size="small">
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t("orders.fields.orderNo")}>
            <Typography.Text copyable strong data-testid="order-no">
              {order.orderNo}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("orders.fields.status")}>
            <OrderStatusTag status={order.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t("orders.fields.source")}>{t(`orders.sources.${order.source}`)}</Descriptions.Item>
          <Descriptions.Item label={t("orders.fields.createdAt")}>{formatTime(order.createdAt)}</Descriptions.Item>
          {order.paidAt && <Descriptions.Item label={t("orders.fields.paidAt")}>{formatTime(order.paidAt)}</Descriptions.Item>}
          {order.status === "pending_payment" && order.payBy && <Descriptions.Item label={t("orders.fields.payBy")}>{formatTime(order.payBy)}</Descriptions.Item>}
          {order.shippedAt && <Descriptions.Item label={t("orders.fields.shippedAt")}>{formatTime(order.shippedAt)}</Descriptions.Item>}
          {order.status === "shipped" && order.autoCompleteAt && (
            <Descriptions.Item label={t("orders.fields.autoCompleteAt")}>{formatTime(order.autoCompleteAt)}</Descriptions.Item>
          )}
          {order.completedAt && <Descriptions.Item label={t("orders.fields.completedAt")}>{formatTime(order.completedAt)}</Descriptions.Item>}
          {order.closedAt && <Descriptions.Item label={t("orders.fields.closedAt")}>{formatTime(order.closedAt)}</Descriptions.Item>}
        </Descriptions>
        <OrderSteps order={order} />
        {order.closeReason && (
          <Alert
            type={order.status === "returned" ? "warning" : "info"}
            showIcon
            message={
              order.status === "returned" && order.returnReason
                ? t("orders.returnedBecause", { reason: t(`orders.returnReasons.${order.returnReason}`), note: order.closeReason })
                : t("orders.closedBecause", { reason: order.closeReason })
            }
          />
        )}
      </Space>
    </Card>
  );
}

function ProductCard({ order }: { order: OrderDetail }) {
  const t = useTranslate();
  const p = order.product;
  return (
    <Card size="small" title={t("orders.sections.product")}>
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <ProductCell name={p.name} image={p.image} size={64} extra={<Tag>{t(`orders.types.${p.type}`)}</Tag>} />
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
          <Descriptions.Item label={t("orders.fields.unitPrice")}>
            {t("orders.points", { points: formatPointsValue(p.pointsPrice) })}
            {p.cashPrice > 0 && ` + ${formatCash(p.cashPrice)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t("orders.fields.quantity")}>{order.quantity}</Descriptions.Item>
          <Descriptions.Item label={t("orders.fields.pointsTotal")}>
            <Typography.Text strong>{t("orders.points", { points: formatPointsValue(order.pointsTotal) })}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("orders.fields.cashTotal")}>{order.cashTotal > 0 ? <Typography.Text strong>{formatCash(order.cashTotal)}</Typography.Text> : "—"}</Descriptions.Item>
        </Descriptions>
        {order.refundEntryId && <Alert type="success" showIcon message={t("orders.pointsReturned", { points: formatPointsValue(order.pointsTotal) })} />}
      </Space>
    </Card>
  );
}

/** Shipping for goods, the recipient for a top-up, the code's state for a coupon. */
function DeliveryCard({ order }: { order: OrderDetail }) {
  const t = useTranslate();
  if (order.product.type === "coupon") {
    return (
      <Card size="small" title={t("orders.sections.coupon")}>
        {order.coupon ? (
          <Space data-testid="coupon-state">
            {order.coupon.revealed ? <UnlockOutlined /> : <LockOutlined />}
            {order.coupon.revealed ? t("orders.coupon.revealed", { time: formatTime(order.coupon.revealedAt) }) : t("orders.coupon.notRevealed")}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t("orders.coupon.none")}</Typography.Text>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t("orders.coupon.neverShown")}
        </Typography.Paragraph>
      </Card>
    );
  }
  if (order.product.type === "virtual") {
    return (
      <Card size="small" title={t("orders.sections.recipient")}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t("orders.fields.recipient")}>{order.recipient ?? "—"}</Descriptions.Item>
        </Descriptions>
      </Card>
    );
  }
  const a = order.address;
  return (
    <Card size="small" title={t("orders.sections.shipping")}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t("orders.fields.address")} span={2}>
          {a ? (
            <Space align="start">
              <EnvironmentOutlined style={{ marginTop: 4 }} />
              <span data-testid="order-address">
                {a.name} · {a.phone}
                <br />
                {a.region} {a.detail}
              </span>
            </Space>
          ) : (
            "—"
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("orders.fields.carrier")}>{carrierLabel(t, order.carrier)}</Descriptions.Item>
        <Descriptions.Item label={t("orders.fields.trackingNo")}>
          {order.trackingNo ? (
            <Typography.Text copyable data-testid="order-tracking">
              {order.trackingNo}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{order.status === "awaiting_shipment" ? t("orders.notShippedYet") : "—"}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function PaymentsCard({ order }: { order: OrderDetail }) {
  const t = useTranslate();
  if (order.cashTotal === 0 && order.payments.length === 0) return null;
  return (
    <Card size="small" title={t("orders.sections.payments")}>
      <Table<Payment>
        size="small"
        rowKey="id"
        dataSource={order.payments}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("orders.payments.none")} /> }}
      >
        <Table.Column<Payment> dataIndex="provider" title={t("orders.payments.provider")} />
        <Table.Column<Payment> dataIndex="reference" title={t("orders.payments.reference")} render={(v: string) => <Typography.Text copyable style={{ fontSize: 12 }}>{v}</Typography.Text>} />
        <Table.Column<Payment> dataIndex="amountCents" title={t("orders.payments.amount")} align="right" render={(v: number) => formatCash(v)} />
        <Table.Column<Payment> dataIndex="status" title={t("orders.payments.status")} render={(v: Payment["status"]) => <Tag color={PAYMENT_COLORS[v]}>{t(`orders.payments.statuses.${v}`)}</Tag>} />
        <Table.Column<Payment> dataIndex="callbacks" title={t("orders.payments.callbacks")} align="right" />
        <Table.Column<Payment> key="when" title={t("orders.payments.when")} render={(_, p) => formatTime(p.refundedAt ?? p.paidAt ?? p.createdAt)} />
      </Table>
    </Card>
  );
}

function MemberCard({ order }: { order: OrderDetail }) {
  const t = useTranslate();
  const { data: can } = useCan({ resource: "members", action: "show" });
  const m = order.member;
  const label = m ? `${m.nickname || `#${m.id}`}` : `#${order.memberId}`;
  return (
    <Card size="small" title={t("orders.sections.member")}>
      <Space direction="vertical" size={2}>
        <Space>
          <UserOutlined />
          {can?.can ? (
            <Link to={`/members/show/${order.memberId}`} data-testid="order-member-link">
              {label}
            </Link>
          ) : (
            <Typography.Text>{label}</Typography.Text>
          )}
        </Space>
        {m && (
          <Typography.Text type="secondary" copyable={{ text: m.externalId }}>
            {t("orders.hostId", { id: m.externalId })}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
