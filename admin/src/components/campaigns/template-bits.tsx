import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslate } from "@refinedev/core";
import { Badge, Space, Tag, Typography } from "antd";
import { CalendarOutlined, CreditCardOutlined, QuestionCircleOutlined, RiseOutlined, SyncOutlined, ThunderboltOutlined } from "@ant-design/icons";
import { DISPLAY_TZ, formatTime } from "../../providers/preferences";
import dayjs from "dayjs";
import type { Campaign, CampaignStatus, Template } from "./types";

export const TEMPLATE_META: Record<Template, { icon: ReactNode; color: string; hex: string }> = {
  wheel: { icon: <SyncOutlined />, color: "magenta", hex: "#eb2f96" },
  scratch: { icon: <CreditCardOutlined />, color: "orange", hex: "#fa8c16" },
  quiz: { icon: <QuestionCircleOutlined />, color: "geekblue", hex: "#2f54eb" },
  flash_sale: { icon: <ThunderboltOutlined />, color: "volcano", hex: "#fa541c" },
  sign_in: { icon: <CalendarOutlined />, color: "green", hex: "#52c41a" },
  auction: { icon: <RiseOutlined />, color: "purple", hex: "#722ed1" },
};

export function TemplateTag({ template }: { template: Template }) {
  const t = useTranslate();
  const meta = TEMPLATE_META[template];
  return (
    <Tag color={meta.color} icon={meta.icon} bordered={false} data-template={template}>
      {t(`campaigns.templates.${template}.name`)}
    </Tag>
  );
}

/** "2d 3h", "1h 59m", "4m 05s", "12s": how long until an instant. */
export function formatCountdown(ms: number, t: (key: string, options?: Record<string, unknown>) => string): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return t("campaigns.countdown.days", { d, h });
  if (h > 0) return t("campaigns.countdown.hours", { h, m });
  if (m > 0) return t("campaigns.countdown.minutes", { m, s: String(sec).padStart(2, "0") });
  return t("campaigns.countdown.seconds", { s: sec });
}

/** Milliseconds until `at`, ticking every second; calls onZero once when it gets there. */
export function useCountdown(at: string | null | undefined, onZero?: () => void): number | null {
  const target = at ? new Date(at).getTime() : null;
  const [now, setNow] = useState(() => Date.now());
  const fired = useRef(false);
  useEffect(() => {
    fired.current = false;
    if (target == null) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [target]);
  const left = target == null ? null : target - now;
  useEffect(() => {
    if (left != null && left <= 0 && !fired.current) {
      fired.current = true;
      onZero?.();
    }
  }, [left, onZero]);
  return left;
}

const BADGE: Record<CampaignStatus, "default" | "processing" | "success" | "warning"> = { draft: "default", scheduled: "processing", live: "success", ended: "default" };
const COLOR: Record<CampaignStatus, string> = { draft: "default", scheduled: "blue", live: "green", ended: "default" };

/**
 * The campaign's status now, with a countdown to the start while scheduled (and to the end while
 * live). When the countdown reaches zero, onChange lets the page fetch the new status.
 */
export function CampaignStatusTag({ campaign, onChange, showEnd = false }: { campaign: Pick<Campaign, "status" | "startAt" | "endAt">; onChange?: () => void; showEnd?: boolean }) {
  const t = useTranslate();
  const towards = campaign.status === "scheduled" ? campaign.startAt : campaign.status === "live" ? campaign.endAt : null;
  const left = useCountdown(towards, onChange);
  return (
    <Space size={4} wrap data-testid="campaign-status" data-status={campaign.status}>
      <Tag color={COLOR[campaign.status]} bordered={false} style={{ marginInlineEnd: 0 }}>
        <Badge status={BADGE[campaign.status]} text={t(`campaigns.status.${campaign.status}`)} />
      </Tag>
      {campaign.status === "scheduled" && left != null && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }} data-testid="countdown">
          {t("campaigns.countdown.startsIn", { time: formatCountdown(left, t) })}
        </Typography.Text>
      )}
      {campaign.status === "live" && showEnd && left != null && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}>
          {t("campaigns.countdown.endsIn", { time: formatCountdown(left, t) })}
        </Typography.Text>
      )}
    </Space>
  );
}

/** 11-23 10:00 → 11-30 22:00 (Shanghai), with the year when it is not this year. */
export function WindowText({ startAt, endAt }: { startAt: string; endAt: string }) {
  const year = dayjs().tz(DISPLAY_TZ).year();
  const fmt = (v: string) => {
    const d = dayjs(v).tz(DISPLAY_TZ);
    return d.format(d.year() === year ? "MM-DD HH:mm" : "YYYY-MM-DD HH:mm");
  };
  return (
    <Typography.Text style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }} title={`${formatTime(startAt, true)} → ${formatTime(endAt, true)}`}>
      {fmt(startAt)} → {fmt(endAt)}
    </Typography.Text>
  );
}
