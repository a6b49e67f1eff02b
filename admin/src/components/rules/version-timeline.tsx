import { useTranslate } from "@refinedev/core";
import { Space, Tag, Timeline, Typography } from "antd";
import { ExperimentOutlined, CheckCircleOutlined } from "@ant-design/icons";
import { formatTime } from "../../providers/preferences";
import { CANARY_COLOR } from "./canary";
import { summarizeRule } from "./rule-summary";
import type { RuleDetail } from "./types";

/** Every version, newest first: who saved it, when, why, what it awards, and which one is live. */
export function VersionTimeline({ rule }: { rule: RuleDetail }) {
  const t = useTranslate();
  const versions = [...rule.versions].sort((a, b) => b.version - a.version);
  return (
    <Timeline
      data-testid="version-timeline"
      items={versions.map((v) => {
        const current = v.version === rule.currentVersion;
        const canary = v.version === rule.canaryVersion;
        return {
          color: canary ? CANARY_COLOR : current ? "blue" : "gray",
          dot: canary ? <ExperimentOutlined style={{ color: CANARY_COLOR }} /> : current ? <CheckCircleOutlined style={{ color: "#1677ff" }} /> : undefined,
          children: (
            <div data-testid={`version-${v.version}`}>
              <Space wrap size={6}>
                <Typography.Text strong>v{v.version}</Typography.Text>
                {current && <Tag color="blue">{t("rules.badges.current")}</Tag>}
                {canary && <Tag color="orange">{t("rules.badges.canary", { percent: rule.canaryPercent })}</Tag>}
                <Typography.Text type="secondary">{t("rules.versionBy", { who: v.createdBy, when: formatTime(v.createdAt) })}</Typography.Text>
              </Space>
              <div>{summarizeRule(v.config, t)}</div>
              {v.note && (
                <Typography.Text type="secondary" italic>
                  “{v.note}”
                </Typography.Text>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
