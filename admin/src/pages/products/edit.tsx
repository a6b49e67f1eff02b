import { Edit, useForm } from "@refinedev/antd";
import { useGetIdentity, useTranslate } from "@refinedev/core";
import { Alert, Form } from "antd";
import type { Identity } from "../../providers/auth-provider";
import { CouponPool } from "../../components/catalog/coupon-pool";
import { useLocalText } from "../../components/catalog/product-bits";
import { productBody, ProductFormFields, type ProductFormValues } from "../../components/catalog/product-form";
import type { Product } from "../../components/catalog/types";

export function ProductEdit() {
  const t = useTranslate();
  const text = useLocalText();
  const { data: me } = useGetIdentity<Identity>();
  const isSupplier = me?.role === "supplier";
  const { formProps, saveButtonProps, form, query } = useForm<Product>({ redirect: "show" });
  const product = query?.data?.data;
  // A supplier's change to a listed or rejected product goes back to review; say so before saving.
  const backToReview = isSupplier && product && ["on_sale", "off_sale", "rejected"].includes(product.status);

  return (
    <Edit saveButtonProps={saveButtonProps} canDelete={false} title={product ? t("products.titles.editNamed", { name: text(product.name) }) : undefined}>
      <div style={{ maxWidth: 1080 }}>
        {product?.status === "rejected" && product.rejectReason && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t("products.rejectedTitle")} description={product.rejectReason} data-testid="reject-reason-alert" />
        )}
        {backToReview && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t("products.form.backToReview")} data-testid="back-to-review" />}
      </div>
      <Form {...formProps} layout="vertical" onFinish={(v) => formProps.onFinish?.(productBody({ ...(v as ProductFormValues), type: product!.type }, "edit", isSupplier))}>
        <ProductFormFields form={form} mode="edit" product={product} />
      </Form>
      {product?.type === "coupon" && (
        <div style={{ maxWidth: 1080, marginTop: 16 }}>
          <CouponPool product={product} />
        </div>
      )}
    </Edit>
  );
}
