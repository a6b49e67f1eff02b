import { Create, useForm } from "@refinedev/antd";
import { useGo, useTranslate } from "@refinedev/core";
import { Form, Input } from "antd";
import { useState } from "react";
import { SecretModal } from "../../components/integration/secret-modal";
import type { HostApp, HostAppWithSecret } from "../../components/integration/types";

export const APP_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{2,39}$/;

/** Registers a host app; its secret comes back once, in a modal, then the app's page opens. */
export function AppCreate() {
  const t = useTranslate();
  const go = useGo();
  const [created, setCreated] = useState<HostAppWithSecret | null>(null);
  const { formProps, saveButtonProps } = useForm<HostApp>({
    redirect: false,
    onMutationSuccess: ({ data }) => setCreated(data as HostAppWithSecret),
  });
  return (
    <Create saveButtonProps={saveButtonProps}>
      <Form
        {...formProps}
        layout="vertical"
        style={{ maxWidth: 560 }}
        onFinish={(v) => {
          const { key, name, webhookUrl } = v as HostApp;
          return formProps.onFinish?.({ key: key.trim(), name, webhookUrl: webhookUrl?.trim() || undefined });
        }}
      >
        <Form.Item name="key" label={t("apps.fields.key")} extra={t("apps.form.keyHint")} rules={[{ required: true, message: t("apps.form.required") }, { pattern: APP_KEY_PATTERN, message: t("apps.form.keyRule") }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t("apps.fields.name")} rules={[{ required: true, message: t("apps.form.required") }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="webhookUrl" label={t("apps.fields.webhookUrl")} extra={t("apps.form.webhookHint")} rules={[{ type: "url", message: t("apps.form.urlRule") }]}>
          <Input placeholder="https://host.example.com/pointmall/webhooks" />
        </Form.Item>
      </Form>
      <SecretModal
        open={created !== null}
        appKey={created?.key ?? ""}
        secret={created?.secret ?? null}
        title={t("apps.secret.createdTitle", { name: created?.name })}
        onClose={() => {
          const id = created!.id;
          setCreated(null);
          go({ to: `/apps/show/${id}` });
        }}
      />
    </Create>
  );
}
