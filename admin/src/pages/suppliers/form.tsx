import { useTranslate } from "@refinedev/core";
import { Col, Divider, Form, Input, Radio, Row, Select } from "antd";

export function SupplierFields({ creating }: { creating: boolean }) {
  const t = useTranslate();
  return (
    <Row gutter={24} style={{ maxWidth: 820 }}>
      <Col xs={24} md={12}>
        <Form.Item name="name" label={t("suppliers.fields.name")} rules={[{ required: true }, { max: 100 }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="code" label={t("suppliers.fields.code")} extra={creating ? t("suppliers.codeHint") : undefined} rules={[{ required: true }, { pattern: /^[a-z0-9-]{2,32}$/, message: t("suppliers.codeRule") }]}>
          <Input disabled={!creating} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="contactName" label={t("suppliers.fields.contactName")}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="contactPhone" label={t("suppliers.fields.contactPhone")} rules={[{ pattern: /^[0-9+\- ]*$/, message: t("common.digitsOnly") }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="contactEmail" label={t("suppliers.fields.contactEmail")} rules={[{ type: "email" }]}>
          <Input />
        </Form.Item>
      </Col>
      {!creating && (
        <Col span={24}>
          <Form.Item name="status" label={t("suppliers.fields.status")}>
            <Radio.Group optionType="button" options={["active", "suspended"].map((s) => ({ value: s, label: t(`suppliers.status.${s}`) }))} />
          </Form.Item>
        </Col>
      )}
      <Divider orientation="left">{t("suppliers.settlement")}</Divider>
      <Col xs={24} md={12}>
        <Form.Item name={["settlement", "bankName"]} label={t("suppliers.fields.bankName")}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={["settlement", "accountName"]} label={t("suppliers.fields.accountName")}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={["settlement", "accountNumber"]} label={t("suppliers.fields.accountNumber")} rules={[{ pattern: /^[0-9 -]*$/, message: t("common.digitsOnly") }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={["settlement", "cycle"]} label={t("suppliers.fields.cycle")}>
          <Select allowClear options={["weekly", "monthly"].map((c) => ({ value: c, label: t(`suppliers.cycle.${c}`) }))} />
        </Form.Item>
      </Col>
    </Row>
  );
}
