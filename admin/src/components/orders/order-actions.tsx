import { useState } from "react";
import { useApiUrl, useCan, useCustomMutation, useInvalidate, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, App, Button, Descriptions, Form, Input, Modal, Radio, Select, Space, Typography, type ButtonProps } from "antd";
import { CarOutlined, RollbackOutlined, StopOutlined } from "@ant-design/icons";
import { CARRIERS, TRACKING_NO } from "./carriers";
import { formatCash, formatPointsValue } from "./money";
import { useLocalName } from "./product-cell";
import { canCancel, canReturn, canShip, type Order, type OrderDetail } from "./types";

type Size = "small" | "middle";
/** A test id on a modal's OK button (ButtonProps has no index signature for data-* in object form). */
const okTestId = (id: string, extra: ButtonProps = {}) => ({ ...extra, "data-testid": id }) as ButtonProps;
interface ActionProps {
  order: Order;
  size?: Size;
  /** After the API accepted the change (the order's queries are refreshed already). */
  onDone?: (next: OrderDetail) => void;
}

/**
 * The actions a role may take on an order in its current status: Ship, Cancel, Return. An action the
 * state machine or the role's policy does not allow is simply not offered.
 */
export function OrderActions({ order, size = "small", onDone, wrap = true }: ActionProps & { wrap?: boolean }) {
  return (
    <Space size={4} wrap={wrap}>
      <ShipButton order={order} size={size} onDone={onDone} />
      <ReturnButton order={order} size={size} onDone={onDone} />
      <CancelButton order={order} size={size} onDone={onDone} />
    </Space>
  );
}

/** Posts an order action; API errors come back as the API's message (and field errors). */
function useOrderAction(order: Order, verb: "ship" | "cancel" | "return", onDone?: (next: OrderDetail) => void) {
  const apiUrl = useApiUrl();
  const invalidate = useInvalidate();
  const { mutateAsync, mutation } = useCustomMutation<OrderDetail>();
  const [error, setError] = useState<HttpError | null>(null);
  const send = async (values: Record<string, unknown>) => {
    setError(null);
    try {
      const res = await mutateAsync({ url: `${apiUrl}/orders/${order.id}/${verb}`, method: "post", values, successNotification: false, errorNotification: false });
      await invalidate({ resource: "orders", id: order.id, invalidates: ["list", "detail"] });
      onDone?.(res.data);
      return res.data;
    } catch (e) {
      setError(e as HttpError);
      throw e;
    }
  };
  return { send, error, pending: mutation.isPending, clearError: () => setError(null) };
}

function fieldErrors(error: HttpError | null): { name: string; errors: string[] }[] {
  if (!error?.errors) return [];
  return Object.entries(error.errors).map(([name, msgs]) => ({ name, errors: Array.isArray(msgs) ? msgs.map(String) : [String(msgs)] }));
}

// ---------------------------------------------------------------------------------------------
// Ship

interface ShipValues {
  carrier: string;
  carrierOther?: string;
  trackingNo: string;
}

export function ShipButton({ order, size, onDone }: ActionProps) {
  const t = useTranslate();
  const { data: can } = useCan({ resource: "orders", action: "ship" });
  const [open, setOpen] = useState(false);
  if (!can?.can || !canShip(order)) return null;
  return (
    <>
      <Button type="primary" size={size} icon={<CarOutlined />} onClick={() => setOpen(true)} data-testid={`ship-${order.id}`}>
        {t("orders.actions.ship")}
      </Button>
      {open && <ShipModal order={order} onClose={() => setOpen(false)} onDone={onDone} />}
    </>
  );
}

