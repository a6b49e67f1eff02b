import { Create, useForm } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Alert, Button, Form, Space, Typography } from "antd";
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useSearchParams } from "react-router";
import { campaignBody, CampaignFormFields, defaultsFor, type CampaignFormValues } from "../../components/campaigns/campaign-form";
import { TemplatePicker } from "../../components/campaigns/template-picker";
import { TEMPLATES, type CampaignDetail, type Template } from "../../components/campaigns/types";

/** New campaign: pick a template (kept in the URL, so Back returns to the cards), then its form. A new campaign is a draft. */
export function CampaignCreate() {
  const t = useTranslate();
  const [params, setParams] = useSearchParams();
  const raw = params.get("template");
  const template = (TEMPLATES as readonly string[]).includes(raw ?? "") ? (raw as Template) : null;
  const { formProps, saveButtonProps, form } = useForm<CampaignDetail>({ resource: "campaigns", action: "create", redirect: "show" });

  if (!template)
    return (
      <Create title={t("campaigns.titles.pickTemplate")} footerButtons={() => null}>
        <Typography.Paragraph type="secondary">{t("campaigns.form.pickIntro")}</Typography.Paragraph>
        <TemplatePicker onPick={(tpl) => setParams({ template: tpl })} />
      </Create>
    );

  return (
    <Create
      title={t("campaigns.titles.createOf", { template: t(`campaigns.templates.${template}.name`) })}
      saveButtonProps={{ ...saveButtonProps, children: t("campaigns.form.saveDraft") }}
      headerButtons={() => (
        <Button icon={<ArrowLeftOutlined />} onClick={() => setParams({})}>
          {t("campaigns.form.otherTemplate")}
        </Button>
      )}
    >
      <Space direction="vertical" style={{ width: "100%", maxWidth: 1280, marginBottom: 16 }}>
        <Alert type="info" showIcon message={t("campaigns.form.draftHint")} />
      </Space>
      <Form
        key={template}
        {...formProps}
        layout="vertical"
        initialValues={defaultsFor(template)}
        scrollToFirstError
        onFinish={(v) => formProps.onFinish?.(campaignBody(template, v as CampaignFormValues, "create"))}
      >
        <CampaignFormFields form={form} template={template} />
      </Form>
    </Create>
  );
}
