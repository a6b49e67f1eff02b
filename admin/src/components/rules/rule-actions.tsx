import { useApiUrl, useCan, useCustomMutation, useInvalidate, useTranslate, useUpdate } from "@refinedev/core";
import { Button, InputNumber, Popconfirm, Progress, Slider, Space, Typography } from "antd";
import { RiseOutlined, RollbackOutlined } from "@ant-design/icons";
import { useEffect, useState } from "react";
import { CANARY_COLOR } from "./canary";
import type { RuleDetail } from "./types";

function useRuleAction(rule: RuleDetail, verb: "promote" | "rollback") {
  const apiUrl = useApiUrl();
  const invalidate = useInvalidate();
  const { mutate, mutation } = useCustomMutation<RuleDetail>();
  const run = (message: string) =>
    mutate(
      { url: `${apiUrl}/rules/${rule.id}/${verb}`, method: "post", values: {}, successNotification: { type: "success", message } },
      { onSuccess: () => invalidate({ resource: "rules", id: rule.id, invalidates: ["detail", "list"] }) },
    );
  return { run, pending: mutation.isPending };
}

/** The canary becomes the version everyone gets. Shown only while a canary runs, and to roles that may promote. */
export function PromoteButton({ rule }: { rule: RuleDetail }) {
  const t = useTranslate();
  const { data: can } = useCan({ resource: "rules", action: "promote" });
  const { run, pending } = useRuleAction(rule, "promote");
  if (!can?.can || rule.canaryVersion == null) return null;
  return (
    <Popconfirm
      title={t("rules.promote.confirm", { version: rule.canaryVersion })}
      description={t("rules.promote.confirmText", { version: rule.canaryVersion, current: rule.currentVersion })}
      okText={t("rules.promote.button")}
      onConfirm={() => run(t("rules.promote.done", { version: rule.canaryVersion }))}
    >
      <Button type="primary" icon={<RiseOutlined />} loading={pending} data-testid="promote-canary">
        {t("rules.promote.button")}
      </Button>
    </Popconfirm>
  );
}

/** With a canary: drop it. Without one: go back to the version before the current one. */
export function RollbackButton({ rule }: { rule: RuleDetail }) {
  const t = useTranslate();
  const { data: can } = useCan({ resource: "rules", action: "rollback" });
  const { run, pending } = useRuleAction(rule, "rollback");
  if (!can?.can) return null;
  const previous = rule.versions.map((v) => v.version).filter((v) => v < rule.currentVersion).sort((a, b) => b - a)[0];
  const dropCanary = rule.canaryVersion != null;
  if (!dropCanary && previous === undefined) return null;
  return (
    <Popconfirm
      title={dropCanary ? t("rules.rollback.confirmCanary", { version: rule.canaryVersion }) : t("rules.rollback.confirm", { version: previous })}
      description={dropCanary ? t("rules.rollback.confirmCanaryText", { current: rule.currentVersion }) : t("rules.rollback.confirmText", { version: previous, current: rule.currentVersion })}
      okText={t("rules.rollback.ok")}
      okButtonProps={{ danger: true }}
      onConfirm={() => run(dropCanary ? t("rules.rollback.doneCanary") : t("rules.rollback.done", { version: previous }))}
    >
      <Button danger icon={<RollbackOutlined />} loading={pending} data-testid="rollback">
        {dropCanary ? t("rules.rollback.dropCanary") : t("rules.rollback.button", { version: previous })}
      </Button>
    </Popconfirm>
  );
}

/** The running canary: its share as a bar, and (for roles that may update rules) a control to change it. */
export function CanaryShare({ rule }: { rule: RuleDetail }) {
  const t = useTranslate();
  const { data: can } = useCan({ resource: "rules", action: "edit" });
  const { mutate, mutation } = useUpdate<RuleDetail>();
  const [share, setShare] = useState(rule.canaryPercent);
  useEffect(() => setShare(rule.canaryPercent), [rule.canaryPercent]);
  if (rule.canaryVersion == null) return null;
  const save = () =>
    mutate({
      resource: "rules",
      id: rule.id,
      values: { canaryPercent: share },
      successNotification: { type: "success", message: t("rules.canaryShare.saved", { version: rule.canaryVersion, percent: share }) },
    });

  return (
    <div data-testid="canary-share">
      <Space align="center" style={{ width: "100%" }}>
        <Progress type="circle" percent={rule.canaryPercent} size={64} strokeColor={CANARY_COLOR} />
        <Typography.Text>{t("rules.canaryShare.explain", { version: rule.canaryVersion, percent: rule.canaryPercent, current: rule.currentVersion })}</Typography.Text>
      </Space>
      {can?.can && (
        <>
          <Typography.Text type="secondary" style={{ display: "block", marginTop: 12 }}>
            {t("rules.canaryShare.change")}
          </Typography.Text>
          <Slider min={1} max={99} value={share} onChange={setShare} styles={{ track: { background: CANARY_COLOR } }} tooltip={{ formatter: (v) => `${v}%` }} />
          <Space>
            <InputNumber min={1} max={99} precision={0} value={share} onChange={(v) => setShare(v ?? 1)} addonAfter="%" style={{ width: 110 }} aria-label={t("rules.canaryShare.change")} />
            <Button onClick={save} disabled={share === rule.canaryPercent} loading={mutation.isPending} data-testid="save-canary-share">
              {t("rules.canaryShare.save")}
            </Button>
          </Space>
        </>
      )}
    </div>
  );
}
