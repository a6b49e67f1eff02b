import { Edit, useForm } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Alert, Form, Input, Radio } from "antd";
import type { HostApp } from "../../components/integration/types";

export function AppEdit() {
  const t = useTranslate();
  const { formProps, saveButtonProps, query } = useForm<HostApp>({ redirect: "show" });
  const app = query?.data?.data;
  return (
    <Edit saveButtonProps={saveButtonProps} canDelete={false}>
      <Form
        {...formProps}
        layout="vertical"
        style={{ maxWidth: 560 }}
        onFinish={(v) => {
          const { name, webhookUrl, status } = v as HostApp;
          return formProps.onFinish?.({ name, webhookUrl: webhookUrl?.trim() ?? "", status });
        }}
      >
        <Form.Item label={t("apps.fields.key")}>
          <Input value={app?.key} disabled />
        </Form.Item>
        <Form.Item name="name" label={t("apps.fields.name")} rules={[{ required: true, message: t("apps.form.required") }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="webhookUrl" label={t("apps.fields.webhookUrl")} extra={t("apps.form.webhookHint")} rules={[{ type: "url", message: t("apps.form.urlRule") }]}>
          <Input placeholder="https://host.example.com/pointmall/webhooks" />
        </Form.Item>
        <Form.Item name="status" label={t("apps.fields.status")}>
          <Radio.Group optionType="button" options={["active", "disabled"].map((s) => ({ value: s, label: t(`apps.status.${s}`) }))} />
        </Form.Item>
        <Alert type="warning" showIcon message={t("apps.form.disableHint")} />
      </Form>
    </Edit>
  );
}
