import { useTranslate } from "@refinedev/core";
import { Column, Line } from "@ant-design/plots";
import { Typography } from "antd";
import { usePreferences } from "../../providers/preferences";
import { pointsFor } from "./rule-summary";
import type { RuleConfig } from "./types";

export interface ChartSeries {
  /** Legend label, e.g. "v2 (current)". */
  label: string;
  config: RuleConfig;
}

const SAMPLES = 48;

/** The largest purchase amount worth plotting: past the top band, or twenty ratio steps. */
function purchaseRange(series: ChartSeries[]): number {
  let top = 20000;
  for (const { config } of series) {
    const a = config.award;
    if (a.kind === "purchaseTiers" && a.bands.length) top = Math.max(top, Math.ceil((a.bands[a.bands.length - 1].minCents * 1.4) / 1000) * 1000);
    if (a.kind === "purchaseRatio") top = Math.max(top, a.perCents * 20, a.minCents * 2);
  }
  return top;
}

/**
 * What a member gets, drawn: points by purchase amount (a step line) or by streak day (columns).
 * Several series (current and canary) share the axes, so the difference is seen at a glance.
 * Fixed and daily awards are one number, so they have no chart.
 */
export default function AwardChart({ series, height = 220 }: { series: ChartSeries[]; height?: number }) {
  const t = useTranslate();
  const { mode } = usePreferences();
  const valid = series.filter((s) => s.config?.award);
  const kinds = new Set(valid.map((s) => s.config.award.kind));
  const theme = mode === "dark" ? "classicDark" : "classic";
  const colors = ["#1677ff", "#fa8c16", "#52c41a"];

  if (valid.length && [...kinds].every((k) => k === "purchaseRatio" || k === "purchaseTiers")) {
    const top = purchaseRange(valid);
    const amounts = new Set<number>();
    for (let i = 0; i <= SAMPLES; i++) amounts.add(Math.round((top * i) / SAMPLES));
    for (const { config } of valid) if (config.award.kind === "purchaseTiers") for (const b of config.award.bands) if (b.minCents <= top) amounts.add(b.minCents);
    const xs = [...amounts].sort((a, b) => a - b);
    const data = valid.flatMap(({ label, config }) => xs.map((cents) => ({ yuan: cents / 100, points: pointsFor(config.award, { amountCents: cents }), series: label })));
    return (
      <div data-testid="award-chart">
        <Line
          data={data}
          height={height}
          theme={theme}
          xField="yuan"
          yField="points"
          colorField="series"
          shapeField="hv"
          scale={{ color: { range: colors } }}
          axis={{ x: { title: t("rules.chart.amount"), labelFormatter: (v: number) => `¥${v}` }, y: { title: t("rules.chart.points") } }}
          legend={valid.length > 1 ? { color: { position: "top" } } : false}
          tooltip={{ title: (d: { yuan: number }) => `¥${d.yuan}` }}
        />
      </div>
    );
  }

  if (valid.length && [...kinds].every((k) => k === "streak")) {
    const longest = Math.max(...valid.map(({ config }) => (config.award.kind === "streak" ? Math.max(config.award.steps.length, config.award.bonusEvery || 0) : 7)));
    const days = Math.min(31, Math.max(7, longest) + 1);
    const data = valid.flatMap(({ label, config }) =>
      Array.from({ length: days }, (_, i) => ({ day: t("rules.chart.day", { n: i + 1 }), points: pointsFor(config.award, { day: i + 1 }), series: label })),
    );
    return (
      <div data-testid="award-chart">
        <Column
          data={data}
          height={height}
          theme={theme}
          xField="day"
          yField="points"
          colorField="series"
          group={valid.length > 1}
          scale={{ color: { range: colors } }}
          axis={{ y: { title: t("rules.chart.points") } }}
          legend={valid.length > 1 ? { color: { position: "top" } } : false}
        />
      </div>
    );
  }

  return <Typography.Text type="secondary">{t("rules.chart.none")}</Typography.Text>;
}
