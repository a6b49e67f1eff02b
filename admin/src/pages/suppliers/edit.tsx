import { Edit, useForm } from "@refinedev/antd";
import { Form } from "antd";
import { SupplierFields } from "./form";
import type { Supplier } from "./types";

export function SupplierEdit() {
  const { formProps, saveButtonProps } = useForm<Supplier>({ redirect: "show" });
  return (
    <Edit saveButtonProps={saveButtonProps} canDelete={false}>
      <Form
        {...formProps}
        layout="vertical"
        onFinish={(v) => {
          const { name, contactName, contactPhone, contactEmail, status, settlement } = v as Supplier;
          return formProps.onFinish?.({ name, contactName, contactPhone, contactEmail, status, settlement: Object.fromEntries(Object.entries(settlement ?? {}).filter(([, x]) => x != null && x !== "")) });
        }}
      >
        <SupplierFields creating={false} />
      </Form>
    </Edit>
  );
}
