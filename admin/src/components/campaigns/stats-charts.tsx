import { useTranslate } from "@refinedev/core";
import { Bar, DualAxes } from "@ant-design/plots";
import { Badge, Space, theme } from "antd";
import { usePreferences } from "../../providers/preferences";
import { useLocalText } from "../catalog/product-bits";
import type { CampaignStats } from "./types";

const PARTICIPANTS = "#fa8c16";
const VISITORS = "#8c8c8c";

/** Entries per day (columns) with participants and visitors (lines), on the Asia/Shanghai calendar. */
export function EntriesByDayChart({ days, height = 280 }: { days: CampaignStats["byDay"]; height?: number }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { mode } = usePreferences();
  const data = days.map((d) => ({ ...d, label: d.day.slice(5) }));
  const lines = data.flatMap((d) => [
    { label: d.label, who: t("campaigns.stats.participants"), n: d.participants },
    { label: d.label, who: t("campaigns.stats.visitors"), n: d.visitors },
  ]);
  return (
    <Space direction="vertical" style={{ width: "100%" }} size={4} data-testid="entries-by-day">
      <Space size="large" style={{ fontSize: 12 }}>
        <Badge color={token.colorPrimary} text={t("campaigns.stats.entries")} />
        <Badge color={PARTICIPANTS} text={t("campaigns.stats.participants")} />
        <Badge color={VISITORS} text={t("campaigns.stats.visitors")} />
      </Space>
      <DualAxes
        xField="label"
        height={height}
        autoFit
        theme={mode === "dark" ? "classicDark" : "classic"}
        legend={false}
        axis={{ x: { title: false, labelAutoHide: true } }}
        children={[
          {
            data,
            type: "interval",
            yField: "entries",
            scale: { y: { domainMin: 0 } },
            style: { fill: token.colorPrimary, fillOpacity: 0.85, maxWidth: 22, radiusTopLeft: 3, radiusTopRight: 3 },
            axis: { y: { title: t("campaigns.stats.entries"), position: "left" } },
            tooltip: { items: [{ channel: "y", name: t("campaigns.stats.entries") }] },
          },
          {
            data: lines,
            type: "line",
            yField: "n",
            colorField: "who",
            shapeField: "smooth",
            scale: { color: { range: [PARTICIPANTS, VISITORS] }, y: { domainMin: 0 } },
            style: { lineWidth: 2 },
            axis: { y: { title: t("campaigns.stats.people"), position: "right" } },
          },
        ]}
      />
    </Space>
  );
}

/** How many of each prize went out, as horizontal bars (the fallback in grey). */
export function PrizesIssuedChart({ prizes, height }: { prizes: CampaignStats["prizes"]; height?: number }) {
  const t = useTranslate();
  const text = useLocalText();
  const { token } = theme.useToken();
  const { mode } = usePreferences();
  const data = prizes.map((p, i) => ({ prize: `${i + 1}. ${text(p.name)}`, issued: p.issued, fallback: p.isFallback ? "fallback" : "prize" }));
  return (
    <div data-testid="prizes-issued">
      <Bar
        data={data}
        xField="prize"
        yField="issued"
        colorField="fallback"
        height={height ?? Math.max(160, 40 * data.length + 40)}
        autoFit
        theme={mode === "dark" ? "classicDark" : "classic"}
        scale={{ color: { domain: ["prize", "fallback"], range: [token.colorPrimary, "#bfbfbf"] } }}
        legend={false}
        axis={{ x: { title: false }, y: { title: t("campaigns.stats.issued") } }}
        label={{ text: "issued", position: "right", textAlign: "start", dx: 6, fill: token.colorText }}
        tooltip={{ items: [{ channel: "y", name: t("campaigns.stats.issued") }] }}
        style={{ maxWidth: 24 }}
      />
    </div>
  );
}