function ShipModal({ order, onClose, onDone }: { order: Order; onClose: () => void; onDone?: ActionProps["onDone"] }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const name = useLocalName();
  const [form] = Form.useForm<ShipValues>();
  const carrier = Form.useWatch("carrier", form);
  const { send, error, pending } = useOrderAction(order, "ship", onDone);

  const submit = async () => {
    const v = await form.validateFields();
    const body = { carrier: v.carrier === "other" ? (v.carrierOther ?? "").trim() : v.carrier, trackingNo: v.trackingNo.trim() };
    try {
      await send(body);
      void message.success(t("orders.ship.done", { orderNo: order.orderNo }));
      onClose();
    } catch (e) {
      const fields = fieldErrors(e as HttpError).map((f) => ({ ...f, name: f.name === "carrier" && v.carrier === "other" ? "carrierOther" : f.name }));
      if (fields.length) form.setFields(fields as never);
    }
  };

  return (
    <Modal
      open
      title={t("orders.ship.title", { orderNo: order.orderNo })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("orders.ship.submit")}
      cancelText={t("buttons.cancel")}
      confirmLoading={pending}
      destroyOnHidden
      okButtonProps={okTestId("ship-submit")}
    >
      <Space direction="vertical" style={{ width: "100%" }} size="middle">
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t("orders.fields.product")}>
            {name(order.product.name)} × {order.quantity}
          </Descriptions.Item>
          {order.address && (
            <Descriptions.Item label={t("orders.fields.address")}>
              {order.address.name} {order.address.phone} · {order.address.region} {order.address.detail}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Form form={form} layout="vertical" initialValues={{ carrier: "SF" }} requiredMark="optional">
          <Form.Item name="carrier" label={t("orders.fields.carrier")} rules={[{ required: true, message: t("orders.ship.carrierRequired") }]}>
            <Select
              data-testid="ship-carrier"
              options={[...CARRIERS.map((c) => ({ value: c, label: t(`orders.carriers.${c}`) })), { value: "other", label: t("orders.carriers.other") }]}
            />
          </Form.Item>
          {carrier === "other" && (
            <Form.Item name="carrierOther" label={t("orders.ship.carrierName")} rules={[{ required: true, whitespace: true, message: t("orders.ship.carrierRequired") }, { max: 32 }]}>
              <Input data-testid="ship-carrier-other" maxLength={32} />
            </Form.Item>
          )}
          <Form.Item
            name="trackingNo"
            label={t("orders.fields.trackingNo")}
            extra={t("orders.ship.trackingHint")}
            rules={[
              { required: true, whitespace: true, message: t("orders.ship.trackingRequired") },
              { pattern: TRACKING_NO, message: t("orders.ship.trackingRule") },
            ]}
          >
            <Input data-testid="ship-tracking" autoFocus maxLength={40} autoComplete="off" />
          </Form.Item>
        </Form>
        {error && !error.errors && <Alert type="error" showIcon message={error.message} data-testid="action-error" />}
      </Space>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------
// Cancel (and refund)

export function CancelButton({ order, size, onDone }: ActionProps) {
  const t = useTranslate();
  const { data: can } = useCan({ resource: "orders", action: "cancel" });
  const [open, setOpen] = useState(false);
  if (!can?.can || !canCancel(order)) return null;
  return (
    <>
      <Button danger size={size} icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid={`cancel-${order.id}`}>
        {t("orders.actions.cancel")}
      </Button>
      {open && <CancelModal order={order} onClose={() => setOpen(false)} onDone={onDone} />}
    </>
  );
}

function CancelModal({ order, onClose, onDone }: { order: Order; onClose: () => void; onDone?: ActionProps["onDone"] }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { send, error, pending } = useOrderAction(order, "cancel", onDone);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await send({ reason: v.reason.trim() });
      void message.success(t("orders.cancel.done", { orderNo: order.orderNo }));
      onClose();
    } catch (e) {
      const fields = fieldErrors(e as HttpError);
      if (fields.length) form.setFields(fields as never);
    }
  };
  return (
    <Modal
      open
      title={t("orders.cancel.title", { orderNo: order.orderNo })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("orders.cancel.submit")}
      cancelText={t("orders.cancel.keep")}
      okButtonProps={okTestId("cancel-submit", { danger: true })}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: "100%" }} size="middle">
        <Alert
          type="warning"
          showIcon
          message={t("orders.cancel.warning")}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {order.pointsTotal > 0 && <li>{t("orders.cancel.pointsBack", { points: formatPointsValue(order.pointsTotal) })}</li>}
              {order.cashTotal > 0 && order.status !== "pending_payment" && <li>{t("orders.cancel.cashBack", { cash: formatCash(order.cashTotal) })}</li>}
              <li>{t("orders.cancel.stockBack", { quantity: order.quantity })}</li>
            </ul>
          }
        />
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t("orders.fields.reason")}
            rules={[
              { required: true, whitespace: true, message: t("orders.cancel.reasonRequired") },
              { min: 2, message: t("orders.cancel.reasonRequired") },
              { max: 200 },
            ]}
          >
            <Input.TextArea data-testid="cancel-reason" rows={3} maxLength={200} showCount placeholder={t("orders.cancel.reasonPlaceholder")} autoFocus />
          </Form.Item>
        </Form>
        {error && !error.errors && <Alert type="error" showIcon message={error.message} data-testid="action-error" />}
      </Space>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------
// Return

export function ReturnButton({ order, size, onDone }: ActionProps) {
  const t = useTranslate();
  const { data: can } = useCan({ resource: "orders", action: "return" });
  const [open, setOpen] = useState(false);
  if (!can?.can || !canReturn(order)) return null;
  return (
    <>
      <Button size={size} icon={<RollbackOutlined />} onClick={() => setOpen(true)} data-testid={`return-${order.id}`}>
        {t("orders.actions.return")}
      </Button>
      {open && <ReturnModal order={order} onClose={() => setOpen(false)} onDone={onDone} />}
    </>
  );
}

function ReturnModal({ order, onClose, onDone }: { order: Order; onClose: () => void; onDone?: ActionProps["onDone"] }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: "defect" | "other"; note?: string }>();
  const reason = Form.useWatch("reason", form);
  const { send, error, pending } = useOrderAction(order, "return", onDone);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await send({ reason: v.reason, note: (v.note ?? "").trim() });
      void message.success(t("orders.return.done", { orderNo: order.orderNo }));
      onClose();
    } catch (e) {
      const fields = fieldErrors(e as HttpError);
      if (fields.length) form.setFields(fields as never);
    }
  };
  return (
    <Modal
      open
      title={t("orders.return.title", { orderNo: order.orderNo })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("orders.return.submit")}
      cancelText={t("buttons.cancel")}
      okButtonProps={okTestId("return-submit", { danger: true })}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: "100%" }} size="middle">
        <Alert type="warning" showIcon message={t("orders.return.warning", { points: formatPointsValue(order.pointsTotal) })} />
        <Form form={form} layout="vertical" initialValues={{ reason: "defect" }}>
          <Form.Item name="reason" label={t("orders.fields.returnReason")} rules={[{ required: true }]}>
            <Radio.Group
              data-testid="return-reason"
              optionType="button"
              options={[
                { value: "defect", label: t("orders.returnReasons.defect") },
                { value: "other", label: t("orders.returnReasons.other") },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t("orders.return.note")}
            rules={[{ required: reason === "other", whitespace: true, message: t("orders.return.noteRequired") }, { max: 200 }]}
          >
            <Input.TextArea data-testid="return-note" rows={3} maxLength={200} showCount placeholder={t("orders.return.notePlaceholder")} />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">{t("orders.return.noRestock")}</Typography.Text>
        {error && !error.errors && <Alert type="error" showIcon message={error.message} data-testid="action-error" />}
      </Space>
    </Modal>
  );
}
