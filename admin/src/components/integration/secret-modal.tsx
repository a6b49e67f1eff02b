import { useTranslate } from "@refinedev/core";
import { Alert, Checkbox, Descriptions, Modal, Typography } from "antd";
import { useEffect, useState } from "react";

/**
 * An app secret, shown this once (only its encrypted form is kept). The modal cannot be closed by a
 * stray click: the operator confirms they have stored it.
 */
export function SecretModal({ open, appKey, secret, title, onClose }: { open: boolean; appKey: string; secret: string | null; title: string; onClose: () => void }) {
  const t = useTranslate();
  const [stored, setStored] = useState(false);
  useEffect(() => {
    if (open) setStored(false);
  }, [open]);
  return (
    <Modal
      open={open}
      title={title}
      maskClosable={false}
      closable={false}
      keyboard={false}
      onOk={onClose}
      okText={t("apps.secret.done")}
      okButtonProps={{ disabled: !stored }}
      cancelButtonProps={{ style: { display: "none" } }}
      width={560}
    >
      <Alert type="warning" showIcon message={t("apps.secret.once")} description={t("apps.secret.onceText")} style={{ marginBottom: 16 }} />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t("apps.fields.key")}>
          <Typography.Text code copyable>
            {appKey}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("apps.fields.secret")}>
          <Typography.Text code copyable={{ text: secret ?? "", tooltips: [t("apps.secret.copy"), t("apps.secret.copied")] }} style={{ fontSize: 16, wordBreak: "break-all" }} data-testid="app-secret">
            {secret}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Checkbox checked={stored} onChange={(e) => setStored(e.target.checked)} style={{ marginTop: 16 }} data-testid="secret-stored">
        {t("apps.secret.stored")}
      </Checkbox>
    </Modal>
  );
}
