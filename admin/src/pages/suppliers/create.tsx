import { Create, useForm } from "@refinedev/antd";
import { Form } from "antd";
import { SupplierFields } from "./form";

export function SupplierCreate() {
  const { formProps, saveButtonProps } = useForm({ redirect: "show" });
  return (
    <Create saveButtonProps={saveButtonProps}>
      <Form {...formProps} layout="vertical" initialValues={{ settlement: { cycle: "monthly" } }}>
        <SupplierFields creating />
      </Form>
    </Create>
  );
}
