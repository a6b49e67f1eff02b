import { Create, useForm } from "@refinedev/antd";
import { useGetIdentity, useTranslate } from "@refinedev/core";
import { Alert, Form } from "antd";
import type { Identity } from "../../providers/auth-provider";
import { newProductDefaults, productBody, ProductFormFields, type ProductFormValues } from "../../components/catalog/product-form";
import type { Product } from "../../components/catalog/types";

/** A new listing starts as a draft; the show page then offers "Submit for review" (suppliers) or "Publish" (operators). */
export function ProductCreate() {
  const t = useTranslate();
  const { data: me } = useGetIdentity<Identity>();
  const isSupplier = me?.role === "supplier";
  const { formProps, saveButtonProps, form } = useForm<Product>({ redirect: "show" });
  return (
    <Create saveButtonProps={{ ...saveButtonProps, children: t("products.form.saveDraft") }}>
      <Alert type="info" showIcon style={{ marginBottom: 16, maxWidth: 1080 }} message={t(isSupplier ? "products.form.draftHintSupplier" : "products.form.draftHintOperator")} />
      <Form {...formProps} layout="vertical" initialValues={newProductDefaults} onFinish={(v) => formProps.onFinish?.(productBody(v as ProductFormValues, "create", isSupplier))}>
        <ProductFormFields form={form} mode="create" />
      </Form>
    </Create>
  );
}
