import { useSelect } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Form, Input, Select } from "antd";
import type { FormInstance } from "antd";
import { STAFF_ROLES } from "./constants";

/** Fields shared by the create and edit forms; the supplier picker appears for the supplier role only. */
export function StaffUserFields({ form, creating }: { form: FormInstance; creating: boolean }) {
  const t = useTranslate();
  const role = Form.useWatch("role", form);
  const { selectProps: supplierSelect } = useSelect({ resource: "suppliers", optionLabel: "name", optionValue: "id", pagination: { pageSize: 100 } });

  return (
    <>
      {creating && (
        <Form.Item
          name="username"
          label={t("staff-users.fields.username")}
          extra={t("staff-users.usernameHint")}
          rules={[{ required: true }, { pattern: /^[a-z0-9._-]{3,32}$/, message: t("staff-users.usernameRule") }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="displayName" label={t("staff-users.fields.displayName")} rules={[{ required: true }, { max: 64 }]}>
        <Input />
      </Form.Item>
      {creating && (
        <Form.Item name="password" label={t("staff-users.fields.password")} rules={[{ required: true }, { min: 8, message: t("staff-users.passwordRule") }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Form.Item name="role" label={t("staff-users.fields.role")} rules={[{ required: true }]}>
        <Select
          options={STAFF_ROLES.map((r) => ({ value: r, label: `${t(`roles.names.${r}`)} · ${t(`roles.describe.${r}`)}` }))}
          onChange={(r) => r !== "supplier" && form.setFieldValue("supplierId", null)}
        />
      </Form.Item>
      {role === "supplier" && (
        <Form.Item name="supplierId" label={t("staff-users.fields.supplier")} rules={[{ required: true, message: t("staff-users.supplierRequired") }]}>
          <Select {...supplierSelect} />
        </Form.Item>
      )}
      <Form.Item name="phone" label={t("staff-users.fields.phone")} rules={[{ pattern: /^[0-9+\- ]*$/, message: t("common.digitsOnly") }]}>
        <Input />
      </Form.Item>
      <Form.Item name="email" label={t("staff-users.fields.email")} rules={[{ type: "email" }]}>
        <Input />
      </Form.Item>
    </>
  );
}
