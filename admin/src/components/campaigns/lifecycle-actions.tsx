import { useState } from "react";
import { useApiUrl, useCan, useCustomMutation, useInvalidate, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, App, Button, List, Modal, Popconfirm, Space, Typography } from "antd";
import { PlayCircleOutlined, RollbackOutlined, StopOutlined } from "@ant-design/icons";
import { formatTime } from "../../providers/preferences";
import type { CampaignDetail } from "./types";

type Verb = "schedule" | "unschedule" | "end";

/** The field paths a readiness problem names, in the console's words. */
export function fieldLabel(path: string, t: ReturnType<typeof useTranslate>): string {
  const prize = /^prizes\.(\d+)\.(\w+)$/.exec(path);
  if (prize) return t("campaigns.problems.prizeField", { n: Number(prize[1]) + 1, field: t(`campaigns.fields.${prize[2] === "oddsPpm" ? "odds" : prize[2]}`, prize[2]) });
  const question = /^questions\.(\d+)/.exec(path);
  if (question) return t("campaigns.problems.questionN", { n: Number(question[1]) + 1 });
  const key = path.replace(/^config\./, "");
  const label = t(`campaigns.fields.${key === "oddsPpm" ? "odds" : key}`, "");
  return label || path;
}

/** The API's readiness messages (English) in the console's language, when they are ones we know. */
const KNOWN: [RegExp, string, (m: RegExpExecArray) => Record<string, unknown>][] = [
  [/^the bank has (\d+) questions; each entry draws (\d+)$/, "campaigns.problems.bank", (m) => ({ n: m[1], per: m[2] })],
  [/^must be after the start$/, "campaigns.form.endAfterStart", () => ({})],
  [/^is already in the past$/, "campaigns.problems.endPast", () => ({})],
  [/^the odds add up to ([\d.]+)%, not 100%$/, "campaigns.pool.sumNot100", (m) => ({ sum: `${Number(m[1])}%` })],
  [/^exactly one prize must be the fallback/, "campaigns.pool.oneFallback", () => ({})],
  [/^a pool needs at least two prizes$/, "campaigns.pool.atLeastTwo", () => ({})],
  [/^the fallback prize cannot run out/, "campaigns.problems.fallbackStock", () => ({})],
  [/^choose a product$/, "campaigns.form.chooseProduct", () => ({})],
  [/^the product has only (\d+) in stock$/, "campaigns.problems.productStock", (m) => ({ n: m[1] })],
  [/^set aside at least 1$/, "campaigns.flash.reservedRequired", () => ({})],
  [/^cannot exceed the questions per entry$/, "campaigns.quiz.passMarkTooHigh", () => ({})],
  [/^give points or a reward prize for passing$/, "campaigns.problems.reward", () => ({})],
];

export function localizeProblem(message: string, t: ReturnType<typeof useTranslate>): string {
  for (const [re, key, args] of KNOWN) {
    const m = re.exec(message);
    if (m) return t(key, args(m));
  }
  return message;
}

