import { useTranslate } from "@refinedev/core";
import { Progress, Space, Tag, Tooltip } from "antd";
import { ExperimentOutlined } from "@ant-design/icons";
import type { Rule } from "./types";

export const CANARY_COLOR = "#fa8c16";

/** "v3 · 10%" with a small bar of the share of members on it; a dash when no canary runs. */
export function CanaryTag({ rule }: { rule: Pick<Rule, "canaryVersion" | "canaryPercent"> }) {
  const t = useTranslate();
  if (rule.canaryVersion == null) return <span aria-label={t("rules.noCanary")}>—</span>;
  return (
    <Tooltip title={t("rules.canaryTooltip", { version: rule.canaryVersion, percent: rule.canaryPercent })}>
      <Space size={6} data-testid="canary-tag">
        <Tag color="orange" icon={<ExperimentOutlined />} style={{ marginInlineEnd: 0 }}>
          v{rule.canaryVersion} · {rule.canaryPercent}%
        </Tag>
        <Progress percent={rule.canaryPercent} size={[60, 6]} showInfo={false} strokeColor={CANARY_COLOR} />
      </Space>
    </Tooltip>
  );
}

export function StatusBadgeText({ status }: { status: Rule["status"] }) {
  const t = useTranslate();
  return <Tag color={status === "active" ? "green" : "default"}>{t(`rules.status.${status}`)}</Tag>;
}
