import { Create, useForm } from "@refinedev/antd";
import { useList, useTranslate } from "@refinedev/core";
import { AutoComplete, Col, Form, Input, Row } from "antd";
import { NEW_RULE_CONFIG, RuleConfigFields, switchAwardKind, toRuleConfig } from "../../components/rules/rule-config-fields";
import { BUILT_IN_EVENT_TYPES, type AwardKind, type Rule, type RuleConfig } from "../../components/rules/types";

/** The award kind that suits a built-in event type, picked for the operator when they choose it. */
const SUGGESTED_KIND: Record<string, AwardKind> = { purchase: "purchaseRatio", review: "fixed", share: "fixed", invite: "fixed", login: "daily", sign_in: "streak" };

interface CreateValues {
  eventType: string;
  name: string;
  note?: string;
  config: RuleConfig;
}

export function RuleCreate() {
  const t = useTranslate();
  const { formProps, saveButtonProps, form } = useForm<Rule>({ redirect: "show" });
  const { result: existing } = useList<Rule>({ resource: "rules", pagination: { pageSize: 200 }, errorNotification: false });
  const taken = new Set((existing?.data ?? []).map((r) => r.eventType));

  const pickType = (type: string) => {
    const kind = SUGGESTED_KIND[type];
    if (kind) switchAwardKind(form, kind);
    if (!form.getFieldValue("name")) form.setFieldValue("name", t(`rules.eventTypes.${type}`, ""));
  };

  return (
    <Create saveButtonProps={saveButtonProps}>
      <Form
        {...formProps}
        layout="vertical"
        initialValues={{ config: structuredClone(NEW_RULE_CONFIG) }}
        onFinish={(v) => {
          const { eventType, name, note, config } = v as CreateValues;
          return formProps.onFinish?.({ eventType: eventType.trim(), name, note: note || undefined, config: toRuleConfig(config) });
        }}
      >
        <Row gutter={24} style={{ maxWidth: 820 }}>
          <Col xs={24} md={12}>
            <Form.Item
              name="eventType"
              label={t("rules.fields.eventType")}
              extra={t("rules.form.eventTypeHint")}
              rules={[
                { required: true, message: t("rules.form.required") },
                { pattern: /^[a-z][a-z0-9_]{0,47}$/, message: t("rules.form.eventTypeRule") },
                { validator: async (_, v: string) => { if (v && taken.has(v.trim())) throw new Error(t("rules.form.eventTypeTaken")); } },
              ]}
            >
              <AutoComplete
                data-testid="event-type"
                onSelect={pickType}
                options={BUILT_IN_EVENT_TYPES.filter((e) => !taken.has(e)).map((e) => ({ value: e, label: `${e} · ${t(`rules.eventTypes.${e}`)}` }))}
                filterOption={(input, option) => String(option?.value ?? "").includes(input.toLowerCase())}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t("rules.fields.name")} rules={[{ required: true, message: t("rules.form.required") }, { max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <RuleConfigFields form={form} />
        <Form.Item name="note" label={t("rules.fields.note")} rules={[{ max: 200 }]} style={{ maxWidth: 820 }}>
          <Input placeholder={t("rules.form.notePlaceholder")} />
        </Form.Item>
      </Form>
    </Create>
  );
}