/** What stops scheduling, one line per field, readable. */
export function ProblemList({ problems }: { problems: Record<string, string> }) {
  const t = useTranslate();
  return (
    <List
      size="small"
      data-testid="readiness-problems"
      dataSource={Object.entries(problems)}
      renderItem={([path, message]) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Space direction="vertical" size={0}>
            <Typography.Text strong>{fieldLabel(path, t)}</Typography.Text>
            <Typography.Text type="secondary">{localizeProblem(message, t)}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/**
 * Schedule (draft → scheduled, stock set aside), Back to draft (before it starts) and End now, each
 * behind a confirmation that says what will happen. A 422 CAMPAIGN_NOT_READY lists the problems.
 */
export function LifecycleActions({ campaign }: { campaign: CampaignDetail }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const invalidate = useInvalidate();
  const { message } = App.useApp();
  const { mutate, mutation } = useCustomMutation<CampaignDetail>();
  const [problems, setProblems] = useState<Record<string, string> | null>(null);
  const [running, setRunning] = useState<Verb | null>(null);
  const can = {
    schedule: useCan({ resource: "campaigns", action: "schedule" }).data?.can,
    unschedule: useCan({ resource: "campaigns", action: "unschedule" }).data?.can,
    end: useCan({ resource: "campaigns", action: "end" }).data?.can,
  };

  const run = (verb: Verb) => {
    setRunning(verb);
    mutate(
      { url: `${apiUrl}/campaigns/${campaign.id}/${verb}`, method: "post", values: {}, successNotification: false, errorNotification: false },
      {
        onSuccess: () => {
          void message.success(t(`campaigns.actions.${verb}.done`));
          void invalidate({ resource: "campaigns", id: campaign.id, invalidates: ["detail", "list"] });
        },
        onError: (err: HttpError) => {
          const fields = (err.details as { fields?: Record<string, string> } | undefined)?.fields;
          if (err.statusCode === 422 && fields && Object.keys(fields).length) setProblems(fields);
          else void message.error(err.message);
        },
        onSettled: () => setRunning(null),
      },
    );
  };

  const holdsStock = campaign.template === "flash_sale" || campaign.template === "auction";
  const status = campaign.status;
  return (
    <>
      {can.schedule && campaign.storedStatus === "draft" && (
        <Popconfirm
          title={t("campaigns.actions.schedule.confirm")}
          description={
            <div style={{ maxWidth: 320 }}>
              {t("campaigns.actions.schedule.confirmText", { start: formatTime(campaign.startAt, true), end: formatTime(campaign.endAt, true) })}
              {holdsStock && <div>{t("campaigns.actions.schedule.stockText", { n: campaign.template === "auction" ? 1 : campaign.reservedStock })}</div>}
            </div>
          }
          okText={t("campaigns.actions.schedule.button")}
          onConfirm={() => run("schedule")}
        >
          <Button type="primary" icon={<PlayCircleOutlined />} loading={running === "schedule" && mutation.isPending} data-testid="schedule">
            {t("campaigns.actions.schedule.button")}
          </Button>
        </Popconfirm>
      )}
      {can.unschedule && status === "scheduled" && (
        <Popconfirm
          title={t("campaigns.actions.unschedule.confirm")}
          description={<div style={{ maxWidth: 320 }}>{t(holdsStock ? "campaigns.actions.unschedule.confirmStock" : "campaigns.actions.unschedule.confirmText")}</div>}
          okText={t("campaigns.actions.unschedule.button")}
          onConfirm={() => run("unschedule")}
        >
          <Button icon={<RollbackOutlined />} loading={running === "unschedule" && mutation.isPending} data-testid="unschedule">
            {t("campaigns.actions.unschedule.button")}
          </Button>
        </Popconfirm>
      )}
      {can.end && (status === "scheduled" || status === "live") && (
        <Popconfirm
          title={t("campaigns.actions.end.confirm")}
          description={<div style={{ maxWidth: 340 }}>{t(`campaigns.actions.end.confirmText.${campaign.template === "flash_sale" || campaign.template === "auction" ? campaign.template : "other"}`)}</div>}
          okText={t("campaigns.actions.end.button")}
          okButtonProps={{ danger: true }}
          onConfirm={() => run("end")}
        >
          <Button danger icon={<StopOutlined />} loading={running === "end" && mutation.isPending} data-testid="end-now">
            {t("campaigns.actions.end.button")}
          </Button>
        </Popconfirm>
      )}
      <Modal open={!!problems} title={t("campaigns.actions.schedule.notReady")} onCancel={() => setProblems(null)} onOk={() => setProblems(null)} cancelButtonProps={{ style: { display: "none" } }} okText={t("campaigns.actions.schedule.fixThem")}>
        <Alert type="warning" showIcon message={t("campaigns.actions.schedule.notReadyText")} style={{ marginBottom: 8 }} />
        {problems && <ProblemList problems={problems} />}
      </Modal>
    </>
  );
}
