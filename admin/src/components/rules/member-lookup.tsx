import { useApiUrl, useCustom, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, Descriptions, Input, Tag, Typography, theme } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { CANARY_COLOR } from "./canary";
import type { RuleApplies, RuleDetail } from "./types";

/** Buckets 0–99 as a line: the canary's share in orange, this member's bucket as a mark. */
function BucketBar({ bucket, percent }: { bucket: number; percent: number }) {
  const { token } = theme.useToken();
  return (
    <div style={{ position: "relative", height: 8, background: token.colorFillSecondary, borderRadius: 4, margin: "8px 0 4px" }} aria-hidden>
      <div style={{ position: "absolute", inset: 0, width: `${percent}%`, background: CANARY_COLOR, opacity: 0.55, borderRadius: 4 }} />
      <div style={{ position: "absolute", left: `calc(${bucket + 0.5}% - 2px)`, top: -4, bottom: -4, width: 4, borderRadius: 2, background: token.colorText }} />
    </div>
  );
}

/**
 * "Which version applies to member …": a member's stable bucket (0–99) for this rule decides it; the
 * canary covers buckets below its percentage. Takes the host's member id or Pointmall's.
 */
export function MemberLookup({ rule }: { rule: RuleDetail }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const [memberId, setMemberId] = useState("");
  const { result, query } = useCustom<RuleApplies, HttpError>({
    url: `${apiUrl}/rules/${rule.id}/applies`,
    method: "get",
    config: { query: { memberId } },
    // The rule's state is part of the key, so the answer follows a canary change or a promotion.
    meta: { rule: `${rule.currentVersion}/${rule.canaryVersion}/${rule.canaryPercent}` },
    queryOptions: { enabled: memberId !== "", retry: false },
    errorNotification: false,
  });
  const found = memberId && !query.isError ? result?.data : undefined;

  return (
    <div data-testid="member-lookup">
      <Typography.Paragraph type="secondary">{t("rules.lookup.hint")}</Typography.Paragraph>
      <Input.Search
        allowClear
        enterButton={t("rules.lookup.button")}
        placeholder={t("rules.lookup.placeholder")}
        aria-label={t("rules.lookup.placeholder")}
        loading={query.isFetching}
        onSearch={(v) => setMemberId(v.trim())}
      />
      {memberId && query.isError && (
        <Alert
          type={query.error?.statusCode === 404 ? "warning" : "error"}
          showIcon
          style={{ marginTop: 12 }}
          message={query.error?.statusCode === 404 ? t("rules.lookup.notFound", { id: memberId }) : query.error?.message}
        />
      )}
      {found && found.memberId != null && (
        <Descriptions size="small" column={1} bordered style={{ marginTop: 12 }} data-testid="lookup-result">
          <Descriptions.Item label={t("rules.lookup.member")}>
            <Link to={`/members/show/${found.memberId}`}>{found.externalId}</Link> <Typography.Text type="secondary">#{found.memberId}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t("rules.lookup.version")}>
            <Tag color={found.canary ? "orange" : "blue"}>v{found.version}</Tag>
            {found.canary ? t("rules.lookup.inCanary") : t("rules.lookup.notInCanary")}
          </Descriptions.Item>
          <Descriptions.Item label={t("rules.lookup.bucket")}>
            <Typography.Text strong>{found.bucket}</Typography.Text>
            {rule.canaryVersion != null && (
              <>
                <BucketBar bucket={found.bucket} percent={rule.canaryPercent} />
                <Typography.Text type="secondary">
                  {t(found.canary ? "rules.lookup.bucketIn" : "rules.lookup.bucketOut", { bucket: found.bucket, percent: rule.canaryPercent })}
                </Typography.Text>
              </>
            )}
          </Descriptions.Item>
        </Descriptions>
      )}
    </div>
  );
}
