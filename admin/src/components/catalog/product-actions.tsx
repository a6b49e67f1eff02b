import { useState } from "react";
import { useApiUrl, useCan, useCustomMutation, useInvalidate, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, App, Button, type ButtonProps, Form, Input, Modal, Popconfirm, Space, Typography } from "antd";
import { CheckOutlined, CloseOutlined, CloudDownloadOutlined, CloudUploadOutlined, SendOutlined } from "@ant-design/icons";
import type { Product } from "./types";
import { useLocalText } from "./product-bits";

type Verb = "submit" | "approve" | "reject" | "publish" | "unpublish";

/** Calls POST /products/:id/<verb> and refreshes whatever shows the product. */
function useProductVerb(product: Pick<Product, "id">, onChanged?: (p: Product) => void) {
  const apiUrl = useApiUrl();
  const invalidate = useInvalidate();
  const { message } = App.useApp();
  const t = useTranslate();
  const { mutateAsync, mutation } = useCustomMutation<Product>();
  const run = async (verb: Verb, values: Record<string, unknown> = {}) => {
    const res = await mutateAsync({ url: `${apiUrl}/products/${product.id}/${verb}`, method: "post", values, errorNotification: false });
    void message.success(t(`products.actions.done.${verb}`));
    void invalidate({ resource: "products", invalidates: ["list", "detail"], id: product.id });
    void invalidate({ resource: "approvals", invalidates: ["list"] });
    onChanged?.(res.data);
    return res.data;
  };
  return { run, pending: mutation.isPending };
}

interface Props {
  product: Product;
  onChanged?: (p: Product) => void;
  size?: "small" | "middle";
}

/**
 * The moves of a listing the signed-in role may make from its current status: suppliers submit,
 * operators approve, reject (with a reason), publish and unpublish. Buttons a role lacks are not shown.
 */
export function ProductActions({ product, onChanged, size = "middle" }: Props) {
  const t = useTranslate();
  const { message } = App.useApp();
  const { run, pending } = useProductVerb(product, onChanged);
  const [rejecting, setRejecting] = useState(false);
  const can = {
    submit: useCan({ resource: "products", action: "submit" }).data?.can,
    approve: useCan({ resource: "products", action: "approve" }).data?.can,
    reject: useCan({ resource: "products", action: "reject" }).data?.can,
    publish: useCan({ resource: "products", action: "publish" }).data?.can,
    unpublish: useCan({ resource: "products", action: "unpublish" }).data?.can,
  };
  const s = product.status;
  const go = (verb: Verb) => () => run(verb).catch((e: HttpError) => void message.error(e.message));

  return (
    <Space wrap>
      {can.submit && (s === "draft" || s === "rejected") && (
        <Popconfirm title={t("products.actions.confirm.submit")} description={t("products.actions.confirm.submitText")} onConfirm={go("submit")} okText={t("products.actions.submit")} cancelText={t("buttons.cancel")}>
          <Button type="primary" size={size} icon={<SendOutlined />} loading={pending} data-testid="submit-product">
            {t("products.actions.submit")}
          </Button>
        </Popconfirm>
      )}
      {can.approve && s === "pending_review" && (
        <Popconfirm title={t("products.actions.confirm.approve")} description={t("products.actions.confirm.approveText")} onConfirm={go("approve")} okText={t("products.actions.approve")} cancelText={t("buttons.cancel")}>
          <Button type="primary" size={size} icon={<CheckOutlined />} loading={pending} data-testid={`approve-${product.id}`}>
            {t("products.actions.approve")}
          </Button>
        </Popconfirm>
      )}
      {can.reject && s === "pending_review" && (
        <Button danger size={size} icon={<CloseOutlined />} onClick={() => setRejecting(true)} data-testid={`reject-${product.id}`}>
          {t("products.actions.reject")}
        </Button>
      )}
      {can.publish && (s === "off_sale" || (s === "draft" && can.approve)) && (
        <Popconfirm title={t("products.actions.confirm.publish")} onConfirm={go("publish")} okText={t("products.actions.publish")} cancelText={t("buttons.cancel")}>
          <Button size={size} icon={<CloudUploadOutlined />} loading={pending} data-testid="publish-product">
            {t("products.actions.publish")}
          </Button>
        </Popconfirm>
      )}
      {can.unpublish && s === "on_sale" && (
        <Popconfirm title={t("products.actions.confirm.unpublish")} description={t("products.actions.confirm.unpublishText")} onConfirm={go("unpublish")} okText={t("products.actions.unpublish")} okButtonProps={{ danger: true }} cancelText={t("buttons.cancel")}>
          <Button size={size} danger icon={<CloudDownloadOutlined />} loading={pending} data-testid="unpublish-product">
            {t("products.actions.unpublish")}
          </Button>
        </Popconfirm>
      )}
      {rejecting && <RejectModal product={product} onClose={() => setRejecting(false)} onRejected={onChanged} />}
    </Space>
  );
}

function RejectModal({ product, onClose, onRejected }: { product: Product; onClose: () => void; onRejected?: (p: Product) => void }) {
  const t = useTranslate();
  const text = useLocalText();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const { run, pending } = useProductVerb(product, onRejected);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setError(null);
    try {
      await run("reject", { reason: reason.trim() });
      onClose();
    } catch (e) {
      setError((e as HttpError).message);
    }
  };
  return (
    <Modal
      open
      title={t("products.actions.rejectTitle", { name: text(product.name) })}
      onCancel={onClose}
      destroyOnHidden
      okText={t("products.actions.reject")}
      okButtonProps={{ danger: true, loading: pending, "data-testid": "confirm-reject" } as ButtonProps}
      cancelText={t("buttons.cancel")}
      onOk={() => void submit().catch(() => undefined)}
    >
      <Typography.Paragraph type="secondary">{t("products.actions.rejectText", { supplier: product.supplierName })}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t("products.fields.rejectReason")}
          rules={[
            { required: true, whitespace: true, message: t("products.actions.reasonRequired") },
            { min: 2, message: t("products.actions.reasonRequired") },
            { max: 500 },
          ]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount autoFocus placeholder={t("products.actions.reasonPlaceholder")} data-testid="reject-reason" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
