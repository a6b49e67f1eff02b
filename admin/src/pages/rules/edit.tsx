import { Edit, useForm } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Alert, Card, Col, Form, Input, Radio, Row } from "antd";
import { RuleConfigFields, toRuleConfig } from "../../components/rules/rule-config-fields";
import { RolloutField } from "../../components/rules/rollout-field";
import type { RuleConfig, RuleDetail } from "../../components/rules/types";

interface EditValues {
  name: string;
  status: RuleDetail["status"];
  config: RuleConfig;
  canaryPercent: number;
  note?: string;
}

const same = (a: RuleConfig, b: RuleConfig | null | undefined) => !!b && JSON.stringify(toRuleConfig(a)) === JSON.stringify(toRuleConfig(b));

/**
 * Renaming or pausing a rule applies at once; a changed award is saved as a new version, for
 * everyone or first as a canary on a share of members.
 */
export function RuleEdit() {
  const t = useTranslate();
  const { formProps, saveButtonProps, form, query } = useForm<RuleDetail>({ redirect: "show" });
  const rule = query?.data?.data;
  const newVersion = rule ? Math.max(...rule.versions.map((v) => v.version)) + 1 : 0;
  const config = Form.useWatch("config", form) as RuleConfig | undefined;
  const changed = !!rule && !!config?.award && !same(config, rule.config);

  return (
    <Edit saveButtonProps={saveButtonProps} canDelete={false} title={rule ? t("rules.titles.editNamed", { name: rule.name }) : undefined}>
      {rule && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="new-version-hint"
          message={t("rules.form.versionHint", { version: newVersion, current: rule.currentVersion })}
          description={rule.canaryVersion != null ? t("rules.form.replacesCanary", { version: rule.canaryVersion, percent: rule.canaryPercent }) : undefined}
        />
      )}
      <Form
        {...formProps}
        layout="vertical"
        initialValues={rule ? { name: rule.name, status: rule.status, config: rule.config, canaryPercent: 100, note: "" } : undefined}
        onFinish={(v) => {
          const { name, status, config: next, canaryPercent, note } = v as EditValues;
          if (!changed) return formProps.onFinish?.({ name, status });
          return formProps.onFinish?.({ name, status, config: toRuleConfig(next), canaryPercent, note: note || undefined });
        }}
      >
        <Row gutter={24} style={{ maxWidth: 820 }}>
          <Col xs={24} md={14}>
            <Form.Item name="name" label={t("rules.fields.name")} rules={[{ required: true, message: t("rules.form.required") }, { max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="status" label={t("rules.fields.status")} extra={t("rules.form.statusHint")}>
              <Radio.Group optionType="button" options={["active", "inactive"].map((s) => ({ value: s, label: t(`rules.status.${s}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <RuleConfigFields form={form} />
        <Card size="small" title={t("rules.rollout.title", { version: newVersion })} style={{ marginTop: 8, maxWidth: 820 }} data-testid="rollout-card">
          <RolloutField newVersion={newVersion} currentVersion={rule?.currentVersion ?? 0} disabled={!changed} />
          <Form.Item name="note" label={t("rules.fields.note")} rules={[{ max: 200 }]} style={{ marginBottom: 0 }}>
            <Input placeholder={t("rules.form.notePlaceholder")} disabled={!changed} />
          </Form.Item>
        </Card>
      </Form>
    </Edit>
  );
}
