import { Create, useForm } from "@refinedev/antd";
import { Form } from "antd";
import { StaffUserFields } from "./form-fields";

export function StaffUserCreate() {
  const { formProps, saveButtonProps, form } = useForm({ redirect: "show" });
  return (
    <Create saveButtonProps={saveButtonProps}>
      <Form {...formProps} layout="vertical" style={{ maxWidth: 560 }} initialValues={{ role: "operator" }}>
        <StaffUserFields form={form} creating />
      </Form>
    </Create>
  );
}
