import { Show } from "@refinedev/antd";
import { useGetIdentity, useShow, useTranslate } from "@refinedev/core";
import { Alert, Card, Col, Descriptions, Empty, Image, Row, Space, Tabs, Tag, Typography } from "antd";
import type { Identity } from "../../providers/auth-provider";
import { formatTime } from "../../providers/preferences";
import { CouponPool } from "../../components/catalog/coupon-pool";
import { RichPreview } from "../../components/catalog/html-editor";
import { ProductActions } from "../../components/catalog/product-actions";
import { formatYuan, PriceText, ProductStatusTag, ProductTypeTag, StockText, useLocalText } from "../../components/catalog/product-bits";
import type { Product } from "../../components/catalog/types";
import { useCategories } from "../../components/catalog/use-categories";
import { formatPoints } from "../../components/points/points-amount";

function StatusBanner({ product, isSupplier }: { product: Product; isSupplier: boolean }) {
  const t = useTranslate();
  switch (product.status) {
    case "rejected":
      return (
        <Alert
          type="error"
          showIcon
          message={t("products.rejectedTitle")}
          description={
            <>
              <Typography.Paragraph strong style={{ marginBottom: 4 }} data-testid="reject-reason">
                {product.rejectReason}
              </Typography.Paragraph>
              <Typography.Text type="secondary">
                {t("products.rejectedBy", { who: product.reviewedBy ?? "—", when: formatTime(product.reviewedAt) })}
                {isSupplier ? ` ${t("products.rejectedNext")}` : ""}
              </Typography.Text>
            </>
          }
        />
      );
    case "pending_review":
      return <Alert type="info" showIcon message={t("products.pendingTitle")} description={t(isSupplier ? "products.pendingSupplier" : "products.pendingOperator", { when: formatTime(product.submittedAt) })} />;
    case "draft":
      return <Alert type="warning" showIcon message={t("products.draftTitle")} description={t(isSupplier ? "products.draftSupplier" : "products.draftOperator")} />;
    case "off_sale":
      return <Alert type="warning" showIcon message={t("products.offSaleTitle")} />;
    default:
      return null;
  }
}

export function ProductShow() {
  const t = useTranslate();
  const text = useLocalText();
  const { data: me } = useGetIdentity<Identity>();
  const isSupplier = me?.role === "supplier";
  const { path } = useCategories();
  const { result: p, query } = useShow<Product>();

  return (
    <Show
      isLoading={query.isLoading}
      canDelete={false}
      title={p ? text(p.name) : undefined}
      headerButtons={({ defaultButtons }) => (
        <Space wrap>
          {p && <ProductActions product={p} />}
          {defaultButtons}
        </Space>
      )}
      headerProps={{ subTitle: p ? <ProductStatusTag status={p.status} reason={p.rejectReason} /> : undefined }}
    >
      {p && (
        <div style={{ display: "grid", gap: 16 }} data-testid="product-show">
          <StatusBanner product={p} isSupplier={isSupplier} />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={9}>
              <Card size="small" title={t("products.fields.images")}>
                {p.images.length ? (
                  <Image.PreviewGroup>
                    <Image src={p.images[0]} width="100%" style={{ borderRadius: 8, aspectRatio: "1", objectFit: "cover" }} />
                    <Space wrap style={{ marginTop: 8 }}>
                      {p.images.slice(1).map((src) => (
                        <Image key={src} src={src} width={72} height={72} style={{ objectFit: "cover", borderRadius: 6 }} />
                      ))}
                    </Space>
                  </Image.PreviewGroup>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("products.images.none")} />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={15}>
              <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t("products.fields.type")}>
                  <ProductTypeTag type={p.type} />
                </Descriptions.Item>
                <Descriptions.Item label={t("products.fields.status")}>
                  <ProductStatusTag status={p.status} reason={p.rejectReason} />
                </Descriptions.Item>
                <Descriptions.Item label={t("products.fields.supplier")}>{p.supplierName}</Descriptions.Item>
                <Descriptions.Item label={t("products.fields.category")}>{path(p.categoryId) || t("products.uncategorised")}</Descriptions.Item>
                <Descriptions.Item label={t("products.fields.price")}>
                  <PriceText points={p.pointsPrice} cash={p.cashPrice} />
                </Descriptions.Item>
                <Descriptions.Item label={t("products.fields.costCents")}>{formatYuan(p.costCents)}</Descriptions.Item>
                <Descriptions.Item label={t("products.fields.stock")}>
                  <StockText product={p} />
                  <Typography.Text type="secondary"> / {t("products.thresholdShort", { n: p.lowStockThreshold })}</Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t("products.fields.sold")}>{formatPoints(p.sold)}</Descriptions.Item>
                <Descriptions.Item label={t("products.fields.perMemberLimit")}>{p.perMemberLimit || t("products.noLimit")}</Descriptions.Item>
                <Descriptions.Item label={t("products.fields.minTier")}>{p.minTier ? t(`products.tiers.${p.minTier}`, p.minTier) : t("products.form.everyone")}</Descriptions.Item>
                <Descriptions.Item label={t("products.fields.saleWindow")} span={2}>
                  {p.saleStart || p.saleEnd ? `${formatTime(p.saleStart)} → ${formatTime(p.saleEnd)}` : t("products.always")}
                </Descriptions.Item>
                <Descriptions.Item label={t("products.fields.tags")} span={2}>
                  {p.tags.length ? p.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : "—"}
                </Descriptions.Item>
                {p.fulfilment && (
                  <Descriptions.Item label={t("products.fields.fulfilment")} span={2}>
                    <Typography.Text code>{p.fulfilment.endpoint}</Typography.Text> · <Typography.Text code>{p.fulfilment.productCode}</Typography.Text>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t("products.fields.submittedAt")}>{formatTime(p.submittedAt)}</Descriptions.Item>
                <Descriptions.Item label={t("products.fields.reviewed")}>{p.reviewedBy ? `${p.reviewedBy} · ${formatTime(p.reviewedAt)}` : "—"}</Descriptions.Item>
                <Descriptions.Item label={t("common.createdAt")}>{formatTime(p.createdAt)}</Descriptions.Item>
                <Descriptions.Item label={t("common.updatedAt")}>{formatTime(p.updatedAt)}</Descriptions.Item>
              </Descriptions>
            </Col>
          </Row>
          {p.type === "coupon" && <CouponPool product={p} />}
          <Card size="small" title={t("products.fields.description")}>
            <Tabs
              items={(["zh-CN", "en-US"] as const).map((lang) => ({
                key: lang,
                label: t(`products.form.lang.${lang}`),
                children: (
                  <>
                    <Typography.Title level={5} style={{ marginTop: 0 }}>
                      {p.name[lang] || "—"}
                    </Typography.Title>
                    {p.description[lang] ? <RichPreview html={p.description[lang]} /> : <Typography.Text type="secondary">{t("products.noDescription")}</Typography.Text>}
                  </>
                ),
              }))}
            />
          </Card>
        </div>
      )}
    </Show>
  );
}
