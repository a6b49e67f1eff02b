import { Edit, useForm } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Alert, Form, Radio } from "antd";
import { StaffUserFields } from "./form-fields";
import type { StaffUser } from "./constants";

export function StaffUserEdit() {
  const t = useTranslate();
  const { formProps, saveButtonProps, form, query } = useForm<StaffUser>({ redirect: "show" });
  const user = query?.data?.data;
  return (
    <Edit saveButtonProps={saveButtonProps} deleteButtonProps={{ hidden: true }} canDelete={false}>
      <Alert type="info" showIcon message={t("staff-users.editHint")} style={{ marginBottom: 16, maxWidth: 560 }} />
      <Form
        {...formProps}
        layout="vertical"
        style={{ maxWidth: 560 }}
        // Only what the form edits travels in the PATCH.
        onFinish={(v) => {
          const { displayName, role, supplierId, phone, email, status } = v as StaffUser;
          return formProps.onFinish?.({ displayName, role, supplierId: role === "supplier" ? supplierId : null, phone, email, status });
        }}
      >
        <StaffUserFields form={form} creating={false} />
        <Form.Item name="status" label={t("staff-users.fields.status")}>
          <Radio.Group
            options={[
              { value: "active", label: t("staff-users.status.active") },
              { value: "disabled", label: t("staff-users.status.disabled") },
            ]}
            optionType="button"
          />
        </Form.Item>
        {user?.locked && <Alert type="warning" showIcon message={t("staff-users.lockedHint")} />}
      </Form>
    </Edit>
  );
}
