import { Edit, useForm } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Alert, Form } from "antd";
import { useLocalText } from "../../components/catalog/product-bits";
import { campaignBody, CampaignFormFields, valuesOf, type CampaignFormValues } from "../../components/campaigns/campaign-form";
import type { CampaignDetail } from "../../components/campaigns/types";

/** Only a draft can change; a scheduled, live or ended campaign shows its settings read-only, with a note saying why. */
export function CampaignEdit() {
  const t = useTranslate();
  const text = useLocalText();
  const { formProps, saveButtonProps, form, query } = useForm<CampaignDetail>({ resource: "campaigns", action: "edit", redirect: "show" });
  const campaign = query?.data?.data;
  const locked = !!campaign && campaign.storedStatus !== "draft";

  return (
    <Edit
      canDelete={false}
      isLoading={query?.isLoading}
      title={campaign ? t("campaigns.titles.editNamed", { name: text(campaign.title) }) : t("campaigns.titles.edit")}
      saveButtonProps={{ ...saveButtonProps, disabled: locked || saveButtonProps.disabled }}
      footerButtons={locked ? () => null : undefined}
    >
      {locked && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16, maxWidth: 1280 }}
          message={t("campaigns.form.lockedTitle", { status: t(`campaigns.status.${campaign.status}`) })}
          description={t(campaign.status === "scheduled" ? "campaigns.form.lockedScheduled" : "campaigns.form.lockedRunning")}
          data-testid="locked-note"
        />
      )}
      {campaign && (
        <Form
          key={campaign.id}
          {...formProps}
          initialValues={valuesOf(campaign)}
          layout="vertical"
          disabled={locked}
          scrollToFirstError
          onFinish={(v) => formProps.onFinish?.(campaignBody(campaign.template, v as CampaignFormValues, "edit"))}
        >
          <CampaignFormFields form={form} template={campaign.template} disabled={locked} campaign={campaign} />
        </Form>
      )}
    </Edit>
  );
}
