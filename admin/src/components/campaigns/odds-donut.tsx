import { useTranslate } from "@refinedev/core";
import { Pie } from "@ant-design/plots";
import { Empty } from "antd";
import { usePreferences } from "../../providers/preferences";
import { useLocalText } from "../catalog/product-bits";
import { formatPercent } from "./odds";
import { FALLBACK_COLOR, type PrizeFormValue } from "./prize-pool-editor";

/** The pool's odds as a donut in the prizes' own colours (the wheel as members will see it, in proportion). */
export default function OddsDonut({ prizes, height = 240 }: { prizes: Pick<PrizeFormValue, "name" | "oddsPpm" | "color" | "isFallback">[]; height?: number }) {
  const t = useTranslate();
  const text = useLocalText();
  const { mode } = usePreferences();
  const data = prizes
    .map((p, i) => ({ key: `${i + 1}. ${text(p.name) || t("campaigns.pool.prizeN", { n: i + 1 })}`, ppm: p.oddsPpm ?? 0, color: p.color || (p.isFallback ? FALLBACK_COLOR : "#1677ff") }))
    .filter((d) => d.ppm > 0);
  if (!data.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("campaigns.pool.noOdds")} />;
  return (
    <div data-testid="odds-donut">
      <Pie
        data={data}
        angleField="ppm"
        colorField="key"
        innerRadius={0.6}
        height={height}
        autoFit
        theme={mode === "dark" ? "classicDark" : "classic"}
        scale={{ color: { range: data.map((d) => d.color) } }}
        legend={{ color: { position: "right", rowPadding: 4, itemLabelFontSize: 12 } }}
        label={false}
        tooltip={{ title: "key", items: [{ channel: "y", name: t("campaigns.fields.odds"), valueFormatter: (v: number) => formatPercent(v) }] }}
        annotations={[
          {
            type: "text",
            style: { text: t("campaigns.pool.donutCenter", { n: data.length }), x: "50%", y: "50%", textAlign: "center", fontSize: 14, fill: mode === "dark" ? "#ddd" : "#555" },
          },
        ]}
      />
    </div>
  );
}
